/// A MathML Core element built by the parser, written by ``MathMLWriter``.
///
/// A class, because the parser passes nodes around a lot and copying a struct of this size (with
/// its arrays and strings) dominated the conversion time. Nodes are mutated only while they are
/// built, before anything else holds them.
final class MathNode {
  /// The element name (`mi`, `mo`, `mfrac`…); `ref` is an equation reference resolved on writing.
  enum Kind: String, Sendable {
    case mi, mn, mo, mtext, mspace, mrow, mfrac, msqrt, mroot, msub, msup, msubsup
    case munder, mover, munderover, mtable, mtr, mtd, mstyle, mpadded, mphantom
    case ref
  }

  /// How scripts attach to this node as a base, as TeX places limits.
  enum Limits: Sendable {
    /// Scripts go to the side (`msub`/`msup`/`msubsup`).
    case side
    /// Under/over in display style, to the side in text style (`movablelimits="true"`).
    case movable
    /// Always under and over (`\limits`, `\underbrace`, `\overbrace`).
    case always
  }

  /// An `\eqref{label}` (parenthesized) or `\ref{label}` to resolve against the page's labels.
  struct Reference: Sendable {
    var label: String
    var parenthesized: Bool
    var offset: Int
    var length: Int
  }

  var kind: Kind
  /// The text of a token element (`mi`, `mn`, `mo`, `mtext`), unescaped.
  var text: String = ""
  /// Attributes in writing order.
  var attributes: [(name: String, value: String)] = []
  var children: [MathNode] = []
  var limits: Limits = .side
  /// A large operator that takes `\limits`/`\nolimits`.
  var isLargeOperator = false
  /// A function name such as `\sin`: followed by U+2061 FUNCTION APPLICATION.
  var isFunctionName = false
  var reference: Reference? = nil
  /// TeX's class of this node as an atom, where the parser knows better than its kind
  /// (``AtomSpacing/atomClass(of:)``): a group is ordinary, `\left…\right` inner, `\mathbin` binary.
  var atomClass: AtomClass? = nil
  /// A space ``AtomSpacing`` inserted between atoms (and takes out when it spaces a row again).
  var isAtomSpace = false

  init(_ kind: Kind, _ text: String = "", _ attributes: [(name: String, value: String)] = []) {
    self.kind = kind
    self.text = text
    self.attributes = attributes
  }

  init(_ kind: Kind, children: [MathNode], _ attributes: [(name: String, value: String)] = []) {
    self.kind = kind
    self.children = children
    self.attributes = attributes
  }

  /// A row of `nodes`, or the node itself when there is exactly one that is not an operator.
  static func row(_ nodes: [MathNode]) -> MathNode {
    if nodes.count == 1 && nodes[0].kind != .mo { return nodes[0] }
    return MathNode(.mrow, children: nodes)
  }

  /// `<mspace width="…"/>`; `width` is a CSS length. Chromium ignores a negative width, so a
  /// negative space (`\!`) is a negative margin instead.
  static func space(_ width: String) -> MathNode {
    if width.hasPrefix("-") { return MathNode(.mspace, "", [("style", "margin-left: \(width)")]) }
    return MathNode(.mspace, "", [("width", width)])
  }

  /// Taller than a line of text: a fraction, table, root, large operator, limits or a stretched
  /// fence somewhere inside (fences around such content stretch).
  var isTall: Bool {
    switch kind {
    case .mfrac, .mtable, .msqrt, .mroot, .munderover: return true
    case .munder, .mover: return attribute("accent") == nil || children.contains(where: \.isTall)
    case .mo:
      return isLargeOperator && text.unicodeScalars.count == 1 || attribute("minsize") != nil
    case .msubsup: return true
    default: return children.contains(where: \.isTall)
    }
  }

  func attribute(_ name: String) -> String? {
    attributes.first { $0.name == name }?.value
  }

  func setAttribute(_ name: String, _ value: String) {
    if let i = attributes.firstIndex(where: { $0.name == name }) {
      attributes[i].value = value
    } else {
      attributes.append((name, value))
    }
  }
}
