/// A display formula parsed once for evaluation: the TeX the site renders, with the page's
/// macros expanded as the renderer expands them, split into sides at its top-level relations.
///
/// ```swift
/// let formula = try EvaluableFormula(tex: tex, macros: pageMacros)
/// let gradient = try formula.sides[1].evaluate([
///   "x": .value(x), "y": 2, "\\bar y": .set(labels),
///   "P_W": .function { a in … }, "\\partial F_W / \\partial W": .function { a in … },
/// ])
/// ```
///
/// **Sides.** The formula splits at top-level `=` (also `:=`, `\coloneqq`, `\triangleq`,
/// `\equiv`), `<`, `>`, `\le`, `\ge`, `\ne` and `\approx` into ``sides``, with ``relations``
/// between them. `\label`, `\tag`, `\nonumber`, spacing and `\displaystyle` are passed over, as
/// are the `&` and `\\` of an `aligned` (or `split`, `align`…) around the whole formula, whose
/// rows must continue one chain of relations (a row starts with a relation or an operator). A
/// full stop or comma at the end is punctuation. So the right-hand side of
/// `a = b \label{eq}` is `sides[1]`. Two equations side by side, separated by a comma and
/// `\quad` or `\qquad` at the top level (`\hat y = \operatorname*{argmin}_{y} F(x, y), \qquad
/// (\hat y, \hat z) = …`), are one formula whose ``sides`` are those of the first equation, then
/// those of the second, numbered on (here 0 to 3); ``equations`` says which sides are whose, and
/// no relation stands between one equation's last side and the next one's first.
///
/// **Names** are bound by their canonical spelling (``FormulaBindings/canonicalSpelling(_:)``):
/// a letter, Greek letter or `\ell`, possibly accented (`\bar y`, `\hat y`), bold or
/// calligraphic (`\mathbf x`, `\mathcal Y`), or the letters of `\mathrm{…}`, `\operatorname{…}`
/// or `\text{…}`; with primes (`y'`) or a star (`y^*`); with one subscript (`F_W`, `w_y`). A
/// subscripted name `w_y` is the value bound to `w_y`; when that is not bound, and `w` is a
/// bound vector (matrix), it is the element (row) of `w` at the subscript's value, counted from
/// ``FormulaBindings/indexBase`` (0); `W_{i,j}` is an element of a matrix. A subscript that
/// reads a summation variable always indexes (`\sum_k x_k`).
///
/// **What evaluates, with fixed meanings:**
/// - numbers (`2`, `0.5`); `\infty` (as a limit of an integral);
/// - `+`, `-`, and products: `\cdot`, `\times`, `*` or side by side (`2x`, `\beta F`,
///   `x(a+b)` when `x` is bound to a value, not a function). A product by a scalar scales; two
///   vectors: `\cdot` is the dot product, `\odot` number by number; otherwise the matrix product
///   of the shapes, a vector being one column (matrix–vector, matrix–matrix, `x^\top y` a
///   scalar, `x y^\top` the outer product). A product that yields one number is a scalar;
/// - `/`, `\div` and `\frac{a}{b}`: divided by a scalar, which must not be zero. `/` binds
///   as a product does, from the left: `a / b c` is `(a / b) c`;
/// - powers of scalars (`x^2`, `e^{…}`, `x^{-1}`); `^\top` (or `^\intercal`, `^{\mathsf T}`) is
///   the transpose; `^T` is a power;
/// - `e^{…}` is the exponential unless `e` is bound; `\pi` is π unless bound;
/// - `\exp`, `\log` and `\ln` (both natural; `\log_b` base b), `\sin`, `\cos`, `\tan`, `\sinh`,
///   `\cosh`, `\tanh`, `\sqrt{…}` and `\sqrt[n]{…}`; each applies number by number. With
///   parentheses they take what is inside (`\log(1 + e^{z})`), without, the rest of the term
///   (`\log \sum_{y'} e^{…}`);
/// - `\sigma(u)` is the logistic function `1/(1 + e^{-u})` unless `\sigma` is bound;
/// - `\max(a, b, …)` and `\min(…)` (also `\max\{…\}`) of scalars;
/// - `\operatorname*{argmin}_{y} F(x, y)` (also `\operatorname{argmin}`, `arg\,min`, `\arg\min`,
///   and `argmax`): the member of the set bound to `y` at which the rest of the term, a scalar,
///   is smallest (largest), the first in the set's order among equals; the subscript reads as
///   a sum's (`_{y \in \mathcal Y}`, `_{\bar y \neq y}`). `_{y, z}` ranges over the product of
///   the sets, `y` varying slowest, and gives the vector of the two members (ties: the lowest
///   `y`, then the lowest `z`);
/// - `(a, b, …)`: a tuple, the vector of its entries (scalars), as `(\hat y, \hat z)`;
/// - `|u|` and `\lvert u\rvert`: the absolute value of a scalar, the 2-norm of a vector;
///   `\|u\|` and `\lVert u\rVert`: the 2-norm (Frobenius for a matrix);
/// - `[u]^+` (or `[u]_+`): the positive part `\max(0, u)`, number by number. Brackets without
///   `^+`, like parentheses and `\{…\}`, only group;
/// - `\mathbb{1}[…]`, `\mathbf{1}\{…\}`, `\mathbb{1}(…)` and `\mathbb{1}_{…}`: 1 when the
///   condition holds, else 0. A condition compares with `<`, `>`, `\le`, `\leq`, `\ge`,
///   `\geq`, `=`, `\ne`, `\neq`, possibly chained (`0 < u \le 1`); `=` and `\ne` compare any
///   shapes exactly, the others scalars;
/// - `\sum` and `\prod` of the rest of the term (up to the next `+` or `-`), and `\max_{…}` and
///   `\min_{…}` over it, with the variable ranging over: `_{\bar y}` the set bound to
///   `\bar y`; `_{\bar y \neq y}` (or `\ne`) its members not equal to the value of `y`;
///   `_{y \in \mathcal Y}` the set bound to `\mathcal Y`; `_{k=1}^{n}` the integers from 1 to
///   n, both included (`n` bound or literal). A sum over no member is 0, a product 1;
/// - `\int_{a}^{b} f \, d\hat y` (or `\mathrm{d}\hat y`; without limits, the whole grid): the
///   trapezoid rule over the points of the grid bound to `\hat y` that lie between `a` and `b`
///   (the limits themselves are not added as points; at least 2 points must remain). The
///   integrand runs up to the differential;
/// - function application: `F_W(x, \bar y)` applies the function bound to `F_W`;
///   `P_W(\bar y \mid x)` and `f(x; \theta)` separate arguments with `\mid`, `|` or `;` as with
///   a comma;
/// - derivative symbols: `\frac{\partial F_W(x,y)}{\partial W}`, `\partial F_W(x,y) / \partial
///   W` and `\frac{\partial}{\partial W} F_W(x,y)` apply the function bound to
///   `\partial F_W / \partial W` to `(x, y)`; `\frac{\partial \ell}{\partial W}` is the value
///   bound to `\partial \ell / \partial W`; `\frac{\partial}{\partial z}` before anything else
///   (`e^z`, `\log(1 + e^z)`: the rest of the term) is the derivative of what follows with
///   respect to the number bound to `z`, by central differences (step 1e-5 · max(1, |z|));
/// - vectors and matrices from bindings, and `\begin{pmatrix}…\end{pmatrix}` (`bmatrix`,
///   `matrix`): a matrix, or a vector when it has one column;
/// - `\left`, `\right`, `\middle`, the `\big` family, `\,` and the other spacing commands,
///   `\!`, `\displaystyle`, `\limits`, and the page's macros are looked through.
///
/// Anything else (`\binom`, `\lim`, `\nabla`, `\cdots`, `\partial^2`, a power of a vector, …)
/// is an error at its token when the formula is parsed. A value that is not finite where it
/// matters is an error at the operation: a division by zero, `\log` of 0 or of a negative
/// number, the square root of a negative number, an exponential that overflows.
public struct EvaluableFormula: Sendable {
  /// The formula's TeX, to which every error's offset points.
  public let tex: String
  /// The name of its `\label`, if it has one.
  public let label: String?
  /// The sides between its relations, left to right: `a = b` has two.
  public let sides: [FormulaSide]
  /// The relation between each side and the next side of the same equation, in order: an
  /// equation of n sides has n − 1.
  public let relations: [FormulaRelation]
  /// The sides of each equation, as ranges of ``sides``' indices: one, `0..<sides.count`, for a
  /// chain of relations; `a = b, \qquad c = d` has `0..<2` and `2..<4`.
  public let equations: [Range<Int>]

  /// Parses `tex` (a display formula, without its `$$`) with the page's `macros`; throws at the
  /// first construct that cannot be evaluated.
  public init(tex: String, macros: MacroTable = MacroTable()) throws(TeXError) {
    var parser = try ExpressionParser(tex: tex, macros: macros)
    let parsed = try parser.parseFormula()
    self.tex = tex
    label = parser.stream.label?.name
    let spellings = parser.spellings
    sides = parsed.sides.enumerated().map { index, side in
      FormulaSide(index: index, expression: side.expression, span: side.span, spellings: spellings)
    }
    relations = parsed.relations
    equations = parsed.equations
  }
}
