"""What the benchmark prints and writes: a table per renderer, the homework's formulas under the
bar, the goals, contact sheets of the worst formulas, the scores as JSON and a comparison with
an earlier run's JSON."""
import json
import math
import statistics

from PIL import Image, ImageDraw, ImageFont

BAR = 0.8  # a formula under this similarity is counted as poor
CHANGE = 0.02  # a similarity change at least this large is reported by --compare


def one_line(tex, width=70):
    text = " ".join(tex.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def summary(rows, renderer):
    """Median similarity, median |log width ratio|, median |log height ratio|, count under the
    bar, conversion errors and clipped cells of one renderer."""
    scores = [row[renderer] for row in rows]
    drawn = [s for s in scores if s["width"] > 0]
    return {
        "median_similarity": statistics.median(s["similarity"] for s in scores),
        "median_height_scaled": statistics.median(s["height_scaled"] for s in scores),
        "median_same_size": statistics.median(s["same_size"] for s in scores),
        "median_abs_log_width": statistics.median(abs(math.log(s["width"])) for s in drawn),
        "median_abs_log_height": statistics.median(abs(math.log(s["height"])) for s in drawn),
        "below_bar": sum(s["similarity"] < BAR for s in scores),
        "below_bar_height_scaled": sum(s["height_scaled"] < BAR for s in scores),
        "below_bar_same_size": sum(s["same_size"] < BAR for s in scores),
        "errors": sum(s["error"] for s in scores),
        "clipped": sum(s["clipped"] for s in scores),
        "empty": len(scores) - len(drawn),
    }


def worst(rows, renderer, count=10):
    return sorted(rows, key=lambda row: (row[renderer]["similarity"], row["key"]))[:count]


def print_tables(rows, renderers):
    print()
    print(f"{'renderer':<8} {'median sim':>10} {'med |ln w|':>10} {'med |ln h|':>10} "
          f"{'< ' + str(BAR):>6} {'errors':>6} {'clipped':>7} {'by height':>9} {'< ' + str(BAR):>6}"
          f" {'unscaled':>9} {'< ' + str(BAR):>6}"
          f"  (of {len(rows)} formulas; similarity scaled by the ink box; by height: scaled to "
          f"LaTeX's height alone; unscaled: at the same size)")
    summaries = {}
    for renderer in renderers:
        s = summary(rows, renderer)
        summaries[renderer] = s
        print(f"{renderer:<8} {s['median_similarity']:>10.3f} {s['median_abs_log_width']:>10.3f} "
              f"{s['median_abs_log_height']:>10.3f} {s['below_bar']:>6} {s['errors']:>6} "
              f"{s['clipped']:>7} {s['median_height_scaled']:>9.3f} "
              f"{s['below_bar_height_scaled']:>6} {s['median_same_size']:>9.3f} "
              f"{s['below_bar_same_size']:>6}")
    print(f"\n{'median similarity by source':<28}" + "".join(f"{r:>8}" for r in renderers))
    for group in dict.fromkeys(row["group"] for row in rows):
        mine = [row for row in rows if row["group"] == group]
        print(f"  {group + f' ({len(mine)})':<26}" + "".join(
            f"{statistics.median(row[r]['similarity'] for row in mine):>8.3f}" for r in renderers))
    for renderer in renderers:
        print(f"\n{renderer}: the worst ten (similarity, width and height ratios to LaTeX)")
        for row in worst(rows, renderer):
            s = row[renderer]
            flags = (" [error]" if s["error"] else "") + (" [clipped]" if s["clipped"] else "")
            print(f"  {s['similarity']:.3f}  w {s['width']:.2f}  h {s['height']:.2f}  "
                  f"{row['source']:<32} {one_line(row['tex'], 60)}{flags}")
    return summaries


def print_homework(rows, renderer="hw"):
    homework = [row for row in rows if row["group"] == "homework"]
    under = sorted((row for row in homework if row[renderer]["similarity"] < BAR),
                   key=lambda row: row[renderer]["similarity"])
    same_size = sum(row[renderer]["same_size"] < BAR for row in homework)
    by_height = sum(row[renderer]["height_scaled"] < BAR for row in homework)
    print(f"\nHomework formulas under {BAR} for {renderer}: {len(under)} of {len(homework)} "
          f"({by_height} scaled to LaTeX's height alone, {same_size} at the same size, unscaled)")
    for row in under:
        s = row[renderer]
        print(f"  {s['similarity']:.3f}  w {s['width']:.2f}  h {s['height']:.2f}  "
              f"by height {s['height_scaled']:.3f}  same size {s['same_size']:.3f}  "
              f"{row['source']:<32} {one_line(row['tex'], 50)}")
    return len(under), len(homework)


def label_font(size):
    for name in ("DejaVuSans.ttf", "LiberationSans-Regular.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default()


def contact_sheet(entries, renderer, path, max_width=1800):
    """A PNG of `entries` (row, LaTeX crop, renderer crop), each labelled, LaTeX above the
    renderer's, both at the benchmark's scale (shrunk alike where wider than `max_width`)."""
    font = label_font(20)
    small = label_font(18)
    margin, gap, label = 16, 10, 90
    blocks = []
    for rank, (row, reference, rendering) in enumerate(entries, 1):
        images = [reference, rendering] if rendering is not None else [reference]
        widest = max(image.width for image in images)
        factor = min(1.0, max_width / widest)
        images = [image.resize((max(1, round(image.width * factor)),
                                max(1, round(image.height * factor))), Image.LANCZOS)
                  if factor < 1 else image for image in images]
        s = row[renderer]
        title = (f"{rank}. similarity {s['similarity']:.3f}   width {s['width']:.2f}   "
                 f"height {s['height']:.2f}   {row['source']}"
                 + ("   (shown at %.0f%%)" % (100 * factor) if factor < 1 else ""))
        blocks.append((title, one_line(row["tex"], 150), images))
    width = 2 * margin + label + max(max(image.width for image in b[2]) for b in blocks)
    width = max(width, 1000)
    heights = [28 + 26 + sum(image.height + gap for image in b[2]) + 2 * gap for b in blocks]
    sheet = Image.new("RGB", (width, margin + sum(heights) + margin), "white")
    draw = ImageDraw.Draw(sheet)
    y = margin
    for (title, tex, images), height in zip(blocks, heights):
        draw.text((margin, y), title, fill=(0, 0, 0), font=font)
        draw.text((margin, y + 28), tex, fill=(90, 90, 90), font=small)
        top = y + 28 + 26 + gap
        for name, image in zip(["LaTeX", renderer], images):
            draw.text((margin, top), name, fill=(11, 92, 173), font=font)
            sheet.paste(image.convert("RGB"), (margin + label, top))
            top += image.height + gap
        if len(images) == 1:
            draw.text((margin, top), f"{renderer}: no ink", fill=(179, 38, 30), font=font)
        y += height
        draw.line((margin, y - gap, width - margin, y - gap), fill=(200, 200, 200), width=1)
    sheet.save(path)


def write_json(path, document):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(document, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")


def compare(old_path, rows, renderers):
    """Prints, per renderer, the formulas whose similarity moved by CHANGE or more since the
    run that wrote `old_path`."""
    with open(old_path, encoding="utf-8") as f:
        old = {row["key"]: row for row in json.load(f)["formulas"]}
    print(f"\nCompared with {old_path}:")
    for renderer in renderers:
        pairs = [(row, old[row["key"]]) for row in rows
                 if row["key"] in old and renderer in old[row["key"]]]
        if not pairs:
            continue
        moved = sorted(((new[renderer]["similarity"] - before[renderer]["similarity"], new)
                        for new, before in pairs), key=lambda item: (item[0], item[1]["key"]))
        better = [(d, row) for d, row in moved if d >= CHANGE][::-1]
        worse = [(d, row) for d, row in moved if d <= -CHANGE]
        median_old = statistics.median(before[renderer]["similarity"] for _, before in pairs)
        median_new = statistics.median(new[renderer]["similarity"] for new, _ in pairs)
        print(f"  {renderer}: {len(pairs)} formulas in both; median {median_old:.3f} → "
              f"{median_new:.3f}; {len(better)} better, {len(worse)} worse by {CHANGE} or more")
        for label, items in (("better", better), ("worse", worse)):
            for d, row in items[:15]:
                print(f"    {label:<6} {d:+.3f} → {row[renderer]['similarity']:.3f}  "
                      f"{row['source']:<32} {one_line(row['tex'], 50)}")
            if len(items) > 15:
                print(f"    … and {len(items) - 15} more {label}")
    new_keys = {row["key"] for row in rows}
    print(f"  {len(new_keys - set(old))} formulas new, {len(set(old) - new_keys)} gone")
