/// Compiles a ``Program`` into ``ScalarCode`` for one set of bindings, or finds that it cannot:
/// when a symbol it reads is a vector, a matrix or a function that may give one (bound with
/// ``FormulaBindings/Binding/function(_:)``), when a node's value is not a number (a row of a
/// matrix, a joint argmin), or when evaluating it would fail for the bindings themselves (a
/// symbol read as a number that is bound to a set). Such a side is left to the general path,
/// which computes it, or says what is wrong.
///
/// Arithmetic nodes are fused with the leaves under them (``binary(_:_:_:)``): an operand that
/// is a register is read by the operator's closure, so only operators are calls; a negation
/// over an arithmetic node is done in that node's closure (``arithmetic(_:negated:)``). The
/// nodes with a syntax of their own are in `ScalarCompiler+Constructs.swift`.
struct ScalarCompiler {
  typealias Code = ScalarCode.Code
  typealias Registers = ScalarCode.Registers

  /// A compiled node: a register to read, or a closure to call.
  enum Operand {
    case register(Int)
    case code(Code)

    /// The operand as a closure.
    var code: Code {
      switch self {
      case .register(let i): return { r in r[i] }
      case .code(let f): return f
      }
    }
  }

  let program: Program
  /// What each slot is bound to (``FormulaSide/resolve(_:)``).
  let slots: [FormulaBindings.Binding?]
  /// The parameters' slots: numbers given at each call, whatever the bindings say.
  let parameters: Set<Int>
  /// The slots that hold the logistic function because `\sigma` is left unbound.
  let logistic: Set<Int>
  let spellings: [String]
  let indexBase: Int
  /// The registers' values before a call: one per slot (NaN unless bound to a number), then
  /// the constants.
  var initial: [Double]
  /// The arguments of the functions of numbers, one buffer a call, allocated as the calls are
  /// compiled.
  var buffers: [UnsafeMutablePointer<Double>] = []
  /// The variables of the sums, integrals and argmins around the node being compiled.
  var locals: [Int] = []

  /// The code of `program` with its slots bound to `slots` and `parameters` (by slot, nil for a
  /// parameter the side does not read) given at each call, or nil when it does not compute in
  /// numbers.
  static func compile(
    _ program: Program, slots: [FormulaBindings.Binding?], parameters: [Int?],
    logistic: Set<Int>, spellings: [String], indexBase: Int
  ) -> ScalarCode? {
    var compiler = ScalarCompiler(
      program: program, slots: slots, parameters: Set(parameters.compactMap { $0 }),
      logistic: logistic, spellings: spellings, indexBase: indexBase,
      initial: slots.map { if case .value(.scalar(let x))? = $0 { x } else { .nan } })
    guard let root = compiler.compile(program.root) else {
      for buffer in compiler.buffers { buffer.deallocate() }
      return nil
    }
    return ScalarCode(
      root: root.code, initial: compiler.initial,
      parameterRegisters: parameters.map { $0 ?? -1 }, buffers: compiler.buffers)
  }

  /// Node `index` compiled, or nil.
  mutating func compile(_ index: Int32) -> Operand? {
    let node = program.nodes[Int(index)]
    let span = node.span
    switch node.operation {
    case .number: return .register(constant(node.number))
    case .symbol: return number(Int(node.a)).map { .register($0) }
    case .indexed: return indexed(node)
    case .apply: return apply(node)
    case .negate:
      let child = program.nodes[Int(node.a)]
      if child.isArithmetic { return arithmetic(child, negated: true) }
      return unary(Negate(), node.a)
    case .sum, .product, .quotient, .power, .root: return arithmetic(node, negated: false)
    case .transpose: return compile(node.a)
    case .function(let function): return unary(Elementary(function: function, span: span), node.a)
    case .absolute, .norm: return unary(Absolute(), node.a)
    case .indicator: return indicator(node)
    case .extremum(let isMax): return extremum(node, isMax: isMax)
    case .reduceSet(let kind): return reduction(node, kind)
    case .reduceRange(let kind): return rangeReduction(node, kind)
    case .integral: return integral(node)
    case .derivative: return derivative(node)
    case .argExtremum(let isMax): return argExtremum(node, isMax: isMax)
    case .matrix:
      // One entry is a number (the general path's smallest shape); more are not.
      guard node.listCount == 1 else { return nil }
      return compile(program.list[Int(node.listStart)])
    }
  }

  /// A register holding `x`.
  mutating func constant(_ x: Double) -> Int {
    initial.append(x)
    return initial.count - 1
  }

  /// The register of `slot` read as a number: a variable around the node, a parameter, or a
  /// symbol bound to a number; nil for anything else.
  func number(_ slot: Int) -> Int? {
    if locals.contains(slot) || parameters.contains(slot) { return slot }
    if case .value(.scalar)? = slots[slot] { return slot }
    return nil
  }

  /// The members of the set bound to `slot`, when they are numbers (and `slot` is neither a
  /// parameter nor a variable around the node, which would stand for a number instead).
  func members(_ slot: Int) -> [Double]? {
    guard !parameters.contains(slot), !locals.contains(slot),
      case .set(let members)? = slots[slot]
    else { return nil }
    var numbers: [Double] = []
    for member in members {
      guard case .scalar(let x) = member else { return nil }
      numbers.append(x)
    }
    return numbers
  }

  /// Node `index` compiled as a closure.
  mutating func code(_ index: Int32) -> Code? {
    compile(index)?.code
  }

  /// Node `body` compiled with `variable` bound around it.
  mutating func body(_ body: Int32, binding variable: Int) -> Code? {
    locals.append(variable)
    defer { locals.removeLast() }
    return code(body)
  }

  // MARK: Arithmetic

  /// A node of two operands (``Program/Node/isArithmetic``) compiled, and with `negated` its
  /// value negated in the same closure: `-w_y \cdot x` is one call.
  mutating func arithmetic(_ node: Program.Node, negated: Bool) -> Operand? {
    let span = node.span
    func make<Op: ScalarBinary>(_ op: Op) -> Operand? {
      negated ? binary(Negated(op: op), node.a, node.b) : binary(op, node.a, node.b)
    }
    switch node.operation {
    case .sum(let subtracting): return subtracting ? make(Subtract()) : make(Add())
    case .product: return make(Multiply())
    case .quotient: return make(Divide(span: span))
    case .power: return make(Power(span: span))
    case .root: return make(Root(span: span))
    default: return nil
    }
  }

  mutating func unary<Op: ScalarUnary>(_ op: Op, _ a: Int32) -> Operand? {
    guard let a = compile(a) else { return nil }
    switch a {
    case .register(let i): return .code { r throws(TeXError) in try op(r[i]) }
    case .code(let f): return .code { r throws(TeXError) in try op(try f(r)) }
    }
  }

  /// `op` of nodes `a` and `b`, computed in that order, a register being read in place.
  mutating func binary<Op: ScalarBinary>(_ op: Op, _ a: Int32, _ b: Int32) -> Operand? {
    guard let a = compile(a), let b = compile(b) else { return nil }
    return .code(Self.binary(op, a, b))
  }

  static func binary<Op: ScalarBinary>(_ op: Op, _ a: Operand, _ b: Operand) -> Code {
    switch (a, b) {
    case (.register(let i), .register(let j)):
      return { r throws(TeXError) in try op(r[i], r[j]) }
    case (.register(let i), .code(let g)):
      return { r throws(TeXError) in
        let x = r[i]
        return try op(x, try g(r))
      }
    case (.code(let f), .register(let j)):
      return { r throws(TeXError) in
        let x = try f(r)
        return try op(x, r[j])
      }
    case (.code(let f), .code(let g)):
      return { r throws(TeXError) in
        let x = try f(r)
        return try op(x, try g(r))
      }
    }
  }
}

/// An operation on one number, which a compiled node applies.
protocol ScalarUnary {
  func callAsFunction(_ x: Double) throws(TeXError) -> Double
}

/// An operation on two numbers, which a compiled node applies.
protocol ScalarBinary {
  func callAsFunction(_ x: Double, _ y: Double) throws(TeXError) -> Double
}

extension ScalarCompiler {
  struct Negate: ScalarUnary {
    func callAsFunction(_ x: Double) -> Double { -x }
  }

  /// `|x|` and `\|x\|` of a number.
  struct Absolute: ScalarUnary {
    func callAsFunction(_ x: Double) -> Double { abs(x) }
  }

  struct Elementary: ScalarUnary {
    let function: ElementaryFunction
    let span: Span
    func callAsFunction(_ x: Double) throws(TeXError) -> Double {
      try ScalarOperation.apply(function, to: x, at: span)
    }
  }

  /// `\sigma(u)` with `\sigma` unbound.
  struct Logistic: ScalarUnary {
    func callAsFunction(_ x: Double) -> Double { ScalarOperation.logistic(x) }
  }

  /// `op`, then the negative of its value.
  struct Negated<Op: ScalarBinary>: ScalarBinary {
    let op: Op
    func callAsFunction(_ x: Double, _ y: Double) throws(TeXError) -> Double {
      -(try op(x, y))
    }
  }

  struct Add: ScalarBinary {
    func callAsFunction(_ x: Double, _ y: Double) -> Double { x + y }
  }

  struct Subtract: ScalarBinary {
    func callAsFunction(_ x: Double, _ y: Double) -> Double { x - y }
  }

  /// Any product of two numbers: side by side, `\cdot`, `\times`, `\odot`.
  struct Multiply: ScalarBinary {
    func callAsFunction(_ x: Double, _ y: Double) -> Double { x * y }
  }

  struct Divide: ScalarBinary {
    let span: Span
    func callAsFunction(_ x: Double, _ y: Double) throws(TeXError) -> Double {
      try ScalarOperation.quotient(x, y, at: span)
    }
  }

  struct Power: ScalarBinary {
    let span: Span
    func callAsFunction(_ x: Double, _ y: Double) throws(TeXError) -> Double {
      try ScalarOperation.power(x, y, at: span)
    }
  }

  /// `\sqrt[y]{x}`.
  struct Root: ScalarBinary {
    let span: Span
    func callAsFunction(_ x: Double, _ y: Double) throws(TeXError) -> Double {
      try ScalarOperation.root(x, degree: y, at: span)
    }
  }
}
