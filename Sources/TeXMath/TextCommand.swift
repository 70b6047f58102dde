/// A command whose argument is set as text, with `$…$` math allowed inside (`\text{if $x > 0$}`).
///
/// This is the one list of text commands: the parser reads their arguments in text mode, and the
/// Markdown scanner that finds formulas skips their arguments whole, so a `$` inside one does
/// not end the formula around it.
public enum TextCommand: String, CaseIterable, Sendable {
  case text, textrm, textbf, textit, textsf, texttt, textnormal, textup, mbox, emph

  /// The alphabet the argument's letters and digits are set in.
  var alphabet: MathAlphabet {
    switch self {
    case .text, .textrm, .textnormal, .textup, .mbox: .roman
    case .textbf: .bold
    case .textit, .emph: .italic
    case .textsf: .sansSerif
    case .texttt: .monospace
    }
  }
}
