/// One side of an ``EvaluableFormula``: an expression parsed once, evaluated with its free
/// symbols bound (``FormulaBindings``).
public struct FormulaSide: Sendable {
  /// Its place among the formula's sides: 0 before the first relation, 1 after it, …, counted
  /// on across equations side by side (``EvaluableFormula/equations``).
  public let index: Int
  /// Where the side is in the formula's TeX (UTF-8 bytes), from its first token to its last.
  public let offset: Int
  public let length: Int
  /// The symbols the side reads and a caller binds, in the order they first appear. Summation
  /// and integration variables are not free inside their body, but the set or grid they run
  /// over is (under the variable's spelling, `\bar y` for `\sum_{\bar y}`).
  public let freeSymbols: [FormulaSymbol]

  /// The expression, lowered for evaluation.
  let program: Program
  /// The spelling of each slot (the whole formula's).
  let spellings: [String]
  /// Each free symbol's slot and, for `w_y`, the slots that indexing `w` needs instead.
  let requirements: [(slot: Int, fallback: [Int]?)]
  /// Every slot the side reads, to be resolved from the bindings.
  let usedSlots: [Int]

  init(index: Int, expression: Expression, span: Span, spellings: [String]) {
    self.index = index
    self.offset = span.offset
    self.length = span.length
    self.program = Program(expression)
    self.spellings = spellings
    var collector = SymbolCollector(spellings: spellings)
    collector.walk(expression, locals: [])
    let found = collector.found.values.sorted {
      ($0.symbol.offset, $0.symbol.spelling) < ($1.symbol.offset, $1.symbol.spelling)
    }
    freeSymbols = found.map(\.symbol)
    requirements = found.map { ($0.slot, $0.fallback) }
    usedSlots = collector.used.sorted()
  }

  /// The free symbols that `bindings` leaves unbound, so that evaluating would fail: not bound,
  /// with no meaning when unbound (``FormulaSymbol/meaningWhenUnbound``), and for `w_y` neither
  /// `w` nor the subscript's names bound either.
  public func unboundSymbols(in bindings: FormulaBindings) -> [FormulaSymbol] {
    let slots = resolve(bindings)
    return zip(freeSymbols, requirements).filter { !Self.isSatisfied($0.1, slots, []) }.map(\.0)
  }

  /// The side's value with `bindings`.
  ///
  /// Throws a ``TeXError`` located at the offending token: the first unbound symbol (before
  /// anything is evaluated), a shape mismatch, a division by zero, a function that threw…
  public func evaluate(_ bindings: FormulaBindings) throws(TeXError) -> MathValue {
    let slots = resolve(bindings)
    try checkBound(slots, parameters: [])
    var evaluator = Evaluator(
      program: program, slots: slots, spellings: spellings, indexBase: bindings.indexBase)
    return try evaluator.run()
  }

  /// The side as a function of `parameters` (spellings), with every other symbol bound once from
  /// `bindings`: what SymPy's `lambdify` makes, for evaluating many times with no lookup of
  /// spellings per call. A parameter the side does not read is accepted and ignored.
  ///
  /// When every other symbol the side reads is bound to a number, a set or grid of numbers or a
  /// function of numbers (``FormulaBindings/Binding/scalarFunction(_:)``), and its value is a
  /// number, the side is compiled into closures over `Double`s (``ScalarCode``) that a call
  /// with numbers runs, allocating nothing: `-w_y \cdot x - b_y` is two closure calls. Other
  /// calls, and other sides, run the general evaluator. Both give the same value and errors.
  ///
  /// Throws the first symbol that is neither bound nor a parameter.
  public func function(of parameters: [String], bindings: FormulaBindings) throws(TeXError)
    -> FormulaFunction
  {
    var slotBySpelling: [String: Int] = [:]
    for (slot, spelling) in spellings.enumerated() { slotBySpelling[spelling] = slot }
    let canonical = parameters.map(Spelling.canonical)
    let parameterSlots = canonical.map { slotBySpelling[$0] }
    let slots = resolve(bindings)
    try checkBound(slots, parameters: Set(parameterSlots.compactMap { $0 }))
    let evaluator = Evaluator(
      program: program, slots: slots, spellings: spellings, indexBase: bindings.indexBase)
    let logistic = Set(
      usedSlots.filter { spellings[$0] == "\\sigma" && bindings.table["\\sigma"] == nil })
    let code = ScalarCompiler.compile(
      program, slots: slots, parameters: parameterSlots, logistic: logistic,
      spellings: spellings, indexBase: bindings.indexBase)
    return FormulaFunction(
      parameters: canonical, evaluator: evaluator, parameterSlots: parameterSlots,
      scalarCode: code)
  }

  /// Each slot the side reads bound from `bindings`, or to its standard meaning (`e`, `\pi`,
  /// `\sigma`) when `bindings` leaves it unbound.
  func resolve(_ bindings: FormulaBindings) -> [FormulaBindings.Binding?] {
    var slots = [FormulaBindings.Binding?](repeating: nil, count: spellings.count)
    for slot in usedSlots {
      let spelling = spellings[slot]
      slots[slot] =
        bindings.table[spelling] ?? FormulaBindings.standardBinding(spelling)?.binding
    }
    return slots
  }

  static func isSatisfied(
    _ requirement: (slot: Int, fallback: [Int]?), _ slots: [FormulaBindings.Binding?],
    _ parameters: Set<Int>
  ) -> Bool {
    func bound(_ slot: Int) -> Bool { slots[slot] != nil || parameters.contains(slot) }
    if bound(requirement.slot) { return true }
    return requirement.fallback?.allSatisfy(bound) ?? false
  }

  /// Throws for the first free symbol that is not bound.
  func checkBound(_ slots: [FormulaBindings.Binding?], parameters: Set<Int>) throws(TeXError) {
    for (symbol, requirement) in zip(freeSymbols, requirements)
    where !Self.isSatisfied(requirement, slots, parameters) {
      let base = requirement.fallback.map { spellings[$0[0]] }
      throw Evaluator.unbound(
        symbol.spelling, symbol.use, at: Span(offset: symbol.offset, length: symbol.length),
        indexedBy: base)
    }
  }
}

/// Finds a side's free symbols: the names it reads outside the bodies that bind them.
struct SymbolCollector {
  let spellings: [String]
  var found: [Int: (symbol: FormulaSymbol, slot: Int, fallback: [Int]?)] = [:]
  var used: Set<Int> = []

  init(spellings: [String]) {
    self.spellings = spellings
  }

  mutating func note(
    _ slot: Int, _ use: FormulaSymbol.Use, _ span: Span, locals: Set<Int>,
    fallback: [Int]? = nil
  ) {
    used.insert(slot)
    guard !locals.contains(slot), found[slot] == nil else { return }
    let spelling = spellings[slot]
    var meaning = FormulaBindings.standardBinding(spelling)?.meaning
    if let fallback {
      meaning = "\(spellings[fallback[0]]) indexed by the subscript"
    }
    let symbol = FormulaSymbol(
      spelling: spelling, use: use, offset: span.offset, length: span.length,
      meaningWhenUnbound: meaning)
    found[slot] = (symbol, slot, fallback)
  }

  mutating func walk(_ expression: Expression, locals: Set<Int>) {
    switch expression {
    case .number: break
    case .symbol(let slot, let span):
      note(slot, .value, span, locals: locals)
    case .indexed(let full, let base, let indices, let span):
      var inner = SymbolCollector(spellings: spellings)
      for index in indices { inner.walk(index, locals: locals) }
      used.formUnion(inner.used)
      if let full, !locals.contains(full) {
        used.insert(base)
        note(full, .value, span, locals: locals, fallback: [base] + inner.found.keys.sorted())
      } else {
        note(base, .value, span, locals: locals)
        for (slot, entry) in inner.found where found[slot] == nil { found[slot] = entry }
      }
    case .apply(let slot, let arguments, let span):
      note(slot, .function(arguments: arguments.count), span, locals: locals)
      for argument in arguments { walk(argument, locals: locals) }
    case .negate(let a), .transpose(let a), .norm(let a), .function(_, let a, _),
      .absolute(let a, _):
      walk(a, locals: locals)
    case .sum(let a, let b, _, _), .product(let a, let b, _, _), .quotient(let a, let b, _),
      .power(let a, let b, _), .root(let a, let b, _):
      walk(a, locals: locals)
      walk(b, locals: locals)
    case .indicator(let condition):
      for operand in condition.operands { walk(operand, locals: locals) }
    case .extremum(_, let arguments, _):
      for argument in arguments { walk(argument, locals: locals) }
    case .reduction(let reduction):
      switch reduction.domain {
      case .set(let slot, let span, let excluding):
        note(slot, .set, span, locals: locals)
        if let excluding { walk(excluding, locals: locals) }
      case .integers(let lower, let upper):
        walk(lower, locals: locals)
        walk(upper, locals: locals)
      }
      used.insert(reduction.variable)
      walk(reduction.body, locals: locals.union([reduction.variable]))
    case .argExtremum(let e):
      var inner = locals
      for range in e.ranges {
        note(range.set, .set, range.span, locals: inner)
        if let excluding = range.excluding { walk(excluding, locals: inner) }
        used.insert(range.variable)
        inner.insert(range.variable)
      }
      walk(e.body, locals: inner)
    case .tuple(let entries, _):
      for entry in entries { walk(entry, locals: locals) }
    case .integral(let integral):
      note(integral.variable, .grid, integral.variableSpan, locals: locals)
      if let lower = integral.lower { walk(lower, locals: locals) }
      if let upper = integral.upper { walk(upper, locals: locals) }
      walk(integral.body, locals: locals.union([integral.variable]))
    case .matrix(let rows, _):
      for row in rows {
        for cell in row { walk(cell, locals: locals) }
      }
    case .derivative(let body, let variable, let span):
      note(variable, .value, span, locals: locals)
      walk(body, locals: locals)
    }
  }
}
