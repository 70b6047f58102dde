"""Screenshots: every formula in a cell of its own, at the same place on each renderer's pages,
the pages shot by one headless Chromium each, the cells cut out of the shots."""
import concurrent.futures
import html as htmllib
import math
import shutil
import subprocess
from dataclasses import dataclass

from PIL import Image

EM_PX = 40  # the font size of every renderer: 1 em = 40 CSS pixels = LaTeX's 10 pt
PAGE_WIDTH = 3600  # pixels; cells are packed in rows up to this width
PAGE_HEIGHT = 7200  # and rows into pages up to this height

# What every page gets: white, black, no margins, each cell a fixed box that centres the formula
# at its natural width and cuts off whatever overflows (which the crop then reports). And what
# mathvariant="normal" means, said in CSS: Chromium now and then draws such an <mi> in italic
# (one shot of a KaTeX page in about eight here, with the same page and the same Chromium);
# with the rule, every shot comes out the same.
BENCH_CSS = """
:root { color-scheme: light; --text: #000; --background: #fff; }
mi[mathvariant="normal"] { text-transform: none; }
html, body { margin: 0; padding: 0; max-width: none; background: #fff; color: #000; }
.cell { position: absolute; overflow: hidden; display: flex; align-items: center;
  justify-content: center; font-size: %dpx; }
.cell > div { flex: none; width: max-content; }
.cell p { margin: 0; }
.cell img { display: block; }
""" % EM_PX

# The page stays hidden until its images and its math font have loaded (a font load starts
# only when something asks for it, so the script asks); then a mark below the cells shows that
# it did, and a shot without the mark is taken again.
SCRIPT = """<script>
window.addEventListener("load", function () {
  Promise.all([document.fonts.load('40px "Latin Modern Math"', "x\u2211\u0393"),
               document.fonts.ready]).then(function () {
    document.body.style.visibility = "visible";
  });
});
</script>"""
MARK = 6  # pixels: the ready mark's side, under the page's last row of cells


@dataclass
class Cell:
    page: int
    x: int
    y: int
    width: int
    height: int


def layout(sizes):
    """Cells for formulas whose LaTeX ink is `sizes` (width, height in px), generous enough for
    a renderer that sets a formula half again as wide or nearly twice as tall; packed in rows
    (shelves) into pages."""
    cells = []
    page, x, y, row = 0, 0, 0, 0
    for width, height in sizes:
        w = max(240, math.ceil(1.5 * width + 160))
        h = max(160, math.ceil(1.8 * height + 120))
        w = min(w, PAGE_WIDTH)
        if x + w > PAGE_WIDTH:
            x, y, row = 0, y + row, 0
        if y + h > PAGE_HEIGHT:
            page, x, y, row = page + 1, 0, 0, 0
        cells.append(Cell(page, x, y, w, h))
        x += w
        row = max(row, h)
    return cells


def page_size(cells, page):
    mine = [c for c in cells if c.page == page]
    return max(c.x + c.width for c in mine), max(c.y + c.height for c in mine)


def write_pages(folder, name, cells, contents, head):
    """Writes `name`-N.html for each page: `contents[i]` (HTML) in `cells[i]`."""
    pages = []
    for page in range(cells[-1].page + 1):
        body = []
        for cell, content in zip(cells, contents):
            if cell.page != page:
                continue
            body.append(f'<div class="cell" style="left:{cell.x}px;top:{cell.y}px;'
                        f'width:{cell.width}px;height:{cell.height}px"><div>{content}</div></div>')
        width, height = page_size(cells, page)
        body.append(f'<div style="position:absolute;left:0;top:{height + 1}px;'
                    f'width:{MARK}px;height:{MARK}px;background:#000"></div>')
        path = folder / f"{name}-{page}.html"
        path.write_text(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{htmllib.escape(name)}</title>\n{head}\n<style>{BENCH_CSS}</style>\n"
            "</head>\n<body style=\"visibility: hidden\">\n" + "\n".join(body) + "\n" + SCRIPT
            + "\n</body>\n</html>\n", encoding="utf-8")
        pages.append((path, (width, height + MARK + 2)))
    return pages


def chromium():
    for name in ("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    raise SystemExit("no Chromium: apt-get install chromium")


def chromium_version():
    out = subprocess.run([chromium(), "--version"], capture_output=True, text=True).stdout
    return out.strip() or "unknown"


def shoot(pages):
    """Screenshots of the pages, two Chromiums at a time; returns the images in order."""
    program = chromium()

    def one(item):
        path, (width, height) = item
        png = path.with_suffix(".png")
        command = [program, "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                   "--force-device-scale-factor=1", "--force-color-profile=srgb",
                   "--virtual-time-budget=20000", f"--window-size={width},{height}",
                   f"--screenshot={png}", path.as_uri()]
        if not program.endswith("headless-shell"):
            command.insert(1, "--headless")
        for _ in range(3):
            subprocess.run(command, capture_output=True, check=True, timeout=180)
            image = Image.open(png).convert("L")
            if image.size != (width, height):
                raise SystemExit(f"{png}: {image.size}, expected {(width, height)}")
            if image.getpixel((MARK // 2, height - 1 - MARK // 2)) < 128:
                return image
        raise SystemExit(f"{path}: shot three times before its fonts had loaded")

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(one, pages))


def cut(images, cells):
    """Each cell's gray image."""
    return [images[c.page].crop((c.x, c.y, c.x + c.width, c.y + c.height)) for c in cells]
