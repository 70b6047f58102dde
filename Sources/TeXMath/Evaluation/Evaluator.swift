#if canImport(Glibc)
  import Glibc
#endif

/// Evaluates a ``Program`` with its slots resolved to bindings. A summation or integration
/// variable takes its slot while its body is evaluated, and gives it back after.
struct Evaluator {
  let program: Program
  /// What each slot is bound to; written only by ``bind(_:_:)``.
  private(set) var slots: [FormulaBindings.Binding?]
  /// The number each slot is bound to, when it is bound to a scalar (``scalarValue(_:)``).
  var numbers: [Double?]
  /// The nodes that ``scalarValue(_:)`` could not compute, which are not tried that way again.
  var scalarFailed: [Bool]
  let spellings: [String]
  let indexBase: Int
  /// For each `apply` node, the array its arguments are passed in, kept from call to call so
  /// that a call allocates none. (A node is never applied again while it is being applied.)
  var argumentBuffers: [[MathValue]]
  /// The same for the functions of numbers (``FormulaBindings/Binding/scalarFunction(_:)``).
  var numberBuffers: [[Double]]
  /// Terms of sums, products, integrals and searches taken so far (``countTerm(at:)``).
  var terms = 0

  init(program: Program, slots: [FormulaBindings.Binding?], spellings: [String], indexBase: Int) {
    self.program = program
    self.slots = slots
    numbers = slots.map { if case .value(.scalar(let x))? = $0 { x } else { nil } }
    scalarFailed = [Bool](repeating: false, count: program.nodes.count)
    self.spellings = spellings
    self.indexBase = indexBase
    argumentBuffers = []
    numberBuffers = []
  }

  /// Binds `slot` to `binding`.
  mutating func bind(_ slot: Int, _ binding: FormulaBindings.Binding?) {
    slots[slot] = binding
    if case .value(.scalar(let x))? = binding { numbers[slot] = x } else { numbers[slot] = nil }
  }

  /// The value of the program's root; each run has its own budget of terms.
  mutating func run() throws(TeXError) -> MathValue {
    terms = 0
    return try value(program.root)
  }

  mutating func value(_ index: Int32) throws(TeXError) -> MathValue {
    if program.computesScalars[Int(index)] && !scalarFailed[Int(index)] {
      if let x = try scalarValue(index) { return .scalar(x) }
      scalarFailed[Int(index)] = true
    }
    let node = program.nodes[Int(index)]
    let span = node.span
    switch node.operation {
    case .number:
      return .scalar(node.number)
    case .symbol:
      return try value(of: Int(node.a), at: span)
    case .indexed:
      let full = node.a >= 0 ? Int(node.a) : nil
      let base = Int(node.b)
      if let full, slots[full] != nil { return try value(of: full, at: span) }
      guard case .value(let array)? = slots[base] else {
        throw unbound(full ?? base, at: span, indexedBy: full != nil ? base : nil)
      }
      var numbers: [Int] = []
      for i in node.listStart..<(node.listStart + node.listCount) {
        numbers.append(
          try Self.integer(try value(program.list[Int(i)]), at: span, what: "an index"))
      }
      return try Self.element(
        of: array, named: spellings[base], at: numbers, indexBase: indexBase, span)
    case .apply:
      return try apply(node, Int(index))
    case .negate:
      var result = try value(node.a)
      result.transform { -$0 }
      return result
    case .sum(let subtracting):
      var result = try value(node.a)
      try result.add(try value(node.b), scaledBy: subtracting ? -1 : 1, at: span)
      return result
    case .product(let kind):
      let left = try value(node.a)
      var right = try value(node.b)
      if case .scalar(let x) = left {
        right.transform { x * $0 }
        return right
      }
      return try .product(left, right, kind, at: span)
    case .quotient:
      var result = try value(node.a)
      try result.divide(by: try value(node.b), at: span)
      return result
    case .power:
      let base = try value(node.a)
      let exponent = try value(node.b)
      if base == .scalar(M_E), case .scalar(let x) = exponent {
        let result = exp(x)
        guard result.isFinite else { throw span.error("e^{\(x)} overflows") }
        return .scalar(result)
      }
      return try .power(base, exponent, at: span)
    case .root:
      return try Self.root(try value(node.a), degree: try value(node.b), at: span)
    case .transpose:
      return try value(node.a).transposed
    case .function(let function):
      return try Self.apply(function, to: try value(node.a), at: span)
    case .absolute:
      let v = try value(node.a)
      if case .matrix = v {
        throw span.error("|…| of \(v.shapeDescription): write \\|A\\| for its norm")
      }
      return .scalar(v.norm)
    case .norm:
      return .scalar(try value(node.a).norm)
    case .indicator:
      return .scalar(try holds(node) ? 1 : 0)
    case .extremum(let isMax):
      var best: Double? = nil
      for i in node.listStart..<(node.listStart + node.listCount) {
        let v = try value(program.list[Int(i)])
        let x = try Self.scalar(v, at: span, what: "an argument of \\max or \\min")
        if let b = best { best = isMax ? max(b, x) : min(b, x) } else { best = x }
      }
      return .scalar(best!)
    case .reduceSet(let kind), .reduceRange(let kind):
      return try reduce(node, kind)
    case .argExtremum(let isMax):
      return try argExtremum(node, isMax: isMax)
    case .integral:
      return try integrate(node)
    case .derivative:
      return try differentiate(node)
    case .matrix(let isTuple):
      var elements: [Double] = []
      for i in node.listStart..<(node.listStart + node.listCount) {
        let v = try value(program.list[Int(i)])
        elements.append(
          try Self.scalar(v, at: span, what: isTuple ? "an entry of a tuple" : "a matrix entry"))
      }
      let columns = Int(node.b)
      return .shaped(rows: elements.count / columns, columns: columns, elements)
    }
  }

  // MARK: Names

  /// The value bound to `slot`. (Mutating, like the other methods the evaluation calls, so that
  /// the evaluator is not copied for the call.)
  mutating func value(of slot: Int, at span: Span) throws(TeXError) -> MathValue {
    switch slots[slot] {
    case .value(let v)?: return v
    case .function?, .scalarFunction?:
      throw span.error(
        "\(spellings[slot]) is a function: apply it to its arguments, as in "
          + "\(spellings[slot])(x), or bind \(Self.literal(spellings[slot])) to a value")
    case .set?:
      throw span.error(
        "\(spellings[slot]) is bound to a set, which only a \\sum, \\prod, \\max or \\min "
          + "ranges over")
    case .grid?:
      throw span.error("\(spellings[slot]) is bound to a grid, which only an \\int runs over")
    case nil:
      throw unbound(slot, at: span)
    }
  }

  /// The function bound to the slot of `node` (at `index`) applied to its arguments, or the
  /// value bound to it times the one argument (`x(a + b)`).
  mutating func apply(_ node: Program.Node, _ index: Int) throws(TeXError) -> MathValue {
    let slot = Int(node.a)
    let span = node.span
    let count = Int(node.listCount)
    switch slots[slot] {
    case .function(let function)?:
      // Taken out of its place, the buffer has one owner and is written without copying.
      if argumentBuffers.isEmpty {
        argumentBuffers = [[MathValue]](repeating: [], count: program.nodes.count)
      }
      var arguments: [MathValue] = []
      swap(&arguments, &argumentBuffers[index])
      if arguments.count != count {
        arguments = [MathValue](repeating: .scalar(0), count: count)
      }
      defer { swap(&arguments, &argumentBuffers[index]) }
      for k in 0..<count {
        arguments[k] = try value(program.list[Int(node.listStart) + k])
      }
      do {
        return try function(arguments)
      } catch {
        throw Self.failure(of: spellings[slot], error, at: span)
      }
    case .scalarFunction(let function)?:
      if numberBuffers.isEmpty {
        numberBuffers = [[Double]](repeating: [], count: program.nodes.count)
      }
      var numbers: [Double] = []
      swap(&numbers, &numberBuffers[index])
      if numbers.count != count { numbers = [Double](repeating: 0, count: count) }
      defer { swap(&numbers, &numberBuffers[index]) }
      for k in 0..<count {
        let v = try value(program.list[Int(node.listStart) + k])
        guard case .scalar(let x) = v else {
          throw Self.nonScalarArgument(k, of: spellings[slot], v, at: span)
        }
        numbers[k] = x
      }
      do {
        return .scalar(try function(numbers.span))
      } catch {
        throw Self.failure(of: spellings[slot], error, at: span)
      }
    case .value(let v)? where count == 1:
      return try .product(v, try value(program.list[Int(node.listStart)]), .juxtaposition, at: span)
    case .value?:
      throw span.error(
        "\(spellings[slot]) is bound to a value but applied to \(count) arguments: "
          + "bind it to a function")
    case nil:
      throw unbound(slot, at: span, arguments: count)
    default:
      return try value(of: slot, at: span)
    }
  }

  /// The error for what the function bound to `name` threw.
  static func failure(of name: String, _ error: any Error, at span: Span) -> TeXError {
    let message = (error as? TeXError)?.message ?? "\(error)"
    return span.error("\(name)(…) failed: \(message)")
  }

  /// The error for argument `k` (from 0) of the function of numbers bound to `name`, `v`, which
  /// is not a scalar.
  static func nonScalarArgument(_ k: Int, of name: String, _ v: MathValue, at span: Span)
    -> TeXError
  {
    span.error(
      "shape mismatch: argument \(k + 1) of \(name) must be a scalar, not \(v.shapeDescription) "
        + "(\(name) is bound to a function of numbers)")
  }

  /// The error for `slot`, not bound, saying how to bind it.
  mutating func unbound(
    _ slot: Int, at span: Span, arguments: Int? = nil, indexedBy base: Int? = nil
  )
    -> TeXError
  {
    let use: FormulaSymbol.Use = arguments.map { .function(arguments: $0) } ?? .value
    return Self.unbound(spellings[slot], use, at: span, indexedBy: base.map { spellings[$0] })
  }

  /// The error for `spelling`, used as `use` and not bound, saying how to bind it.
  static func unbound(
    _ spelling: String, _ use: FormulaSymbol.Use, at span: Span, indexedBy base: String?
  ) -> TeXError {
    var how: String
    switch use {
    case .value: how = "a value"
    case .function(let n): how = "a function of \(n) argument\(n == 1 ? "" : "s")"
    case .set: how = "the set to range over (.set([…]))"
    case .grid: how = "the grid of points to integrate over (.grid([…]))"
    }
    if let base { how += ", or bind \(literal(base)) to a vector or matrix that it indexes" }
    return span.error("\(spelling) is not bound: bind \(literal(spelling)) to \(how)")
  }

  /// `spelling` as a Swift string literal, as a block writes the key.
  static func literal(_ spelling: String) -> String {
    var text = "\""
    for c in spelling {
      if c == "\\" || c == "\"" { text.append("\\") }
      text.append(c)
    }
    return text + "\""
  }

  /// The element of `array` at `indices` (counted from `indexBase`): one index picks an
  /// element of a vector or a row of a matrix, two an element of a matrix.
  static func element(
    of array: MathValue, named name: String, at indices: [Int], indexBase: Int, _ span: Span
  ) throws(TeXError) -> MathValue {
    let (rows, columns) = array.shape
    let positions = indices.map { $0 - indexBase }
    func outOfRange(_ index: Int, _ count: Int) -> TeXError {
      span.error(
        "index \(index) is out of range for \(name), \(array.shapeDescription) (indices count "
          + "from \(indexBase))")
    }
    switch (array, positions.count) {
    case (.vector(let v), 1):
      guard v.indices.contains(positions[0]) else { throw outOfRange(indices[0], v.count) }
      return .scalar(v[positions[0]])
    case (.matrix(_, _, let elements), 1):
      guard (0..<rows).contains(positions[0]) else { throw outOfRange(indices[0], rows) }
      let start = positions[0] * columns
      return .vector(Array(elements[start..<(start + columns)]))
    case (.matrix(_, _, let elements), 2):
      guard (0..<rows).contains(positions[0]) else { throw outOfRange(indices[0], rows) }
      guard (0..<columns).contains(positions[1]) else { throw outOfRange(indices[1], columns) }
      return .scalar(elements[positions[0] * columns + positions[1]])
    default:
      throw span.error(
        "\(name) is \(array.shapeDescription), which \(indices.count) "
          + "\(indices.count == 1 ? "index does" : "indices do") not pick from")
    }
  }

  static func scalar(_ v: MathValue, at span: Span, what: String) throws(TeXError) -> Double {
    guard case .scalar(let x) = v else { throw nonScalar(v, at: span, what: what) }
    return x
  }

  /// The error for `v`, `what` (an argument of `\max`, a matrix entry), which is not a scalar.
  static func nonScalar(_ v: MathValue, at span: Span, what: String) -> TeXError {
    span.error("shape mismatch: \(what) must be a scalar, not \(v.shapeDescription)")
  }

  static func integer(_ v: MathValue, at span: Span, what: String) throws(TeXError) -> Int {
    try ScalarOperation.integer(try Self.scalar(v, at: span, what: what), at: span, what: what)
  }

  // MARK: Functions

  static func apply(_ function: ElementaryFunction, to v: MathValue, at span: Span) throws(TeXError)
    -> MathValue
  {
    let f: (Double) -> Double
    switch function {
    case .exp: f = { exp($0) }
    case .log, .ln: f = { log($0) }
    case .sin: f = { sin($0) }
    case .cos: f = { cos($0) }
    case .tan: f = { tan($0) }
    case .sinh: f = { sinh($0) }
    case .cosh: f = { cosh($0) }
    case .tanh: f = { tanh($0) }
    case .sqrt: f = { $0.squareRoot() }
    case .positivePart: f = { max(0, $0) }
    }
    var result = v
    result.transform(f)
    if !result.isFinite && v.isFinite {
      let bad = v.elements.first { !f($0).isFinite }!
      switch function {
      case .log, .ln:
        throw span.error(
          bad == 0
            ? "\(function.spelling) of 0 is not finite"
            : "\(function.spelling) of a "
              + "negative number (\(bad))")
      case .sqrt: throw span.error("the square root of a negative number (\(bad))")
      default: throw span.error("\(function.spelling) of \(bad) is not finite")
      }
    }
    return result
  }

  /// `\sqrt[n]{x}`: an odd root of a negative number is negative.
  static func root(_ radicand: MathValue, degree: MathValue, at span: Span) throws(TeXError)
    -> MathValue
  {
    let x = try Self.scalar(radicand, at: span, what: "the radicand")
    let n = try Self.scalar(degree, at: span, what: "the degree of a root")
    if n == 2 {
      guard x >= 0 else { throw span.error("the square root of a negative number (\(x))") }
      return .scalar(x.squareRoot())
    }
    guard n != 0 else { throw span.error("a root of degree 0") }
    if x < 0 {
      guard n == n.rounded(), Int(n) % 2 != 0 else {
        throw span.error("a root of degree \(n) of a negative number (\(x))")
      }
      return .scalar(-pow(-x, 1 / n))
    }
    return .scalar(pow(x, 1 / n))
  }

  /// Whether each neighbouring pair of the indicator's operands is in its relation.
  mutating func holds(_ node: Program.Node) throws(TeXError) -> Bool {
    let operands = node.listStart..<(node.listStart + node.listCount)
    var left = try value(program.list[Int(operands.lowerBound)])
    for (k, i) in operands.dropFirst().enumerated() {
      let right = try value(program.list[Int(i)])
      let (relation, span) = program.relations[Int(node.b) + k]
      guard let holds = relation.holds(left, right) else {
        throw span.error(
          "shape mismatch: \(left.shapeDescription) \(relation.rawValue) "
            + "\(right.shapeDescription) (only scalars are ordered)")
      }
      if !holds { return false }
      left = right
    }
    return true
  }
}
