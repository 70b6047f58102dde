/// A dense matrix of `Double` (Float64) entries in row-major order, a value type.
///
/// Parameters such as W (one row w_y per label y) and batches of inputs (one row per sample)
/// are `Matrix` values. Indices are 0-based: `m[i, j]` is row i, column j.
public struct Matrix: Equatable, Hashable, Sendable {
  /// The number of rows.
  public let rows: Int
  /// The number of columns.
  public let columns: Int
  /// The entries, row after row: entry (i, j) is `scalars[i * columns + j]`.
  public var scalars: [Double]

  /// A `rows × columns` matrix over `scalars` in row-major order.
  public init(rows: Int, columns: Int, scalars: [Double]) {
    Validation.require(
      Validation.sameLength(
        scalars.count, rows * columns, argument: "scalars", expectedName: "rows × columns"))
    self.rows = rows
    self.columns = columns
    self.scalars = scalars
  }

  /// A matrix from its rows, `Matrix([[1, 2], [3, 4]])`.
  public init(_ rowArrays: [[Double]]) {
    let c = rowArrays.first?.count ?? 0
    for (i, r) in rowArrays.enumerated() {
      Validation.require(
        Validation.sameLength(r.count, c, argument: "row \(i)", expectedName: "row 0"))
    }
    self.init(rows: rowArrays.count, columns: c, scalars: rowArrays.flatMap { $0 })
  }

  /// A matrix whose rows are `vectors`.
  public init(stacking vectors: [Vector]) { self.init(vectors.map(\.scalars)) }

  /// The `rows × columns` zero matrix.
  public static func zeros(_ rows: Int, _ columns: Int) -> Matrix {
    Matrix(rows: rows, columns: columns, scalars: Array(repeating: 0, count: rows * columns))
  }

  /// The n × n identity.
  public static func identity(_ n: Int) -> Matrix {
    var m = Matrix.zeros(n, n)
    for i in 0..<n { m[i, i] = 1 }
    return m
  }

  /// The n × 1 matrix holding `v`.
  public init(column v: Vector) { self.init(rows: v.count, columns: 1, scalars: v.scalars) }

  /// (rows, columns).
  public var shape: (rows: Int, columns: Int) { (rows, columns) }

  /// Entry (i, j).
  @inlinable public subscript(i: Int, j: Int) -> Double {
    get { scalars[i * columns + j] }
    set { scalars[i * columns + j] = newValue }
  }

  /// Row i as a vector (w_y for a weight matrix W whose rows are indexed by labels).
  public func row(_ i: Int) -> Vector {
    Vector(Array(scalars[(i * columns)..<((i + 1) * columns)]))
  }

  /// Replaces row i.
  public mutating func setRow(_ i: Int, to v: Vector) {
    Validation.require(Validation.sameLength(v.count, columns, argument: "v", expectedName: "row"))
    scalars.replaceSubrange((i * columns)..<((i + 1) * columns), with: v.scalars)
  }

  /// The entries in row-major order, as a vector.
  public var flattened: Vector { Vector(scalars) }

  /// The transpose Aᵀ.
  public var transposed: Matrix {
    var t = Matrix.zeros(columns, rows)
    for i in 0..<rows {
      for j in 0..<columns { t.scalars[j * rows + i] = scalars[i * columns + j] }
    }
    return t
  }

  /// Applies `transform` to each entry.
  public func map(_ transform: (Double) -> Double) -> Matrix {
    Matrix(rows: rows, columns: columns, scalars: scalars.map(transform))
  }

  /// Σ_ij a_ij.
  public var sum: Double { scalars.reduce(0, +) }

  /// Column sums, a vector of length `columns`: (Σ_i a_ij)_j.
  public var columnSums: Vector {
    var s = Vector.zeros(columns)
    for i in 0..<rows { for j in 0..<columns { s.scalars[j] += scalars[i * columns + j] } }
    return s
  }

  /// The outer product u vᵀ.
  public static func outer(_ u: Vector, _ v: Vector) -> Matrix {
    var m = Matrix.zeros(u.count, v.count)
    for i in 0..<u.count { for j in 0..<v.count { m.scalars[i * v.count + j] = u[i] * v[j] } }
    return m
  }
}

extension Matrix {
  @inline(__always)
  static func zipped(_ a: Matrix, _ b: Matrix, _ f: (Double, Double) -> Double) -> Matrix {
    Validation.require(Validation.sameShape(b.shape, a.shape, argument: "rhs"))
    var out = a
    for i in 0..<out.scalars.count { out.scalars[i] = f(out.scalars[i], b.scalars[i]) }
    return out
  }

  /// A + B.
  public static func + (a: Matrix, b: Matrix) -> Matrix { zipped(a, b, +) }
  /// A − B.
  public static func - (a: Matrix, b: Matrix) -> Matrix { zipped(a, b, -) }
  /// The entrywise product A ⊙ B.
  public static func .* (a: Matrix, b: Matrix) -> Matrix { zipped(a, b, *) }
  /// −A.
  public static prefix func - (a: Matrix) -> Matrix { a.map { -$0 } }
  /// s·A.
  public static func * (s: Double, a: Matrix) -> Matrix { a.map { s * $0 } }
}

extension Matrix: CustomStringConvertible {
  /// One bracketed row per line.
  public var description: String {
    (0..<rows).map { "\(row($0).scalars)" }.joined(separator: "\n")
  }
}
