/// The fast path: a node that reads only scalars computed in `Double`s, with no ``MathValue``
/// made on the way.
extension Evaluator {
  /// The value of node `index` (one that ``Program/computesScalars``) as a `Double`, or nil when
  /// a symbol it reads is not bound to a scalar; then ``value(_:)`` computes it the general
  /// way, which is safe since such a node calls no bound function. The errors are those of
  /// ``value(_:)``, at the same places.
  mutating func scalarValue(_ index: Int32) throws(TeXError) -> Double? {
    let node = program.nodes[Int(index)]
    let span = node.span
    switch node.operation {
    case .number:
      return node.number
    case .symbol:
      return numbers[Int(node.a)]
    case .negate:
      return try scalarValue(node.a).map { -$0 }
    case .transpose:
      return try scalarValue(node.a)
    case .absolute, .norm:
      return try scalarValue(node.a).map { abs($0) }
    case .sum(let subtracting):
      guard let x = try scalarValue(node.a), let y = try scalarValue(node.b) else { return nil }
      return subtracting ? x - y : x + y
    case .product:
      guard let x = try scalarValue(node.a), let y = try scalarValue(node.b) else { return nil }
      return x * y
    case .quotient:
      guard let x = try scalarValue(node.a), let y = try scalarValue(node.b) else { return nil }
      return try ScalarOperation.quotient(x, y, at: span)
    case .power:
      guard let x = try scalarValue(node.a), let y = try scalarValue(node.b) else { return nil }
      return try ScalarOperation.power(x, y, at: span)
    case .root:
      guard let x = try scalarValue(node.a), let n = try scalarValue(node.b) else { return nil }
      return try ScalarOperation.root(x, degree: n, at: span)
    case .function(let function):
      guard let x = try scalarValue(node.a) else { return nil }
      return try ScalarOperation.apply(function, to: x, at: span)
    case .indicator:
      return try scalarIndicator(node)
    case .extremum(let isMax):
      var best: Double? = nil
      for i in node.listStart..<(node.listStart + node.listCount) {
        guard let x = try scalarValue(program.list[Int(i)]) else { return nil }
        if let b = best { best = isMax ? max(b, x) : min(b, x) } else { best = x }
      }
      return best
    case .reduceSet(let kind), .reduceRange(let kind):
      return try scalarReduction(node, kind)
    case .indexed, .apply, .matrix, .integral, .derivative, .argExtremum:
      return nil
    }
  }

  /// 1 if the indicator's condition holds, 0 if not, nil if an operand is not a scalar.
  mutating func scalarIndicator(_ node: Program.Node) throws(TeXError) -> Double? {
    let operands = node.listStart..<(node.listStart + node.listCount)
    guard var left = try scalarValue(program.list[Int(operands.lowerBound)]) else { return nil }
    for (k, i) in operands.dropFirst().enumerated() {
      guard let right = try scalarValue(program.list[Int(i)]) else { return nil }
      let holds = ScalarOperation.holds(program.relations[Int(node.b) + k].relation, left, right)
      if !holds { return 0 }
      left = right
    }
    return 1
  }

  /// A reduction of scalars, or nil when a member or a term is not a scalar.
  mutating func scalarReduction(_ node: Program.Node, _ kind: Reduction.Kind) throws(TeXError)
    -> Double?
  {
    let variable = Int(node.a)
    let saved = numbers[variable]
    defer { numbers[variable] = saved }
    var result: Double? = nil
    if case .reduceSet = node.operation {
      guard case .set(let members)? = slots[Int(node.c)] else { return nil }
      var excluded: Double? = nil
      if node.d >= 0 {
        guard let x = try scalarValue(node.d) else { return nil }
        excluded = x
      }
      for member in members {
        guard case .scalar(let m) = member else { return nil }
        if m == excluded { continue }
        numbers[variable] = m
        try countTerm(at: node.span)
        guard let term = try scalarValue(node.b) else { return nil }
        ScalarOperation.combine(kind, &result, term)
      }
    } else {
      // The bounds in the general path's order: each read, then made an integer.
      let what = "a bound of \\\(kind.rawValue)"
      guard let lower = try scalarValue(node.c) else { return nil }
      let from = try ScalarOperation.integer(lower, at: node.span, what: what)
      guard let upper = try scalarValue(node.d) else { return nil }
      let to = try ScalarOperation.integer(upper, at: node.span, what: what)
      try ScalarOperation.checkRange(from, to, kind, at: node.span)
      if from <= to {
        for k in from...to {
          numbers[variable] = Double(k)
          try countTerm(at: node.span)
          guard let term = try scalarValue(node.b) else { return nil }
          ScalarOperation.combine(kind, &result, term)
        }
      }
    }
    if let result { return result }
    switch kind {
    case .sum: return 0
    case .prod: return 1
    case .max, .min: throw Self.overNothing("\\" + kind.rawValue, at: node.span)
    }
  }
}
