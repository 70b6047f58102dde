/// A command with its own parsing (arguments, environments, numbering), one case per name.
///
/// ``Parser/structural(_:token:)`` switches over these cases without a `default`, and
/// ``Command/table`` is filled from `allCases`, so a new structural command is one case here
/// and the compiler asks for its parsing.
enum StructuralCommand: String, CaseIterable, Sendable {
  // Fractions and binomials.
  case frac, dfrac, tfrac, cfrac
  case binom, dbinom, tbinom
  case sqrt
  // Delimiters: `\left` opens; `\middle` and `\right` are read by `\left` itself.
  case left, middle, right
  case not
  case operatorname, operatornamewithlimits
  // Over and under.
  case overbrace, underbrace
  case overset, underset, stackrel
  case overline
  case xrightarrow, xleftarrow, xmapsto, xRightarrow, xLeftarrow, xleftrightarrow
  case boxed, phantom
  case color, textcolor
  case hspace
  // Environments and rows: `\end`, `\\` and `\cr` are read by the environment.
  case begin, end
  case newline = "\\"
  case cr
  case substack
  // Numbering and references.
  case label, tag, nonumber, notag
  case eqref, ref
  case bmod, pmod, mod
  // Limits placement, read after a large operator.
  case limits, nolimits
  // An atom of the class named: TeX's spacing around it follows that class.
  case mathord, mathop, mathbin, mathrel, mathopen, mathclose, mathpunct, mathinner
}
