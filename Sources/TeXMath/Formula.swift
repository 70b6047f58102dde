/// One math span of a page: the TeX between the dollar signs and whether it is display math.
public struct Formula: Equatable, Sendable {
  /// The TeX source without the delimiters; error offsets are UTF-8 bytes into it.
  public var tex: String
  /// `$$…$$` (true) or `$…$` (false).
  public var display: Bool

  /// A formula with source `tex`, display (`$$`) or inline (`$`).
  public init(tex: String, display: Bool) {
    self.tex = tex
    self.display = display
  }
}
