// Draws the benchmark plots with Figures and prints one JSON object with the median time
// (seconds) and size (bytes) of each; `--write DIR` also saves the SVGs and a preview page
// (`preview.html`, with `PlotStyle.css`) to look at in light and dark mode.

import Figures
import Foundation

/// x = linspace(-3, 3, n), the same grid as bench_matplotlib.py.
func linspace(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
  (0..<n).map { a + (b - a) * Double($0) / Double(n - 1) }
}

let xs = linspace(-3, 3, 1000)
let curves: [(String, (Double) -> Double)] = [
  ("hinge", { max(0, 1 - $0) }),
  ("log", { log1p(exp(-$0)) }),
  ("square-square", { $0 < 1 ? (1 - $0) * (1 - $0) / 4 : 0 }),
  ("wave", { sin(3 * $0) * exp(-$0 * $0 / 4) }),
]

@MainActor func linePlot() throws -> String {
  var plot = LinePlot(title: "Four series", xLabel: "energy gap", yLabel: "loss")
  for (name, f) in curves { plot = plot.series(name, xs: xs, ys: xs.map(f)) }
  return try plot.renderSVG()
}

/// E(a, b) on a 200 × 200 grid of cell centres over [-2, 2] × [-1.5, 1.5].
func energy(_ a: Double, _ b: Double) -> Double {
  let well1 = exp(-((a - 0.8) * (a - 0.8) + (b - 0.3) * (b - 0.3)) / 0.3)
  let well2 = exp(-((a + 0.9) * (a + 0.9) + (b + 0.4) * (b + 0.4)) / 0.5)
  return 0.3 * (a * a + b * b) - 1.5 * well1 - well2
}

let n = 200
let gridX = (0..<n).map { -2 + 4 * (Double($0) + 0.5) / Double(n) }
let gridY = (0..<n).map { -1.5 + 3 * (Double($0) + 0.5) / Double(n) }
let values = gridY.map { b in gridX.map { a in energy(a, b) } }

@MainActor func heatMap() throws -> String {
  try HeatMap(
    title: "Energy surface", xLabel: "y₁", yLabel: "y₂", valueLabel: "energy",
    x: -2...2, y: -1.5...1.5, values: values
  ).contours(count: 6).renderSVG()
}

func median(_ f: () throws -> String, runs: Int) rethrows -> (seconds: Double, svg: String) {
  var times: [Double] = []
  var svg = ""
  let clock = ContinuousClock()
  for _ in 0..<runs {
    let start = clock.now
    svg = try f()
    let d = clock.now - start
    times.append(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
  }
  times.sort()
  return (times[times.count / 2], svg)
}

let arguments = CommandLine.arguments
let runs = 30
let line = try median(linePlot, runs: runs)
let heat = try median(heatMap, runs: runs)
print(
  """
  {"line": {"seconds": \(line.seconds), "bytes": \(line.svg.utf8.count)}, \
  "heatmap": {"seconds": \(heat.seconds), "bytes": \(heat.svg.utf8.count)}, "runs": \(runs)}
  """)

if let i = arguments.firstIndex(of: "--write"), i + 1 < arguments.count {
  let dir = URL(fileURLWithPath: arguments[i + 1])
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  try line.svg.write(
    to: dir.appendingPathComponent("figures-line.svg"), atomically: true, encoding: .utf8)
  try heat.svg.write(
    to: dir.appendingPathComponent("figures-heatmap.svg"), atomically: true, encoding: .utf8)
  let page = """
    <!DOCTYPE html>
    <html lang="en"><head><meta charset="utf-8"><title>Figures preview</title>
    <style>
    body { font: 16px/1.5 system-ui, sans-serif; max-width: 720px; margin: 2em auto;
      background: #fff; color: #222; }
    @media (prefers-color-scheme: dark) { body { background: #1b1b1f; color: #e6e6e6; } }
    \(PlotStyle.css)
    </style></head><body>
    <p>Line plot, four series of 1000 points.</p>
    \(line.svg)
    <p>Heat map, 200 × 200, with contours.</p>
    \(heat.svg)
    </body></html>
    """
  try page.write(to: dir.appendingPathComponent("preview.html"), atomically: true, encoding: .utf8)
}
