/// Where a piece of an expression is in the formula's TeX, in UTF-8 bytes, as ``TeXError``
/// counts them: errors found while evaluating point there.
struct Span: Equatable, Sendable {
  var offset: Int
  var length: Int

  init(offset: Int, length: Int) {
    self.offset = offset
    self.length = length
  }

  init(_ token: Token) {
    self.init(offset: token.offset, length: token.length)
  }

  func error(_ message: String) -> TeXError {
    TeXError(message, offset: offset, length: length)
  }
}

/// How two factors are multiplied: written side by side or with `\times` or `*` (the matrix
/// product), with `\cdot` (also the dot product of two vectors), or with `\odot` (number by
/// number).
enum ProductKind: Sendable {
  case juxtaposition, dot, hadamard
}

/// A function of one value that applies number by number.
enum ElementaryFunction: String, CaseIterable, Sendable {
  case exp, log, ln, sin, cos, tan, sinh, cosh, tanh, sqrt
  /// `[u]^+ = \max(0, u)`.
  case positivePart

  /// The TeX that names it, for messages.
  var spelling: String { self == .positivePart ? "[·]^+" : "\\" + rawValue }
}

/// A chain of comparisons, `a < b ≤ c`: true when each neighbouring pair is.
struct Condition: Sendable {
  var operands: [Expression]
  var relations: [(relation: FormulaRelation, span: Span)]
}

/// What a `\sum`, `\prod`, `\max` or `\min` ranges over.
enum Domain: Sendable {
  /// The members of a set bound under `slot` (the variable's own spelling, or the set's after
  /// `\in`), leaving out those equal to `excluding` (`\bar y \neq y`).
  case set(slot: Int, span: Span, excluding: Expression?)
  /// The integers from `lower` to `upper`, both included (`k=1` … `n`).
  case integers(lower: Expression, upper: Expression)
}

/// `\sum`, `\prod`, `\max` or `\min` of `body` over `domain`, with `variable` bound to each
/// member in turn.
struct Reduction: Sendable {
  enum Kind: String, Sendable {
    case sum, prod, max, min
  }
  var kind: Kind
  var variable: Int
  var domain: Domain
  var body: Expression
  /// The operator's token.
  var span: Span
}

/// `\operatorname*{argmin}_{y, z} body` (or `argmax`, `\arg\min`, `\arg\max`): the member of
/// the sets at which `body`, a scalar, is smallest (largest), the first in order among equals.
/// Over several variables it ranges over the product of their sets, the first variable varying
/// slowest, and its value is the vector of the members (`(\hat y, \hat z)`).
struct ArgExtremum: Sendable {
  /// One variable and the set it ranges over.
  struct Range: Sendable {
    var variable: Int
    /// The slot of the set: the variable's own spelling, or the set's after `\in`.
    var set: Int
    var span: Span
    /// Members equal to its value are left out (`\bar y \neq y`); it may read the variables
    /// before this one.
    var excluding: Expression?
  }
  var isMax: Bool
  var ranges: [Range]
  var body: Expression
  /// The operator, from `\operatorname` (`\arg`) to its closing brace (`\min`).
  var span: Span

  /// The operator's name in messages: argmin or argmax.
  static func name(isMax: Bool) -> String { isMax ? "argmax" : "argmin" }
}

/// `\int_{lower}^{upper} body \, d(variable)` over the grid bound to the variable's spelling.
struct Integral: Sendable {
  var variable: Int
  var variableSpan: Span
  var lower: Expression?
  var upper: Expression?
  var body: Expression
  var span: Span
}

/// A parsed formula side: what evaluation walks. Names are slots (indices into the formula's
/// table of spellings), so evaluating does no string work.
indirect enum Expression: Sendable {
  case number(Double)
  /// A name: the value bound to its spelling.
  case symbol(Int, Span)
  /// A subscripted name, `w_y`: the value bound to the whole spelling (`full`, nil when an index
  /// is a summation variable), otherwise `base` indexed by `indices` (one index: an element of a
  /// vector or a row of a matrix; two: an element of a matrix).
  case indexed(full: Int?, base: Int, indices: [Expression], Span)
  /// `f(a, b)`: the function bound to the name applied to the arguments; a value bound to the
  /// name times the one argument (`x(a + b)`).
  case apply(Int, [Expression], Span)
  case negate(Expression)
  case sum(Expression, Expression, subtracting: Bool, Span)
  case product(Expression, Expression, ProductKind, Span)
  case quotient(Expression, Expression, Span)
  case power(Expression, Expression, Span)
  /// `\sqrt[degree]{radicand}`.
  case root(Expression, degree: Expression, Span)
  case transpose(Expression)
  case function(ElementaryFunction, Expression, Span)
  /// `|u|`: the absolute value of a scalar, the 2-norm of a vector.
  case absolute(Expression, Span)
  /// `\|u\|`: the 2-norm (the Frobenius norm of a matrix).
  case norm(Expression)
  /// `\mathbb{1}[condition]`: 1 or 0.
  case indicator(Condition)
  /// `\max(a, b, …)` (or `\min`).
  case extremum(isMax: Bool, [Expression], Span)
  case reduction(Reduction)
  case argExtremum(ArgExtremum)
  case integral(Integral)
  /// `\begin{pmatrix} … \end{pmatrix}`: a vector when it has one column.
  case matrix([[Expression]], Span)
  /// `(a, b)`: the column vector of its entries, each a scalar.
  case tuple([Expression], Span)
  /// `\frac{\partial}{\partial z} u`: the derivative of `u` with respect to the scalar bound to
  /// slot `variable`, by central differences.
  case derivative(Expression, variable: Int, Span)
}
