/// Entrywise arithmetic; both operands must have the same dimension.
extension Vector {
  @inline(__always)
  static func zipped(_ a: Vector, _ b: Vector, _ f: (Double, Double) -> Double) -> Vector {
    Validation.require(
      Validation.sameLength(b.count, a.count, argument: "rhs", expectedName: "lhs"))
    var out = a.scalars
    for i in 0..<out.count { out[i] = f(out[i], b.scalars[i]) }
    return Vector(out)
  }

  /// u + v.
  public static func + (a: Vector, b: Vector) -> Vector { zipped(a, b, +) }
  /// u − v.
  public static func - (a: Vector, b: Vector) -> Vector { zipped(a, b, -) }
  /// The entrywise (Hadamard) product u ⊙ v.
  public static func .* (a: Vector, b: Vector) -> Vector { zipped(a, b, *) }
  /// −v.
  public static prefix func - (v: Vector) -> Vector { v.map { -$0 } }
  /// s·v.
  public static func * (s: Double, v: Vector) -> Vector { v.map { s * $0 } }
  /// v·s.
  public static func * (v: Vector, s: Double) -> Vector { v.map { $0 * s } }
  /// v / s.
  public static func / (v: Vector, s: Double) -> Vector { v.map { $0 / s } }
  /// u += v.
  public static func += (a: inout Vector, b: Vector) { a = a + b }
  /// u −= v.
  public static func -= (a: inout Vector, b: Vector) { a = a - b }

  /// u + s·v, without a temporary (the BLAS "axpy").
  public mutating func add(_ v: Vector, scaledBy s: Double) {
    Validation.require(Validation.sameLength(v.count, count, argument: "v", expectedName: "self"))
    for i in 0..<count { scalars[i] += s * v.scalars[i] }
  }
}

infix operator .* : MultiplicationPrecedence
