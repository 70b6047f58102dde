import Diagnostics

/// A figure a block produced: an SVG document with an identifier and a caption.
public struct FigureRecord: Codable, Sendable, Equatable {
  /// 0-based index of the block that made the figure.
  public var block: Int
  /// Identifier, unique within the document (used for anchors and file names).
  public var id: String
  /// The caption shown under the figure.
  public var caption: String
  /// The complete SVG text.
  public var svg: String
  /// Where the figure was made, in the Markdown file.
  public var location: FileLocation

  /// Creates a figure record.
  public init(block: Int, id: String, caption: String, svg: String, location: FileLocation) {
    self.block = block
    self.id = id
    self.caption = caption
    self.svg = svg
    self.location = location
  }
}
