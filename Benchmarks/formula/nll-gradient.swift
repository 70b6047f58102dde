// Micro-benchmark: the NLL-gradient formula, parsed once and evaluated 10,000 times
// with a linear energy over 5 labels and 4 inputs (25 parameters), against the same gradient
// written as a Swift loop. Built with TeXMath's sources by nll-gradient.sh.

#if canImport(Glibc)
  import Glibc
#endif

let tex = """
  \\frac{\\partial \\ell}{\\partial W} = \\frac{\\partial F_W(x,y)}{\\partial W} - \\sum_{\\bar y} \
  P_W(\\bar y \\mid x)\\,\\frac{\\partial F_W(x,\\bar y)}{\\partial W} \\label{nll-grad}
  """
let labels = 5
let inputs = 4
let weights: [[Double]] = (0..<labels).map { y in
  (0..<inputs).map { j in sin(Double(3 * y + j)) / 2 }
}
let biases = (0..<labels).map { cos(Double($0)) / 4 }
let beta = 1.5

func energy(_ x: [Double], _ y: Int) -> Double {
  var total = -biases[y]
  for j in 0..<inputs { total -= weights[y][j] * x[j] }
  return total
}

func energyGradient(_ x: [Double], _ y: Int) -> [Double] {
  var g = [Double](repeating: 0, count: labels * inputs + labels)
  for j in 0..<inputs { g[inputs * y + j] = -x[j] }
  g[labels * inputs + y] = -1
  return g
}

func probabilities(_ x: [Double]) -> [Double] {
  let e = (0..<labels).map { exp(-beta * energy(x, $0)) }
  let z = e.reduce(0, +)
  return e.map { $0 / z }
}

/// The gradient as a block would write it by hand.
func handWritten(_ x: [Double], _ y: Int, _ p: [Double]) -> [Double] {
  var g = energyGradient(x, y)
  for yBar in 0..<labels {
    let gBar = energyGradient(x, yBar)
    for i in g.indices { g[i] -= p[yBar] * gBar[i] }
  }
  return g
}

extension String {
  func padding(toLength length: Int) -> String {
    self + String(repeating: " ", count: max(0, length - count))
  }
}

func now() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// The best of `runs` runs of `count` calls of `body`, in nanoseconds per call.
func measure(_ count: Int, runs: Int = 15, _ body: (Int) throws -> Double) rethrows -> Double {
  var best = Double.infinity
  var sink = 0.0
  for _ in 0..<runs {
    let start = now()
    for i in 0..<count { sink += try body(i) }
    best = min(best, now() - start)
  }
  if sink.isNaN { print("") }
  return best / Double(count) * 1e9
}

@main
enum NLLGradientBenchmark {
  static func main() throws {
    let count = 10_000
    let points: [[Double]] = (0..<count).map { i in
      (0..<inputs).map { j in sin(Double(i * inputs + j)) }
    }
    let probabilityTable = points.map(probabilities)

    var start = now()
    let formula = try EvaluableFormula(tex: tex)
    let firstParse = (now() - start) * 1e6
    start = now()
    _ = try EvaluableFormula(tex: tex)
    let secondParse = (now() - start) * 1e6
    let side = formula.sides[1]

    // The closures read the point being evaluated, as a block's closures read its model.
    var current = 0
    var bindings = FormulaBindings()
    bindings["y"] = 2
    bindings["\\bar y"] = .set((0..<labels).map { MathValue($0) })
    bindings["P_W"] = .function { arguments in
      .scalar(probabilityTable[current][Int(arguments[0].scalar!)])
    }
    bindings["\\partial F_W / \\partial W"] = .function { arguments in
      .vector(energyGradient(arguments[0].vector!, Int(arguments[1].scalar!)))
    }

    let function = try side.function(of: ["x"], bindings: bindings)
    let viaFunction = try measure(count) { i in
      current = i
      return try function(.vector(points[i])).elements[0]
    }
    let viaEvaluate = try measure(count) { i in
      current = i
      bindings["x"] = .value(.vector(points[i]))
      return try side.evaluate(bindings).elements[0]
    }
    let viaSwift = measure(count) { i in handWritten(points[i], 2, probabilityTable[i])[0] }

    // A scalar formula without functions: the log loss of a margin, as a function of its two
    // energies.
    let logLoss = try EvaluableFormula(tex: "\\log\\left(1 + e^{a - c}\\right)").sides[0]
    let logLossFunction = try logLoss.function(of: ["a", "c"], bindings: FormulaBindings())
    let scalarFormula = try measure(count) { i in
      try logLossFunction(.scalar(points[i][0]), .scalar(points[i][1])).scalar!
    }
    let scalarSwift = measure(count) { i in log(1 + exp(points[i][0] - points[i][1])) }

    // The formula agrees with the hand-written gradient.
    current = 7
    bindings["x"] = .value(.vector(points[7]))
    let a = try side.evaluate(bindings).elements
    let b = handWritten(points[7], 2, probabilityTable[7])
    let agree = zip(a, b).allSatisfy { abs($0 - $1) < 1e-12 }

    func line(_ label: String, _ value: Double, _ unit: String) {
      let number = String(Int(value.rounded()))
      print(
        label.padding(toLength: 44) + String(repeating: " ", count: 7 - number.count) + number + " "
          + unit)
    }
    print("NLL gradient (25 entries, 5 labels), per evaluation:")
    line("  FormulaFunction (bindings resolved once)", viaFunction, "ns")
    line("  evaluate(bindings), x rebound each time", viaEvaluate, "ns")
    line("  the same gradient as a Swift loop", viaSwift, "ns")
    line("  10,000 evaluations, FormulaFunction", viaFunction * 10_000 / 1000, "µs")
    print("log(1 + e^{a - c}), per evaluation:")
    line("  FormulaFunction", scalarFormula, "ns")
    line("  Swift", scalarSwift, "ns")
    line("parse, the first formula (tables built)", firstParse, "µs")
    line("parse, once the tables are built", secondParse, "µs")
    print("agrees with the hand-written gradient: \(agree)")
  }
}
