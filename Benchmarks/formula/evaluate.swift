import Foundation

// The hw side of the formula benchmark: each equation of the corpus (standard input, one a
// line as `id<TAB>TeX`, from corpus.py) parsed with `EvaluableFormula(tex:)`, its last side
// evaluated with every free symbol bound to a deterministic value, and timed over 10,000
// evaluations. Writes one JSON object a line (see `Record`). Built with TeXMath's sources by
// `run`.
//
// The values, the same rule as sympy_side.py's:
// - a scalar symbol: 1 + (Σ (k + 1) · code of its k-th ASCII letter or digit, mod 5), an integer
//   from 1 to 5 (so that it can bound a sum), `w_y` and SymPy's `w_{y}` both reading "wy";
// - a function: 0.5 + 0.25 · the sum of every number of its arguments, bound as a function of
//   numbers (`.scalarFunction`), or, where that fails (an argument that is a vector), as a
//   function of values (`.function`);
// - a set: {0, 1, 2, 3, 4}; a grid: 41 points from −2 to 2.
// Symbols with a meaning when unbound (`e`, `\pi`, `\sigma`) keep it; a subscripted name that
// would otherwise index a vector (`w_y`) is bound as a scalar of its own.

#if canImport(Glibc)
  import Glibc
#endif

let evaluations = 10_000
let runs = 5

/// What is written for one equation.
struct Record {
  var id: String
  var parses = false
  var error: String?
  /// Each side's free symbols: (spelling, use).
  var sides: [[(String, String)]] = []
  var evaluable = false
  var value: String?
  /// The best of `runs` timings, in nanoseconds per evaluation.
  var nanoseconds: Double?
  /// How the time was taken: `compiled` (`FormulaSide.function(of:bindings:)`, its code for
  /// numbers), `function` (the same, its evaluator) or `evaluate`.
  var path: String?

  var json: String {
    var fields = ["\"id\": \(quoted(id))", "\"parses\": \(parses)", "\"evaluable\": \(evaluable)"]
    fields.append("\"error\": " + (error.map(quoted) ?? "null"))
    let sideLists = sides.map { symbols in
      "[" + symbols.map { "[\(quoted($0.0)), \(quoted($0.1))]" }.joined(separator: ", ") + "]"
    }
    fields.append("\"sides\": [" + sideLists.joined(separator: ", ") + "]")
    fields.append("\"value\": " + (value.map(quoted) ?? "null"))
    fields.append("\"ns\": " + (nanoseconds.map { String($0) } ?? "null"))
    fields.append("\"path\": " + (path.map(quoted) ?? "null"))
    return "{" + fields.joined(separator: ", ") + "}"
  }
}

/// `text` as a JSON string.
func quoted(_ text: String) -> String {
  String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
}

func describe(_ use: FormulaSymbol.Use) -> String {
  switch use {
  case .value: return "value"
  case .function(let arguments): return "function(\(arguments))"
  case .set: return "set"
  case .grid: return "grid"
  }
}

/// The scalar that a symbol spelled `spelling` is bound to (the rule above).
func scalarValue(_ spelling: String) -> Double {
  let codes = spelling.unicodeScalars.filter { scalar in
    scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
  }
  var total = 0
  for (k, code) in codes.enumerated() { total += (k + 1) * Int(code.value) }
  return Double(1 + total % 5)
}

func deterministicFunction(_ arguments: [MathValue]) -> MathValue {
  var total = 0.0
  for argument in arguments { total += argument.elements.reduce(0, +) }
  return .scalar(0.5 + 0.25 * total)
}

/// `deterministicFunction` of numbers: the same sum, in the same order.
func deterministicNumbers(_ arguments: Swift.Span<Double>) -> Double {
  var total = 0.0
  for k in arguments.indices { total += arguments[k] }
  return 0.5 + 0.25 * total
}

let grid = (0...40).map { -2 + Double($0) / 10 }
let members = (0...4).map { MathValue($0) }

func bind(_ symbol: FormulaSymbol, in bindings: inout FormulaBindings, numbers: Bool) {
  switch symbol.use {
  case .value: bindings[symbol.spelling] = .value(.scalar(scalarValue(symbol.spelling)))
  case .function:
    bindings[symbol.spelling] =
      numbers ? .scalarFunction(deterministicNumbers) : .function(deterministicFunction)
  case .set: bindings[symbol.spelling] = .set(members)
  case .grid: bindings[symbol.spelling] = .grid(grid)
  }
}

func now() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// The value's first number, read without making an array (the timing's sink).
func firstNumber(_ value: MathValue) -> Double {
  switch value {
  case .scalar(let x): return x
  case .vector(let v): return v.first ?? 0
  case .matrix(_, _, let elements): return elements.first ?? 0
  }
}

/// The best of `runs` runs of `evaluations` calls of `body`, in nanoseconds per call.
func measure(_ body: (Int) throws(TeXError) -> MathValue) throws(TeXError) -> Double {
  var best = Double.infinity
  var sink = 0.0
  for _ in 0..<runs {
    let start = now()
    for i in 0..<evaluations { sink += firstNumber(try body(i)) }
    best = min(best, now() - start)
  }
  if sink.isNaN { print("", terminator: "") }
  return best / Double(evaluations) * 1e9
}

func examine(id: String, tex: String) -> Record {
  var record = Record(id: id)
  let formula: EvaluableFormula
  do {
    formula = try EvaluableFormula(tex: tex)
  } catch {
    record.error = error.description
    return record
  }
  record.parses = true
  record.sides = formula.sides.map { side in
    side.freeSymbols.map { ($0.spelling, describe($0.use)) }
  }
  guard let side = formula.sides.last else {
    record.error = "no side"
    return record
  }
  func makeBindings(numbers: Bool) -> FormulaBindings {
    var bindings = FormulaBindings()
    for symbol in side.freeSymbols where symbol.meaningWhenUnbound == nil {
      bind(symbol, in: &bindings, numbers: numbers)
    }
    for symbol in side.unboundSymbols(in: bindings) {
      bind(symbol, in: &bindings, numbers: numbers)
    }
    return bindings
  }
  var bindings = makeBindings(numbers: true)
  if (try? side.evaluate(bindings)) == nil { bindings = makeBindings(numbers: false) }

  do {
    let value = try side.evaluate(bindings)
    record.value = value.description
    guard value.isFinite else {
      record.error = "the value is not finite: \(value)"
      return record
    }
    record.evaluable = true
  } catch {
    record.error = error.description
    return record
  }
  // The lambdify-like path: the scalars are the parameters, everything else bound once. Every
  // call passes the same arguments, as a lambdified function is timed.
  let parameters = side.freeSymbols.filter { symbol in
    if case .value = symbol.use, case .value = bindings[symbol.spelling] { return true }
    return false
  }.map(\.spelling)
  let arguments = parameters.map { MathValue.scalar(scalarValue($0)) }
  do {
    if let function = try? side.function(of: parameters, bindings: bindings) {
      record.nanoseconds = try measure { _ throws(TeXError) in try function(arguments) }
      record.path = function.isCompiled ? "compiled" : "function"
    } else {
      record.nanoseconds = try measure { _ throws(TeXError) in try side.evaluate(bindings) }
      record.path = "evaluate"
    }
  } catch {
    record.error = "timing: " + error.description
  }
  return record
}

@main
enum FormulaCorpusBenchmark {
  static func main() {
    while let line = readLine() {
      guard let tab = line.firstIndex(of: "\t") else { continue }
      let id = String(line[..<tab])
      let tex = String(line[line.index(after: tab)...])
      print(examine(id: id, tex: tex).json)
    }
  }
}
