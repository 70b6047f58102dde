/// The nodes with a syntax of their own, compiled: indexing, function calls, indicators,
/// extrema, sums and products, integrals, derivatives and argmins. Each closure does what
/// ``Evaluator`` does for the node, in the same order, with the same errors.
extension ScalarCompiler {
  /// The value of `operand` (a register or a call).
  @inline(__always)
  static func read(_ operand: Operand, _ r: Registers) throws(TeXError) -> Double {
    switch operand {
    case .register(let i): return r[i]
    case .code(let f): return try f(r)
    }
  }

  /// The nodes of `node`'s list, compiled.
  mutating func list(_ node: Program.Node) -> [Operand]? {
    var operands: [Operand] = []
    for i in node.listStart..<(node.listStart + node.listCount) {
      guard let operand = compile(program.list[Int(i)]) else { return nil }
      operands.append(operand)
    }
    return operands
  }

  // MARK: Names

  /// `w_y`: the number bound to `w_y` (or given for it), else an element of the vector or
  /// matrix bound to `w`.
  mutating func indexed(_ node: Program.Node) -> Operand? {
    let (full, base) = (Int(node.a), Int(node.b))
    if full >= 0, locals.contains(full) || parameters.contains(full) || slots[full] != nil {
      return number(full).map { .register($0) }
    }
    guard !parameters.contains(base), !locals.contains(base), case .value(let array)? = slots[base],
      let indices = list(node)
    else { return nil }
    let (span, name, indexBase) = (node.span, spellings[base], indexBase)
    /// The general path's element, which throws what is wrong with `indices`.
    func failure(_ indices: [Int]) throws(TeXError) -> Double {
      try Evaluator.element(of: array, named: name, at: indices, indexBase: indexBase, span)
        .scalar!
    }
    switch (array, indices.count) {
    case (.vector(let v), 1):
      let i = indices[0]
      return .code { r throws(TeXError) in
        let k = try ScalarOperation.integer(try Self.read(i, r), at: span, what: "an index")
        let position = k - indexBase
        guard v.indices.contains(position) else { return try failure([k]) }
        return v[position]
      }
    case (.matrix(let rows, let columns, let elements), 2):
      let (i, j) = (indices[0], indices[1])
      return .code { r throws(TeXError) in
        let k = try ScalarOperation.integer(try Self.read(i, r), at: span, what: "an index")
        let l = try ScalarOperation.integer(try Self.read(j, r), at: span, what: "an index")
        let (row, column) = (k - indexBase, l - indexBase)
        guard (0..<rows).contains(row), (0..<columns).contains(column) else {
          return try failure([k, l])
        }
        return elements[row * columns + column]
      }
    default:
      return nil
    }
  }

  /// `F(a, b)`: the function of numbers bound to `F` called, the logistic function for an
  /// unbound `\sigma`, or a number bound to `F` times the one argument (`x(a + b)`).
  mutating func apply(_ node: Program.Node) -> Operand? {
    let slot = Int(node.a)
    let count = Int(node.listCount)
    if let register = number(slot) {
      guard count == 1, let argument = compile(program.list[Int(node.listStart)]) else {
        return nil
      }
      return .code(Self.binary(Multiply(), .register(register), argument))
    }
    if logistic.contains(slot) {
      return count == 1 ? unary(Logistic(), program.list[Int(node.listStart)]) : nil
    }
    guard case .scalarFunction(let function)? = slots[slot], let arguments = list(node) else {
      return nil
    }
    let buffer = UnsafeMutablePointer<Double>.allocate(capacity: max(1, count))
    buffer.initialize(repeating: 0, count: max(1, count))
    buffers.append(buffer)
    let (name, span) = (spellings[slot], node.span)
    /// The function called with the arguments written into `buffer`. Nothing writes the buffer
    /// while the function runs: a call of this code made from inside it runs the general path
    /// (``ScalarCode/callAsFunction(_:)``).
    @inline(__always)
    func call() throws(TeXError) -> Double {
      do {
        return try function(Swift.Span(_unsafeStart: buffer, count: count))
      } catch {
        throw Evaluator.failure(of: name, error, at: span)
      }
    }
    switch (arguments.count, arguments.first) {
    case (1, .register(let i)?):
      return .code { r throws(TeXError) in
        buffer[0] = r[i]
        return try call()
      }
    case (1, .code(let f)?):
      return .code { r throws(TeXError) in
        buffer[0] = try f(r)
        return try call()
      }
    default:
      return .code { r throws(TeXError) in
        for k in arguments.indices { buffer[k] = try Self.read(arguments[k], r) }
        return try call()
      }
    }
  }

  // MARK: Comparisons

  /// `\mathbb{1}[a < b \le c]`: 1 when each pair holds, reading the operands up to the first
  /// pair that does not.
  mutating func indicator(_ node: Program.Node) -> Operand? {
    guard let operands = list(node) else { return nil }
    let relations = (0..<(operands.count - 1)).map {
      program.relations[Int(node.b) + $0].relation
    }
    return .code { r throws(TeXError) in
      var left = try Self.read(operands[0], r)
      for k in relations.indices {
        let right = try Self.read(operands[k + 1], r)
        if !ScalarOperation.holds(relations[k], left, right) { return 0 }
        left = right
      }
      return 1
    }
  }

  /// `\max(a, b, …)`, `\min(…)`.
  mutating func extremum(_ node: Program.Node, isMax: Bool) -> Operand? {
    guard let operands = list(node), !operands.isEmpty else { return nil }
    return .code { r throws(TeXError) in
      var best = try Self.read(operands[0], r)
      for operand in operands.dropFirst() {
        let x = try Self.read(operand, r)
        best = isMax ? max(best, x) : min(best, x)
      }
      return best
    }
  }

  // MARK: Sums, products, extrema over a range

  /// A reduction's value over no member.
  static func empty(_ kind: Reduction.Kind, at span: Span) throws(TeXError) -> Double {
    switch kind {
    case .sum: return 0
    case .prod: return 1
    case .max, .min: throw Evaluator.overNothing("\\" + kind.rawValue, at: span)
    }
  }

  /// `\sum_{\bar y \neq y}` (`\prod`, `\max`, `\min`) over a set of numbers.
  mutating func reduction(_ node: Program.Node, _ kind: Reduction.Kind) -> Operand? {
    let variable = Int(node.a)
    guard let members = members(Int(node.c)) else { return nil }
    var excluding: Operand? = nil
    if node.d >= 0 {
      guard let operand = compile(node.d) else { return nil }
      excluding = operand
    }
    guard let body = body(node.b, binding: variable) else { return nil }
    let span = node.span
    return .code { r throws(TeXError) in
      let excluded = try excluding.map { operand throws(TeXError) in try Self.read(operand, r) }
      let saved = r[variable]
      defer { r[variable] = saved }
      var result: Double? = nil
      for member in members where member != excluded {
        r[variable] = member
        let term = try body(r)
        ScalarOperation.combine(kind, &result, term)
      }
      if let result { return result }
      return try Self.empty(kind, at: span)
    }
  }

  /// `\sum_{k=1}^{n}` (`\prod`, `\max`, `\min`) over a range of integers.
  mutating func rangeReduction(_ node: Program.Node, _ kind: Reduction.Kind) -> Operand? {
    let variable = Int(node.a)
    guard let lower = compile(node.c), let upper = compile(node.d),
      let body = body(node.b, binding: variable)
    else { return nil }
    let span = node.span
    let what = "a bound of \\" + kind.rawValue
    return .code { r throws(TeXError) in
      let from = try ScalarOperation.integer(try Self.read(lower, r), at: span, what: what)
      let to = try ScalarOperation.integer(try Self.read(upper, r), at: span, what: what)
      try ScalarOperation.checkRange(from, to, kind, at: span)
      let saved = r[variable]
      defer { r[variable] = saved }
      var result: Double? = nil
      if from <= to {
        for k in from...to {
          r[variable] = Double(k)
          let term = try body(r)
          ScalarOperation.combine(kind, &result, term)
        }
      }
      if let result { return result }
      return try Self.empty(kind, at: span)
    }
  }

  // MARK: Integrals and derivatives

  /// `\int_a^b f \, d\hat y` by the trapezoid rule over the grid of numbers bound to `\hat y`.
  mutating func integral(_ node: Program.Node) -> Operand? {
    let variable = Int(node.a)
    guard !parameters.contains(variable), !locals.contains(variable),
      case .grid(let grid)? = slots[variable]
    else { return nil }
    var limits: (lower: Operand, upper: Operand)? = nil
    if node.c >= 0 {
      guard let lower = compile(node.c), let upper = compile(node.d) else { return nil }
      limits = (lower, upper)
    }
    guard let body = body(node.b, binding: variable) else { return nil }
    let (span, name) = (node.span, spellings[variable])
    let disorder = Evaluator.disorder(of: grid, named: name, at: node.detail)
    return .code { r throws(TeXError) in
      if let disorder { throw disorder }
      var (lower, upper, sign) = (-Double.infinity, Double.infinity, 1.0)
      if let limits {
        lower = try Self.read(limits.lower, r)
        upper = try Self.read(limits.upper, r)
        if lower > upper {
          (lower, upper) = (upper, lower)
          sign = -1
        }
      }
      // The points between the limits, which are consecutive since the grid increases.
      var (first, last) = (0, -1)
      for i in grid.indices where grid[i] >= lower && grid[i] <= upper {
        if last < first { first = i }
        last = i
      }
      guard last - first >= 1 else {
        throw Evaluator.tooFewPoints(last - first + 1, of: name, at: span)
      }
      let saved = r[variable]
      defer { r[variable] = saved }
      var total = 0.0
      for i in first...last {
        let t = grid[i]
        let left = i > first ? grid[i - 1] : t
        let right = i < last ? grid[i + 1] : t
        r[variable] = t
        let f = try body(r)
        let weight = sign * (right - left) / 2
        total = i == first ? weight * f : total + weight * f
      }
      return total
    }
  }

  /// `\frac{\partial}{\partial z} u`: central differences at the number in `z`'s register.
  mutating func derivative(_ node: Program.Node) -> Operand? {
    let variable = Int(node.a)
    guard number(variable) != nil, let body = code(node.b) else { return nil }
    return .code { r throws(TeXError) in
      let z = r[variable]
      defer { r[variable] = z }
      let h = 1e-5 * max(1, abs(z))
      r[variable] = z + h
      let ahead = try body(r)
      r[variable] = z - h
      let behind = try body(r)
      return (ahead - behind) * (1 / (2 * h))
    }
  }

  // MARK: Argmin and argmax

  /// `\operatorname*{argmin}_{y} body` over one set of numbers: the first member at which the
  /// body is smallest (largest). A joint argmin is a vector, left to the general path.
  mutating func argExtremum(_ node: Program.Node, isMax: Bool) -> Operand? {
    guard node.d == 1 else { return nil }
    let range = program.ranges[Int(node.c)]
    let variable = Int(range.variable)
    guard let members = members(Int(range.set)) else { return nil }
    var excluding: Operand? = nil
    if range.excluding >= 0 {
      guard let operand = compile(range.excluding) else { return nil }
      excluding = operand
    }
    guard let body = body(node.b, binding: variable) else { return nil }
    let (span, name) = (node.span, ArgExtremum.name(isMax: isMax))
    return .code { r throws(TeXError) in
      let excluded = try excluding.map { operand throws(TeXError) in try Self.read(operand, r) }
      let saved = r[variable]
      defer { r[variable] = saved }
      var best: (member: Double, value: Double)? = nil
      for member in members where member != excluded {
        r[variable] = member
        let x = try body(r)
        if x.isNaN { throw Evaluator.notANumber(comparedBy: name, at: span) }
        if let b = best, isMax ? !(x > b.value) : !(x < b.value) { continue }
        best = (member, x)
      }
      guard let best else { throw Evaluator.overNothing(name, at: span) }
      return best.member
    }
  }
}
