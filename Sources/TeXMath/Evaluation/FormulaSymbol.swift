/// A free symbol of a formula side: a spelling the caller binds (``FormulaBindings``).
public struct FormulaSymbol: Equatable, Sendable {
  /// How the side uses the symbol, which says what to bind it to.
  public enum Use: Equatable, Sendable {
    /// A scalar, vector or matrix (``FormulaBindings/Binding/value(_:)``).
    case value
    /// Applied to `arguments` arguments, `F_W(x, y)` (``FormulaBindings/Binding/function(_:)``;
    /// a value bound instead multiplies a single argument).
    case function(arguments: Int)
    /// Ranged over by `\sum`, `\prod`, `\max` or `\min` (``FormulaBindings/Binding/set(_:)``).
    case set
    /// Integrated over by `\int … d\hat y` (``FormulaBindings/Binding/grid(_:)``).
    case grid
  }

  /// The canonical spelling (``FormulaBindings/canonicalSpelling(_:)``), the key to bind.
  public var spelling: String
  public var use: Use
  /// Where the symbol is first used, in UTF-8 bytes into the formula's TeX.
  public var offset: Int
  public var length: Int
  /// What the symbol means when it is not bound (`e`, `\pi`, `\sigma`; `w_y` is `w` indexed by
  /// `y`), or nil when it must be bound.
  public var meaningWhenUnbound: String?
}
