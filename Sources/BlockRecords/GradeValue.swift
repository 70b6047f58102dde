/// A value that crosses between a grader and a student's program: a hidden input, a reference
/// or a student's answer. Only numbers, vectors, matrices, text and truth values cross; nothing
/// nests deeper than a matrix, and sizes are capped when read (`GradeValue.limits`).
public enum GradeValue: Sendable, Equatable {
  /// A floating-point number (`Double`).
  case number(Double)
  /// An integer (`Int`).
  case integer(Int)
  /// A vector of numbers (`Vector` or `[Double]`).
  case vector([Double])
  /// A matrix, its entries row by row (`Matrix`).
  case matrix(rows: Int, columns: Int, scalars: [Double])
  /// Text (`String`).
  case text(String)
  /// A truth value (`Bool`).
  case flag(Bool)

  /// Most numbers a vector or matrix may hold.
  public static let maximumCount = 1 << 20
  /// Most UTF-8 bytes a text may hold.
  public static let maximumTextBytes = 1 << 16

  /// What kind of value this is, for messages: "a number", "a vector of 5 numbers", …
  public var kindDescription: String {
    switch self {
    case .number: "a number"
    case .integer: "an integer"
    case .vector(let scalars): "a vector of \(scalars.count) numbers"
    case .matrix(let rows, let columns, _): "a \(rows)×\(columns) matrix"
    case .text: "text"
    case .flag: "a truth value"
    }
  }

  /// The Swift type a grader's input of this kind has in a student's program.
  public var swiftType: String {
    switch self {
    case .number: "Double"
    case .integer: "Int"
    case .vector: "Vector"
    case .matrix: "Matrix"
    case .text: "String"
    case .flag: "Bool"
    }
  }

  /// The value written as a Swift expression of type `swiftType`, exactly: numbers in their
  /// shortest round-trip form, so the program sees the very bits the grader made.
  public var swiftLiteral: String {
    func number(_ value: Double) -> String {
      if value.isNaN { return "Double.nan" }
      if value.isInfinite { return value < 0 ? "-Double.infinity" : "Double.infinity" }
      return "\(value)"
    }
    func array(_ scalars: [Double]) -> String {
      "[" + scalars.map(number).joined(separator: ", ") + "] as [Double]"
    }
    switch self {
    case .number(let value): return number(value)
    case .integer(let value): return "\(value)"
    case .vector(let scalars): return "Vector(\(array(scalars)))"
    case .matrix(let rows, let columns, let scalars):
      return "Matrix(rows: \(rows), columns: \(columns), scalars: \(array(scalars)))"
    case .text(let text): return Self.quoted(text)
    case .flag(let value): return value ? "true" : "false"
    }
  }

  /// The value at 6 significant digits, as a page shows it (vectors and matrices longer than
  /// `shownLimit` numbers are cut around `…`).
  public var shortDescription: String {
    func list(_ scalars: [Double]) -> String {
      let shown = Self.shownLimit
      let texts =
        scalars.count <= shown
        ? scalars.map(NumberText.format)
        : scalars.prefix(shown / 2).map(NumberText.format) + ["…"]
          + scalars.suffix(shown / 2).map(NumberText.format)
      return "[" + texts.joined(separator: ", ") + "]"
    }
    switch self {
    case .number(let value): return NumberText.format(value)
    case .integer(let value): return "\(value)"
    case .vector(let scalars): return list(scalars)
    case .matrix(let rows, let columns, let scalars):
      guard columns > 0, rows * columns <= Self.shownLimit else {
        return "\(rows)×\(columns) matrix " + list(scalars)
      }
      return "["
        + (0..<rows).map { row in
          list(Array(scalars[(row * columns)..<((row + 1) * columns)]))
        }.joined(separator: ", ") + "]"
    case .text(let text):
      return Self.quoted(text.count > 200 ? String(text.prefix(200)) + "…" : text)
    case .flag(let value): return value ? "true" : "false"
    }
  }

  /// Numbers shown of a long vector or matrix.
  public static let shownLimit = 40

  /// A Swift string literal for `text`: quotes, backslashes and control characters escaped.
  public static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\t": result += "\\t"
      case "\r": result += "\\r"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          result += "\\u{\(String(scalar.value, radix: 16))}"
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }
}

extension GradeValue: Codable {
  private enum CodingKeys: String, CodingKey { case kind, value, scalars, rows, columns }

  /// Encodes as `{"kind":"number","value":1.5}`, `{"kind":"vector","scalars":[…]}`,
  /// `{"kind":"matrix","rows":2,"columns":3,"scalars":[…]}`, `{"kind":"integer","value":3}`,
  /// `{"kind":"text","value":"…"}` or `{"kind":"flag","value":true}`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .number(let value):
      try container.encode("number", forKey: .kind)
      try container.encode(value, forKey: .value)
    case .integer(let value):
      try container.encode("integer", forKey: .kind)
      try container.encode(value, forKey: .value)
    case .vector(let scalars):
      try container.encode("vector", forKey: .kind)
      try container.encode(scalars, forKey: .scalars)
    case .matrix(let rows, let columns, let scalars):
      try container.encode("matrix", forKey: .kind)
      try container.encode(rows, forKey: .rows)
      try container.encode(columns, forKey: .columns)
      try container.encode(scalars, forKey: .scalars)
    case .text(let text):
      try container.encode("text", forKey: .kind)
      try container.encode(text, forKey: .value)
    case .flag(let value):
      try container.encode("flag", forKey: .kind)
      try container.encode(value, forKey: .value)
    }
  }

  /// Decodes the forms written by `encode(to:)`, refusing a vector or matrix of more than
  /// `maximumCount` numbers, a matrix whose entries do not fill its shape, and text of more
  /// than `maximumTextBytes` bytes.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let kind = try container.decode(String.self, forKey: .kind)
    func refuse(_ why: String) -> DecodingError {
      .dataCorruptedError(forKey: .kind, in: container, debugDescription: why)
    }
    switch kind {
    case "number": self = .number(try container.decode(Double.self, forKey: .value))
    case "integer": self = .integer(try container.decode(Int.self, forKey: .value))
    case "vector":
      let scalars = try container.decode([Double].self, forKey: .scalars)
      guard scalars.count <= Self.maximumCount else { throw refuse("vector too long") }
      self = .vector(scalars)
    case "matrix":
      let rows = try container.decode(Int.self, forKey: .rows)
      let columns = try container.decode(Int.self, forKey: .columns)
      let scalars = try container.decode([Double].self, forKey: .scalars)
      guard rows >= 0, columns >= 0, scalars.count <= Self.maximumCount,
        rows.multipliedReportingOverflow(by: columns) == (scalars.count, false)
      else { throw refuse("matrix shape does not match its entries") }
      self = .matrix(rows: rows, columns: columns, scalars: scalars)
    case "text":
      let text = try container.decode(String.self, forKey: .value)
      guard text.utf8.count <= Self.maximumTextBytes else { throw refuse("text too long") }
      self = .text(text)
    case "flag": self = .flag(try container.decode(Bool.self, forKey: .value))
    default: throw refuse("unknown value kind \(kind)")
    }
  }
}
