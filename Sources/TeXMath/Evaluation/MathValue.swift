/// A value a formula computes or is given: a number, a column vector or a matrix, in `Double`.
///
/// A column vector is `.vector`; a row vector is a 1×n `.matrix` (what `x^\top` makes). Results
/// are kept in the smallest shape that holds them: a product that yields one number is a
/// `.scalar` (`x^\top y`, `w \cdot x`), and an n×1 matrix is a `.vector`.
///
/// Literals make values: `2.5` and `3` are scalars, `[1, 2, 3]` is a vector, so a binding can be
/// written `bindings["x"] = [1, 2, 3]`.
public enum MathValue: Equatable, Sendable {
  case scalar(Double)
  /// A column vector.
  case vector([Double])
  /// `rows × columns` numbers, row by row (`elements[r * columns + c]`).
  case matrix(rows: Int, columns: Int, elements: [Double])

  /// The scalar `x`.
  public init(_ x: Double) { self = .scalar(x) }

  /// The scalar `n`: a label such as `y = 2`, or a bound such as `n = 5`.
  public init(_ n: Int) { self = .scalar(Double(n)) }

  /// The column vector `elements`.
  public init(_ elements: [Double]) { self = .vector(elements) }

  /// The matrix whose rows are `rows`: all rows must have the same length (a precondition).
  /// One row makes a 1×n matrix (a row vector); no rows make a 0×0 matrix.
  public init(rows: [[Double]]) {
    let columns = rows.first?.count ?? 0
    precondition(
      rows.allSatisfy { $0.count == columns }, "MathValue(rows:): rows of different lengths")
    self = .matrix(rows: rows.count, columns: columns, elements: rows.flatMap { $0 })
  }

  /// The number, if this is a scalar.
  public var scalar: Double? {
    if case .scalar(let x) = self { return x }
    return nil
  }

  /// The numbers of a column vector, or of a matrix with one row or one column; nil otherwise.
  public var vector: [Double]? {
    switch self {
    case .scalar: return nil
    case .vector(let v): return v
    case .matrix(let rows, let columns, let elements):
      return rows == 1 || columns == 1 ? elements : nil
    }
  }

  /// The rows of a matrix; nil for a scalar or a vector.
  public var rows: [[Double]]? {
    guard case .matrix(let rows, let columns, let elements) = self else { return nil }
    return (0..<rows).map { Array(elements[($0 * columns)..<(($0 + 1) * columns)]) }
  }

  /// Every number, row by row (one for a scalar).
  public var elements: [Double] {
    switch self {
    case .scalar(let x): return [x]
    case .vector(let v): return v
    case .matrix(_, _, let elements): return elements
    }
  }

  /// Rows and columns: 1×1 for a scalar, n×1 for a vector.
  public var shape: (rows: Int, columns: Int) {
    switch self {
    case .scalar: return (1, 1)
    case .vector(let v): return (v.count, 1)
    case .matrix(let rows, let columns, _): return (rows, columns)
    }
  }

  /// The shape in words, for messages: `a scalar`, `a vector of 4`, `a 2×3 matrix`.
  public var shapeDescription: String {
    switch self {
    case .scalar: return "a scalar"
    case .vector(let v): return "a vector of \(v.count)"
    case .matrix(let rows, let columns, _): return "a \(rows)×\(columns) matrix"
    }
  }

  /// Whether every number is finite (not infinite, not NaN).
  public var isFinite: Bool {
    switch self {
    case .scalar(let x): return x.isFinite
    case .vector(let v): return v.allSatisfy(\.isFinite)
    case .matrix(_, _, let elements): return elements.allSatisfy(\.isFinite)
    }
  }
}

extension MathValue: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByArrayLiteral
{
  public init(floatLiteral value: Double) { self = .scalar(value) }
  public init(integerLiteral value: Int) { self = .scalar(Double(value)) }
  public init(arrayLiteral elements: Double...) { self = .vector(elements) }
}

extension MathValue: CustomStringConvertible {
  /// `2.5`, `[1.0, 2.0]`, `[[1.0, 2.0], [3.0, 4.0]]`.
  public var description: String {
    switch self {
    case .scalar(let x): return "\(x)"
    case .vector(let v): return "\(v)"
    case .matrix: return "\(rows!)"
    }
  }
}
