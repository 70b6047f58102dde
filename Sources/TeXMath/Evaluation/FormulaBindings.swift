#if canImport(Glibc)
  import Glibc
#endif

/// What a formula's free symbols stand for, keyed by their TeX spelling.
///
/// ```swift
/// var bindings = FormulaBindings()
/// bindings["x"] = .value([0.5, -1, 2, 0])
/// bindings["y"] = 2
/// bindings["\\beta"] = 1.5
/// bindings["\\bar y"] = .set((0..<5).map { MathValue($0) })
/// bindings["F_W"] = .function { arguments in … }
/// bindings["\\partial F_W / \\partial W"] = .function { arguments in … }
/// bindings["G"] = .scalarFunction { a in … }  // G(x, y, z) of numbers a[0], a[1], a[2]
/// ```
///
/// Keys are compared by their canonical spelling (``canonicalSpelling(_:)``): `"\\bar{y}"` and
/// `"\\bar y"` are one key, as are `"F_{W}"` and `"F_W"`, `"w_{y}"` and `"w_y"`,
/// `"y^{\\prime}"` and `"y'"`, and `"\\frac{\\partial F_W}{\\partial W}"` and
/// `"\\partial F_W/\\partial W"` (canonically `"\\partial F_W / \\partial W"`).
public struct FormulaBindings {
  /// What one spelling stands for.
  public enum Binding {
    /// A scalar, vector or matrix.
    case value(MathValue)
    /// A function of the arguments written after the name, `F_W(x, \bar y)`, in order (`\mid`
    /// and `;` separate arguments as a comma does). What it throws fails the evaluation, located
    /// at the name.
    case function(([MathValue]) throws -> MathValue)
    /// A function of numbers to a number, `F_W(x, \bar y)` with every argument a scalar: called
    /// with the arguments' numbers, in order, as a `Span` (`a[0]`, `a[1]`, `a.count`), a view
    /// valid during the call of memory the evaluation keeps from call to call. An argument that
    /// is not a scalar is an error at the name; what it throws fails the evaluation, as for
    /// ``function(_:)``. Since its value is known to be a number, a side whose symbols are
    /// numbers, sets of numbers and such functions is compiled by
    /// ``FormulaSide/function(of:bindings:)`` into arithmetic on `Double`s, and a call of it
    /// allocates nothing and counts no reference.
    case scalarFunction((Swift.Span<Double>) throws -> Double)
    /// The members a `\sum`, `\prod`, `\max` or `\min` ranges over (`\sum_{\bar y}` reads the set
    /// bound to `\bar y`).
    case set([MathValue])
    /// The points, increasing, that `\int … d\hat y` integrates over by the trapezoid rule.
    case grid([Double])
  }

  var table: [String: Binding] = [:]

  /// What a subscript counts from when it indexes a vector or a matrix (`w_y` with `w` a
  /// vector or matrix and `y` an integer): 0, as Swift arrays and the homework's labels do.
  public var indexBase = 0

  /// No bindings.
  public init() {}

  /// The binding of `spelling` (any spelling that has the same canonical spelling).
  public subscript(spelling: String) -> Binding? {
    get { table[Spelling.canonical(spelling)] }
    set { table[Spelling.canonical(spelling)] = newValue }
  }

  /// The canonical spellings bound, sorted.
  public var spellings: [String] { table.keys.sorted() }

  /// The spelling that `tex` is bound and looked up under: spaces normalised, braces around one
  /// token dropped, `\mathrm{…}`, `\operatorname{…}` and `\text{…}` looked through, primes and
  /// derivatives written one way. Examples:
  ///
  /// | written | canonical |
  /// | --- | --- |
  /// | `\bar{y}`, `\bar y` | `\bar y` |
  /// | `F_{W}`, `F_W` | `F_W` |
  /// | `w_{y}` | `w_y` |
  /// | `\beta` | `\beta` |
  /// | `y'`, `y^{\prime}` | `y'` |
  /// | `\ell_{\text{NLL}}` | `\ell_{NLL}` |
  /// | `\frac{\partial F_W}{\partial W}`, `\partial F_{W}/\partial W` | `\partial F_W / \partial W` |
  public static func canonicalSpelling(_ tex: String) -> String {
    Spelling.canonical(tex)
  }

  /// What a symbol means when it is not bound: `e` is Euler's number, `\pi` is π, `\sigma` the
  /// logistic function.
  static func standardBinding(_ spelling: String) -> (binding: Binding, meaning: String)? {
    switch spelling {
    case "e": return (.value(.scalar(M_E)), "Euler's number")
    case "\\pi": return (.value(.scalar(Double.pi)), "π")
    case "\\sigma":
      return (.function(logistic), "the logistic function 1/(1 + e^{-u}), number by number")
    default: return nil
    }
  }

  /// `σ(u) = 1 / (1 + e^{-u})`, number by number, computed without overflow for any `u`.
  static func logistic(_ arguments: [MathValue]) throws -> MathValue {
    guard arguments.count == 1 else {
      throw LogisticArity(count: arguments.count)
    }
    return arguments[0].map(ScalarOperation.logistic)
  }

  struct LogisticArity: Error, CustomStringConvertible {
    var count: Int
    var description: String {
      "the logistic function takes one argument, not \(count) (bind \"\\\\sigma\" to use another)"
    }
  }
}

extension FormulaBindings: ExpressibleByDictionaryLiteral {
  /// Bindings from spellings: `["x": [1, 2], "y": 2, "F_W": .function { … }]`.
  public init(dictionaryLiteral elements: (String, Binding)...) {
    for (spelling, binding) in elements { self[spelling] = binding }
  }
}

extension FormulaBindings.Binding: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByArrayLiteral
{
  public init(floatLiteral value: Double) { self = .value(.scalar(value)) }
  public init(integerLiteral value: Int) { self = .value(.scalar(Double(value))) }
  /// A vector.
  public init(arrayLiteral elements: Double...) { self = .value(.vector(elements)) }
}
