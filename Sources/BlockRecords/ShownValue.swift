import Diagnostics

/// A value a block asked to show with `show(label, value)`, already formatted as text.
///
/// Numbers are formatted by `NumberText` (6 significant digits), so the page does not depend
/// on the build configuration.
public struct ShownValue: Codable, Sendable, Equatable {
  /// The formatted content.
  public enum Content: Sendable, Equatable {
    /// One number.
    case scalar(String)
    /// A vector of numbers.
    case vector([String])
    /// A matrix as rows of numbers (shown as a small table).
    case matrix([[String]])
    /// Free text, shown verbatim.
    case text(String)
  }

  /// 0-based index of the block that showed the value.
  public var block: Int
  /// The label the block gave.
  public var label: String
  /// The formatted value.
  public var content: Content
  /// Where `show` was called, in the Markdown file.
  public var location: FileLocation

  /// Creates a shown value.
  public init(block: Int, label: String, content: Content, location: FileLocation) {
    self.block = block
    self.label = label
    self.content = content
    self.location = location
  }
}

extension ShownValue.Content: Codable {
  private enum CodingKeys: String, CodingKey { case kind, value, values, rows }

  /// Encodes as `{"kind":"scalar","value":"1.5"}`, `{"kind":"vector","values":[…]}`,
  /// `{"kind":"matrix","rows":[[…]]}` or `{"kind":"text","value":"…"}`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .scalar(let text):
      try container.encode("scalar", forKey: .kind)
      try container.encode(text, forKey: .value)
    case .vector(let values):
      try container.encode("vector", forKey: .kind)
      try container.encode(values, forKey: .values)
    case .matrix(let rows):
      try container.encode("matrix", forKey: .kind)
      try container.encode(rows, forKey: .rows)
    case .text(let text):
      try container.encode("text", forKey: .kind)
      try container.encode(text, forKey: .value)
    }
  }

  /// Decodes the forms written by `encode(to:)`.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let kind = try container.decode(String.self, forKey: .kind)
    switch kind {
    case "scalar": self = .scalar(try container.decode(String.self, forKey: .value))
    case "vector": self = .vector(try container.decode([String].self, forKey: .values))
    case "matrix": self = .matrix(try container.decode([[String]].self, forKey: .rows))
    case "text": self = .text(try container.decode(String.self, forKey: .value))
    default:
      throw DecodingError.dataCorruptedError(
        forKey: .kind, in: container, debugDescription: "unknown shown value kind \(kind)")
    }
  }
}
