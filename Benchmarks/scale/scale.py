"""Generates one document per construct and size, times `hw render` on each and fits the
exponent of time against size. Called by run.sh: scale.py HW WORK_DIR BASE RUNS."""
import math, os, statistics, subprocess, sys, time

hw, work, base, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
GOAL = 1.15

# Each construct: one unit of Markdown, given its number (so ids and targets differ).
CONSTRUCTS = {
    "headings": lambda i: f"## Section {i % 97} $x_{{{i % 13}}}$\n\ntext\n\n",
    "links": lambda i: f"see [page {i}](other{i % 50}.md#s{i}) and [web](https://x.org/{i}) ",
    "formulas": lambda i: f"where $\\frac{{a_{i % 9}}}{{b}} + \\sum_{{k}} x_k^2$ holds ",
    "lists": lambda i: f"{'  ' * (i % 4)}- item {i} with *emphasis*\n",
    "quotes": lambda i: f"> {'> ' * (i % 3)}quoted line {i} with $y$\n",
    "tables": lambda i: f"| a{i} | $b_{i % 7}$ | c |\n" + ("|---|---|---|\n" if i % 20 == 0 else ""),
    "code": lambda i: f"```swift\nlet v{i} = {i}\n```\n\n",
    "emphasis": lambda i: f"*a {i}* **b** _c_ `d` ",
}


def document(construct, units):
    make = CONSTRUCTS[construct]
    parts = ["---\ntitle: Scale\n---\n\n"]
    for i in range(units):
        parts.append(make(i))
        # Paragraph-level constructs get a paragraph break now and then, as real text does.
        if construct in ("links", "formulas", "emphasis") and i % 40 == 39:
            parts.append("\n\n")
    return "".join(parts)


LIMIT = float(os.environ.get("LIMIT", "120"))


def timed(arguments):
    """Median wall time of `runs` runs; LIMIT seconds at most (a run past it counts as LIMIT,
    and the construct's exponent is then a lower bound)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        try:
            result = subprocess.run(arguments, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, timeout=LIMIT)
        except subprocess.TimeoutExpired:
            return LIMIT
        times.append(time.perf_counter() - start)
        if result.returncode not in (0, 1):
            raise SystemExit(f"hw exited {result.returncode} on {arguments[-1]}")
    return statistics.median(times)


def exponent(sizes, times):
    """Least-squares slope of log(time) against log(size) (with two points, the slope between
    them)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-4)) for t in times]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


factors = [1, 4, 16]
# hw refuses a page past 8 MiB (see the README's limits): every document stays under it.
PAGE_LIMIT = 8 * 1024 * 1024
# What starting hw costs, measured on an empty page and taken off every time before the fit,
# so that a construct's own cost is what the exponent describes.
empty = os.path.join(work, "empty.md")
with open(empty, "w") as file:
    file.write("# Empty\n")
startup = {mode: timed([hw, "render", empty] + extra)
           for mode, extra in (("page", []), ("fragment", ["--fragment"]))}
print(f"startup (empty page, subtracted before the fit): page {startup['page']:.3f}s, "
      f"fragment {startup['fragment']:.3f}s")
print(f"{'construct':<10} {'mode':<9} " + " ".join(f"{'x' + str(f):>9}" for f in factors)
      + f" {'MB x16':>7} {'k':>6}")
missed = 0
for construct in CONSTRUCTS:
    paths, sizes = [], []
    for factor in factors:
        path = os.path.join(work, f"{construct}-{factor}.md")
        with open(path, "w") as file:
            file.write(document(construct, base * factor))
        paths.append(path)
        sizes.append(os.path.getsize(path))
        if sizes[-1] > PAGE_LIMIT:
            raise SystemExit(f"{construct} x{factor} is {sizes[-1]} bytes, past hw's page limit: "
                             "use a smaller BASE")
    for mode, extra in (("page", []), ("fragment", ["--fragment"])):
        times = [timed([hw, "render", path] + extra) for path in paths]
        # The exponent between the two largest sizes, where the construct's own cost dominates
        # starting hw and the machine's noise (the smallest size is printed for the shape).
        net = [max(t - startup[mode], 1e-3) for t in times]
        k = exponent(sizes[1:], net[1:])
        verdict = "" if k <= GOAL else "  MISSED"
        missed += k > GOAL
        print(f"{construct:<10} {mode:<9} " + " ".join(f"{t:8.3f}s" for t in times)
              + f" {sizes[-1] / 1e6:7.1f} {k:6.2f}{verdict}")
print(f"goal: k <= {GOAL} for each; {missed} missed")
