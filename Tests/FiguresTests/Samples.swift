import Figures
import Foundation

/// The plots the golden files show, built from closed-form values so they never drift.
enum Samples {
  static func lossPlot() -> LinePlot {
    LinePlot(title: "Contrastive losses", xLabel: "energy gap F(x,ȳ) − F(x,y)", yLabel: "loss")
      .function("hinge", in: -3...3, samples: 61) { max(0, 1 - $0) }
      .function("log", in: -3...3, samples: 61) { log1p(exp(-$0)) }
      .function("square-square", in: -3...3, samples: 61) { $0 < 1 ? (1 - $0) * (1 - $0) / 4 : 0 }
      .rule(x: 1, label: "margin m = 1")
  }

  static func gapPlot() -> LinePlot {
    LinePlot(title: "tan x has poles", xLabel: "x", yLabel: "y", yRange: -4...4)
      .function("tan", in: -3...3, samples: 121) { x in
        abs(cos(x)) < 0.08 ? .nan : tan(x)
      }
      .series(
        "1/x", xs: [-3, -2, -1, 0, 1, 2, 3], ys: [-1.0 / 3, -0.5, -1, .infinity, 1, 0.5, 1.0 / 3],
        marker: .automatic)
  }

  static func scatter() -> ScatterPlot {
    let xs = (0..<20).map { Double($0) / 4 }
    return ScatterPlot(title: "Energies of samples", xLabel: "x", yLabel: "energy")
      .points("positive", xs: xs, ys: xs.map { sin($0) + 1.5 })
      .points("negative", xs: xs, ys: xs.map { cos($0) * 0.5 })
      .points("other", xs: xs.map { $0 + 0.1 }, ys: xs.map { 0.3 * $0 - 1 })
  }
}

extension Samples {
  static func energySurface() -> HeatMap {
    HeatMap(
      title: "Energy surface", xLabel: "y₁", yLabel: "y₂", valueLabel: "energy E(y)",
      x: -2...2, y: -1.5...1.5, resolution: 60
    ) { a, b in
      let well1 = exp(-((a - 0.8) * (a - 0.8) + (b - 0.3) * (b - 0.3)) / 0.3)
      let well2 = exp(-((a + 0.9) * (a + 0.9) + (b + 0.4) * (b + 0.4)) / 0.5)
      return 0.3 * (a * a + b * b) - 1.5 * well1 - well2
    }
    .contours(count: 6)
  }

  static func lossGrid() -> PlotGrid {
    let losses: [(String, (Double) -> Double)] = [
      ("hinge", { max(0, 1 - $0) }),
      ("log", { log1p(exp(-$0)) }),
      ("square-square", { $0 < 1 ? (1 - $0) * (1 - $0) / 4 : 0 }),
      ("perceptron", { max(0, -$0) }),
    ]
    let panels: [any XYPlot] = losses.map { name, f in
      LinePlot(title: name, xLabel: "energy gap", yLabel: "value")
        .function("loss", in: -3...3, samples: 31, f)
        .function("−gradient", in: -3...3, samples: 31) { x in
          (f(x - 1e-4) - f(x + 1e-4)) / 2e-4
        }
    }
    return PlotGrid(title: "Losses and their gradients", columns: 2, panels: panels)
  }
}

extension Samples {
  /// Training losses falling over decades, on a logarithmic y axis, with markers.
  static func logPlot() -> LinePlot {
    let steps = (0...40).map(Double.init)
    return LinePlot(title: "Training loss", xLabel: "step", yLabel: "loss")
      .series("hinge", xs: steps, ys: steps.map { 2 * exp(-$0 / 6) })
      .series("log", xs: steps, ys: steps.map { 0.7 / (1 + $0 * $0 / 4) })
      .series("square-square", xs: steps, ys: steps.map { $0 == 20 ? 0 : 1.5 * exp(-$0 / 3) })
      .yScale(.log)
  }
}

extension Samples {
  /// Four energy surfaces, as if trained with four losses, on one colour scale.
  static func surfaceGrid() -> PlotGrid {
    let maps = [("hinge", 0.5), ("log", 1.0), ("square-square", 1.5), ("NLL", 2.0)].map {
      name, depth in
      HeatMap(
        title: name, xLabel: "y₁", yLabel: "y₂", valueLabel: "energy", x: -2...2, y: -2...2,
        resolution: 40
      ) { a, b in
        0.25 * (a * a + b * b) - depth * exp(-((a - 0.7) * (a - 0.7) + b * b) / 0.4)
      }
      .contours(count: 4)
    }
    return PlotGrid(title: "Energy after training", columns: 2, heatMaps: maps)
  }
}
