"""The benchmark plots drawn with matplotlib's SVG backend, timed the same way (median of
RUNS renders to an in-memory file). Prints one JSON object like the Swift side."""
import io
import json
import sys
import time

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

RUNS = 10
xs = np.linspace(-3, 3, 1000)
curves = [
    ("hinge", np.maximum(0, 1 - xs)),
    ("log", np.log1p(np.exp(-xs))),
    ("square-square", np.where(xs < 1, (1 - xs) ** 2 / 4, 0)),
    ("wave", np.sin(3 * xs) * np.exp(-xs * xs / 4)),
]

n = 200
gx = -2 + 4 * (np.arange(n) + 0.5) / n
gy = -1.5 + 3 * (np.arange(n) + 0.5) / n
A, B = np.meshgrid(gx, gy)
E = (0.3 * (A * A + B * B)
     - 1.5 * np.exp(-((A - 0.8) ** 2 + (B - 0.3) ** 2) / 0.3)
     - np.exp(-((A + 0.9) ** 2 + (B + 0.4) ** 2) / 0.5))


def line_plot():
    fig, ax = plt.subplots(figsize=(6.4, 4.0))
    for name, ys in curves:
        ax.plot(xs, ys, label=name)
    ax.set_title("Four series")
    ax.set_xlabel("energy gap")
    ax.set_ylabel("loss")
    ax.grid(True)
    ax.legend()
    out = io.BytesIO()
    fig.savefig(out, format="svg")
    plt.close(fig)
    return out.getvalue()


def heat_map():
    fig, ax = plt.subplots(figsize=(6.4, 5.2))
    image = ax.imshow(E, origin="lower", extent=(-2, 2, -1.5, 1.5), aspect="auto",
                      cmap="viridis")
    ax.contour(gx, gy, E, levels=6, colors="black", linewidths=1, alpha=0.6)
    fig.colorbar(image, ax=ax, label="energy")
    ax.set_title("Energy surface")
    ax.set_xlabel("y₁")
    ax.set_ylabel("y₂")
    out = io.BytesIO()
    fig.savefig(out, format="svg")
    plt.close(fig)
    return out.getvalue()


def median(f):
    times, data = [], b""
    for _ in range(RUNS):
        start = time.perf_counter()
        data = f()
        times.append(time.perf_counter() - start)
    times.sort()
    return times[len(times) // 2], data


line_plot()  # warm-up: font cache, imports
line = median(line_plot)
heat = median(heat_map)
if len(sys.argv) > 2 and sys.argv[1] == "--write":
    with open(f"{sys.argv[2]}/matplotlib-line.svg", "wb") as f:
        f.write(line[1])
    with open(f"{sys.argv[2]}/matplotlib-heatmap.svg", "wb") as f:
        f.write(heat[1])
print(json.dumps({
    "line": {"seconds": line[0], "bytes": len(line[1])},
    "heatmap": {"seconds": heat[0], "bytes": len(heat[1])},
    "runs": RUNS,
    "matplotlib": matplotlib.__version__,
}))
