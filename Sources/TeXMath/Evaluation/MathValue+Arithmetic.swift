#if canImport(Glibc)
  import Glibc
#endif

/// The operations a formula applies to values, each failing with a ``TeXError`` located at the
/// token that applied it (``Span``).
extension MathValue {
  /// `elements` as a `rows × columns` value in its smallest shape: one number is a scalar, one
  /// column a vector.
  static func shaped(rows: Int, columns: Int, _ elements: [Double]) -> MathValue {
    if rows == 1 && columns == 1 { return .scalar(elements[0]) }
    if columns == 1 { return .vector(elements) }
    return .matrix(rows: rows, columns: columns, elements: elements)
  }

  /// The numbers scaled by `factor`.
  func scaled(by factor: Double) -> MathValue {
    map { $0 * factor }
  }

  /// `f` applied to every number.
  func map(_ f: (Double) -> Double) -> MathValue {
    switch self {
    case .scalar(let x): return .scalar(f(x))
    case .vector(let v): return .vector(v.map(f))
    case .matrix(let rows, let columns, let elements):
      return .matrix(rows: rows, columns: columns, elements: elements.map(f))
    }
  }

  /// Applies `f` to every number in place, without copying storage that is not shared.
  mutating func transform(_ f: (Double) -> Double) {
    switch self {
    case .scalar(let x):
      self = .scalar(f(x))
    case .vector(var v):
      self = .scalar(0)  // releases the storage, so that `v` holds the only reference
      for i in v.indices { v[i] = f(v[i]) }
      self = .vector(v)
    case .matrix(let rows, let columns, var elements):
      self = .scalar(0)
      for i in elements.indices { elements[i] = f(elements[i]) }
      self = .matrix(rows: rows, columns: columns, elements: elements)
    }
  }

  /// Adds `factor` times `term` to this value in place: the same shapes. A shape mismatch is
  /// reported as `a + b`, or `a - b` when `factor` is negative.
  mutating func add(_ term: MathValue, scaledBy factor: Double = 1, at span: Span)
    throws(TeXError)
  {
    if case .scalar(let x) = self, case .scalar(let y) = term {
      self = .scalar(x + factor * y)
      return
    }
    guard shape == term.shape else {
      throw span.error(
        "shape mismatch: \(shapeDescription) \(factor < 0 ? "-" : "+") \(term.shapeDescription)")
    }
    let (rows, columns) = shape
    var result = elements
    self = .scalar(0)  // releases the storage, so that `result` holds the only reference
    let other = term.elements
    for i in result.indices { result[i] += factor * other[i] }
    self = Self.shaped(rows: rows, columns: columns, result)
  }

  /// A product: by a scalar, the dot product of two vectors (`\cdot`), number by number
  /// (`\odot`), otherwise the matrix product of the shapes (a vector is one column):
  /// matrix–vector, matrix–matrix, `x^\top y` (a scalar) and `x y^\top` (the outer product).
  static func product(_ a: MathValue, _ b: MathValue, _ kind: ProductKind, at span: Span)
    throws(TeXError) -> MathValue
  {
    switch (a, b) {
    case (.scalar(let x), .scalar(let y)): return .scalar(x * y)
    case (.scalar(let x), _): return b.scaled(by: x)
    case (_, .scalar(let y)): return a.scaled(by: y)
    default: break
    }
    if kind == .hadamard {
      guard a.shape == b.shape else {
        throw span.error("shape mismatch: \(a.shapeDescription) ⊙ \(b.shapeDescription)")
      }
      let (ea, eb) = (a.elements, b.elements)
      return shaped(
        rows: a.shape.rows, columns: a.shape.columns, (0..<ea.count).map { ea[$0] * eb[$0] })
    }
    if kind == .dot, case .vector(let u) = a, case .vector(let v) = b {
      guard u.count == v.count else {
        throw span.error("shape mismatch: \(a.shapeDescription) · \(b.shapeDescription)")
      }
      var total = 0.0
      for i in u.indices { total += u[i] * v[i] }
      return .scalar(total)
    }
    let (m, k) = a.shape
    let (k2, n) = b.shape
    guard k == k2 else {
      var message = "shape mismatch: \(a.shapeDescription) times \(b.shapeDescription)"
      if case .vector = a, case .vector = b {
        message += " (the dot product is x \\cdot y or x^\\top y, the outer product x y^\\top)"
      }
      throw span.error(message)
    }
    let (ea, eb) = (a.elements, b.elements)
    var result = [Double](repeating: 0, count: m * n)
    for i in 0..<m {
      for l in 0..<k {
        let x = ea[i * k + l]
        if x == 0 { continue }
        for j in 0..<n { result[i * n + j] += x * eb[l * n + j] }
      }
    }
    return shaped(rows: m, columns: n, result)
  }

  /// `a / b` for a scalar `b` other than zero.
  static func quotient(_ a: MathValue, _ b: MathValue, at span: Span) throws(TeXError)
    -> MathValue
  {
    var result = a
    try result.divide(by: b, at: span)
    return result
  }

  /// Divides this value in place by the scalar `b`, which must not be zero.
  mutating func divide(by b: MathValue, at span: Span) throws(TeXError) {
    guard case .scalar(let y) = b else {
      throw span.error(
        "shape mismatch: \(shapeDescription) divided by \(b.shapeDescription) "
          + "(only a scalar divides)")
    }
    guard y != 0 else { throw span.error("division by zero") }
    if case .scalar(let x) = self {
      let q = x / y
      guard q.isFinite || !x.isFinite else {
        throw span.error("the quotient is not finite (division by \(y))")
      }
      self = .scalar(q)
      return
    }
    let wasFinite = isFinite
    transform { $0 / y }
    guard isFinite || !wasFinite else {
      throw span.error("the quotient is not finite (division by \(y))")
    }
  }

  /// `a^b` for scalars; the result must be a real, finite number.
  static func power(_ a: MathValue, _ b: MathValue, at span: Span) throws(TeXError)
    -> MathValue
  {
    guard case .scalar(let x) = a, case .scalar(let y) = b else {
      let message =
        a.scalar == nil
        ? "a power of \(a.shapeDescription) (for a squared norm write \\|x\\|^2 or x^\\top x)"
        : "a power with \(b.shapeDescription) as exponent"
      throw span.error("shape mismatch: " + message)
    }
    let result = y == 2 ? x * x : pow(x, y)
    guard result.isFinite || !(x.isFinite && y.isFinite) else {
      if x == 0 && y < 0 { throw span.error("division by zero: 0 to the power \(y)") }
      if x < 0 { throw span.error("a negative number (\(x)) to the power \(y) is not real") }
      throw span.error("\(x) to the power \(y) is not finite")
    }
    return .scalar(result)
  }

  /// The transpose: a vector becomes a 1×n matrix (a row), a row a vector.
  var transposed: MathValue {
    switch self {
    case .scalar: return self
    case .vector(let v):
      return v.count == 1 ? .scalar(v[0]) : .matrix(rows: 1, columns: v.count, elements: v)
    case .matrix(let rows, let columns, let elements):
      var result = [Double](repeating: 0, count: elements.count)
      for r in 0..<rows {
        for c in 0..<columns { result[c * rows + r] = elements[r * columns + c] }
      }
      return Self.shaped(rows: columns, columns: rows, result)
    }
  }

  /// The 2-norm of a vector, the Frobenius norm of a matrix, the absolute value of a scalar.
  var norm: Double {
    if case .scalar(let x) = self { return abs(x) }
    var total = 0.0
    for x in elements { total += x * x }
    return total.squareRoot()
  }
}
