/// `\sum`, `\prod`, `\max` and `\min` over a set or a range of integers, `\int` over a grid, and
/// the derivative of an expression.
extension Evaluator {
  /// `\frac{\partial}{\partial z} u` (``Program/Operation/derivative``): central differences of
  /// `u` at the scalar bound to `z`, with a step of 1e-5 · max(1, |z|), so about eight digits.
  mutating func differentiate(_ node: Program.Node) throws(TeXError) -> MathValue {
    let variable = Int(node.a)
    let saved = slots[variable]
    defer { bind(variable, saved) }
    guard case .value(.scalar(let z))? = saved else {
      let name = spellings[variable]
      throw node.span.error(
        "the derivative is with respect to \(name), which must be bound to a number: bind "
          + "\(Self.literal(name))")
    }
    let h = 1e-5 * max(1, abs(z))
    bind(variable, .value(.scalar(z + h)))
    var result = try value(node.b)
    bind(variable, .value(.scalar(z - h)))
    try result.add(try value(node.b), scaledBy: -1, at: node.span)
    return result.scaled(by: 1 / (2 * h))
  }

  /// A `\sum`, `\prod`, `\max` or `\min` node (``Program/Operation/reduceSet(_:)`` or
  /// ``Program/Operation/reduceRange(_:)``).
  mutating func reduce(_ node: Program.Node, _ kind: Reduction.Kind) throws(TeXError)
    -> MathValue
  {
    let variable = Int(node.a)
    var result: MathValue? = nil
    let saved = slots[variable]
    defer { bind(variable, saved) }
    if case .reduceSet = node.operation {
      let slot = Int(node.c)
      guard case .set(let members)? = slots[slot] else {
        let name = spellings[slot]
        throw node.detail.error(
          "\\\(kind.rawValue) over \(name), which is not bound to a set: bind "
            + "\(Self.literal(name)) to the set to range over (.set([…]))")
      }
      var left: MathValue? = nil
      if node.d >= 0 { left = try value(node.d) }
      for member in members where member != left {
        bind(variable, .value(member))
        try accumulate(node, kind, into: &result)
      }
    } else {
      let what = "a bound of \\\(kind.rawValue)"
      let from = try Self.integer(try value(node.c), at: node.span, what: what)
      let to = try Self.integer(try value(node.d), at: node.span, what: what)
      try ScalarOperation.checkRange(from, to, kind, at: node.span)
      if from <= to {
        for k in from...to {
          bind(variable, .value(.scalar(Double(k))))
          try accumulate(node, kind, into: &result)
        }
      }
    }
    if let result { return result }
    switch kind {
    case .sum: return .scalar(0)
    case .prod: return .scalar(1)
    case .max, .min: throw Self.overNothing("\\" + kind.rawValue, at: node.span)
    }
  }

  /// The error for `name` (`\max`, argmin) over an empty set.
  static func overNothing(_ name: String, at span: Span) -> TeXError {
    span.error("\(name) over nothing (the set is empty)")
  }

  /// Evaluates the body of a reduction and combines it into the running `result`. A sum of
  /// products by a scalar (`P_W(\bar y \mid x) \frac{\partial F_W(x, \bar y)}{\partial W}`)
  /// adds the scaled term in place, without making it first.
  mutating func accumulate(
    _ node: Program.Node, _ kind: Reduction.Kind, into result: inout MathValue?
  ) throws(TeXError) {
    try countTerm(at: node.span)
    let body = program.nodes[Int(node.b)]
    if kind == .sum, result != nil, case .product(let product) = body.operation,
      product != .hadamard
    {
      let left = try value(body.a)
      if case .scalar(let x) = left {
        let right = try value(body.b)
        try result!.add(right, scaledBy: x, at: node.span)
        return
      }
      let term = try MathValue.product(left, try value(body.b), product, at: body.span)
      try Self.combine(&result, term, kind, at: node.span)
      return
    }
    try Self.combine(&result, try value(node.b), kind, at: node.span)
  }

  /// Adds (multiplies, compares) `term` into the running `result` of a reduction.
  static func combine(
    _ result: inout MathValue?, _ term: MathValue, _ kind: Reduction.Kind, at span: Span
  ) throws(TeXError) {
    let what = "a term of \\\(kind.rawValue)"
    guard var current = result else {
      if kind != .sum { _ = try Self.scalar(term, at: span, what: what) }
      result = term
      return
    }
    result = nil
    switch kind {
    case .sum:
      try current.add(term, at: span)
    case .prod, .max, .min:
      let x = try Self.scalar(current, at: span, what: what)
      let y = try Self.scalar(term, at: span, what: what)
      switch kind {
      case .prod: current = .scalar(x * y)
      case .max: current = .scalar(max(x, y))
      default: current = .scalar(min(x, y))
      }
    }
    result = current
  }

  /// `\operatorname*{argmin}_{y, z} …` (``Program/Operation/argExtremum(isMax:)``): the members
  /// of the ranges' sets at which the body is smallest (largest), the first such in order, the
  /// first variable varying slowest. One variable gives its member, several the vector of
  /// theirs, which must then be scalars.
  mutating func argExtremum(_ node: Program.Node, isMax: Bool) throws(TeXError) -> MathValue {
    let name = ArgExtremum.name(isMax: isMax)
    var search = ArgSearch(count: Int(node.d))
    try argSearch(node, isMax: isMax, level: 0, &search)
    guard search.found else { throw Self.overNothing(name, at: node.span) }
    if search.best.count == 1 { return search.best[0] }
    var members: [Double] = []
    for member in search.best {
      members.append(
        try Self.scalar(member, at: node.span, what: "a member of a joint \(name)"))
    }
    return .vector(members)
  }

  /// The members an argmin or argmax is at, and the best found so far.
  struct ArgSearch {
    /// The member of each range entered, outermost first.
    var members: [MathValue]
    /// The members of the best found, if `found`, and the body's value there.
    var best: [MathValue]
    var found = false
    var bestValue = 0.0

    init(count: Int) {
      members = [MathValue](repeating: .scalar(0), count: count)
      best = members
    }
  }

  /// Runs the range `level` of an argmin or argmax node and those inside it, keeping in
  /// `search` the first members at which the body is smallest (largest).
  mutating func argSearch(
    _ node: Program.Node, isMax: Bool, level: Int, _ search: inout ArgSearch
  ) throws(TeXError) {
    let range = program.ranges[Int(node.c) + level]
    let (variable, slot) = (Int(range.variable), Int(range.set))
    guard case .set(let members)? = slots[slot] else {
      let name = ArgExtremum.name(isMax: isMax)
      throw range.span.error(
        "\(name) over \(spellings[slot]), which is not bound to a set: bind "
          + "\(Self.literal(spellings[slot])) to the set to range over (.set([…]))")
    }
    let excluded = range.excluding >= 0 ? try value(range.excluding) : nil
    let saved = slots[variable]
    defer { bind(variable, saved) }
    for member in members where member != excluded {
      bind(variable, .value(member))
      search.members[level] = member
      if level + 1 < Int(node.d) {
        try argSearch(node, isMax: isMax, level: level + 1, &search)
        continue
      }
      try countTerm(at: node.span)
      let v = try value(node.b)
      guard case .scalar(let x) = v else {
        let name = ArgExtremum.name(isMax: isMax)
        throw Self.nonScalar(v, at: node.span, what: "what \(name) compares")
      }
      if x.isNaN {
        throw Self.notANumber(comparedBy: ArgExtremum.name(isMax: isMax), at: node.span)
      }
      if !search.found || (isMax ? x > search.bestValue : x < search.bestValue) {
        search.found = true
        search.bestValue = x
        for k in search.members.indices { search.best[k] = search.members[k] }
      }
    }
  }

  /// The error for argmin or argmax (`name`) of NaN, which is neither smaller nor larger.
  static func notANumber(comparedBy name: String, at span: Span) -> TeXError {
    span.error("\(name) of a value that is not a number (NaN)")
  }

  /// The trapezoid rule over the grid's points between the limits (all of them without limits):
  /// `Σ (t_{i+1} - t_i) (f(t_i) + f(t_{i+1})) / 2`. Limits in the wrong order change the sign.
  mutating func integrate(_ node: Program.Node) throws(TeXError) -> MathValue {
    let variable = Int(node.a)
    let name = spellings[variable]
    guard case .grid(let grid)? = slots[variable] else {
      throw node.detail.error(
        "\\int over \(name), which is not bound to a grid: bind \(Self.literal(name)) to the "
          + "points to integrate over (.grid([…]))")
    }
    if let error = Self.disorder(of: grid, named: name, at: node.detail) { throw error }
    var lower = -Double.infinity
    var upper = Double.infinity
    var sign = 1.0
    if node.c >= 0 {
      lower = try Self.scalar(try value(node.c), at: node.span, what: "a limit of \\int")
      upper = try Self.scalar(try value(node.d), at: node.span, what: "a limit of \\int")
      if lower > upper {
        (lower, upper) = (upper, lower)
        sign = -1
      }
    }
    let points = grid.filter { $0 >= lower && $0 <= upper }
    guard points.count >= 2 else {
      throw Self.tooFewPoints(points.count, of: name, at: node.span)
    }
    let saved = slots[variable]
    defer { bind(variable, saved) }
    var total: MathValue? = nil
    for (i, t) in points.enumerated() {
      let left = i > 0 ? points[i - 1] : t
      let right = i + 1 < points.count ? points[i + 1] : t
      bind(variable, .value(.scalar(t)))
      try countTerm(at: node.span)
      var f = try value(node.b)
      let weight = sign * (right - left) / 2
      if total == nil {
        f.transform { weight * $0 }
        total = f
      } else {
        try total!.add(f, scaledBy: weight, at: node.span)
      }
    }
    return total!
  }

  /// The error for a grid (of `name`) that does not increase, if it does not.
  static func disorder(of grid: [Double], named name: String, at span: Span) -> TeXError? {
    for i in grid.indices.dropFirst() where !(grid[i - 1] < grid[i]) {
      return span.error(
        "the grid of \(name) must increase (point \(i) is \(grid[i]), after \(grid[i - 1]))")
    }
    return nil
  }

  /// The error for an integral over `name` with `count` points (fewer than 2) between its
  /// limits.
  static func tooFewPoints(_ count: Int, of name: String, at span: Span) -> TeXError {
    span.error(
      "\\int over \(name): \(count) point\(count == 1 ? "" : "s") of its grid between the "
        + "limits, and the trapezoid rule needs 2")
  }
}

extension Evaluator {
  /// The most terms of sums, products, integrals and searches one evaluation may take: nested
  /// sums over large ranges or sets (a hostile formula) end with an error, not after years.
  static let maximumTerms = 5_000_000

  /// Counts one term of a sum, product, integral or search; throws past ``maximumTerms``.
  mutating func countTerm(at span: Span) throws(TeXError) {
    terms += 1
    if terms > Self.maximumTerms {
      throw span.error(
        "the formula takes more than \(Self.maximumTerms) terms of sums, products, integrals "
          + "and searches to evaluate")
    }
  }
}
