/// A column vector of `Double` (Float64) entries, a value type.
///
/// Inputs x, outputs y, parameter vectors and gradients are all `Vector`s. Indices are 0-based.
public struct Vector: Equatable, Hashable, Sendable, ExpressibleByArrayLiteral {
  /// The entries, in order.
  public var scalars: [Double]

  /// A vector holding `scalars`.
  public init(_ scalars: [Double]) { self.scalars = scalars }

  /// A vector from a literal, `[1, 2, 3]`.
  public init(arrayLiteral elements: Double...) { self.scalars = elements }

  /// The vector of `count` copies of `value`.
  public init(repeating value: Double, count: Int) {
    self.scalars = Array(repeating: value, count: count)
  }

  /// The zero vector of dimension `count`.
  public static func zeros(_ count: Int) -> Vector { Vector(repeating: 0, count: count) }

  /// The standard basis vector e_i of dimension `count` (a one-hot vector).
  public static func basis(_ index: Int, count: Int) -> Vector {
    var v = Vector.zeros(count)
    v[index] = 1
    return v
  }

  /// The dimension.
  @inlinable public var count: Int { scalars.count }

  /// The entry at `index` (0-based).
  @inlinable public subscript(index: Int) -> Double {
    get { scalars[index] }
    set { scalars[index] = newValue }
  }

  /// The entries at `range`.
  public subscript(range: Range<Int>) -> Vector { Vector(Array(scalars[range])) }

  /// Applies `transform` to each entry.
  public func map(_ transform: (Double) -> Double) -> Vector { Vector(scalars.map(transform)) }

  /// Σ_i v_i.
  public var sum: Double { scalars.reduce(0, +) }

  /// max_i v_i (−∞ for the empty vector).
  public var max: Double { scalars.max() ?? -.infinity }

  /// min_i v_i (+∞ for the empty vector).
  public var min: Double { scalars.min() ?? .infinity }

  /// The first index of the smallest entry, argmin_i v_i (ties go to the lowest index).
  public var argmin: Int {
    Validation.require(Validation.nonEmpty(count, argument: "vector"))
    var best = 0
    for i in 1..<Swift.max(count, 1) where scalars[i] < scalars[best] { best = i }
    return best
  }

  /// The first index of the largest entry, argmax_i v_i (ties go to the lowest index).
  public var argmax: Int {
    Validation.require(Validation.nonEmpty(count, argument: "vector"))
    var best = 0
    for i in 1..<Swift.max(count, 1) where scalars[i] > scalars[best] { best = i }
    return best
  }

  /// The Euclidean norm ‖v‖₂.
  public var norm: Double { squaredNorm.squareRoot() }

  /// ‖v‖₂².
  public var squaredNorm: Double { dot(self) }

  /// The largest magnitude ‖v‖_∞ = max_i |v_i|.
  public var maxMagnitude: Double { scalars.reduce(0) { Swift.max($0, abs($1)) } }

  /// The inner product u·v.
  public func dot(_ other: Vector) -> Double {
    Validation.require(
      Validation.sameLength(other.count, count, argument: "other", expectedName: "self"))
    var s = 0.0
    scalars.withUnsafeBufferPointer { a in
      other.scalars.withUnsafeBufferPointer { b in
        for i in 0..<a.count { s += a[i] * b[i] }
      }
    }
    return s
  }

  /// The concatenation [u; v].
  public func concatenated(with other: Vector) -> Vector { Vector(scalars + other.scalars) }
}

extension Vector: CustomStringConvertible {
  /// `[1.0, 2.5]`.
  public var description: String { "\(scalars)" }
}
