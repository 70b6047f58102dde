/// A formula side as a function of some of its symbols, the others bound once
/// (``FormulaSide/function(of:bindings:)``): calling it reads no spelling, only slots.
///
/// When the side computes in numbers with its bindings (every symbol it reads a number, a set
/// or grid of numbers, or a function of numbers, ``FormulaBindings/Binding/scalarFunction(_:)``;
/// its value a number), it is also compiled into ``ScalarCode``, which a call whose arguments
/// are numbers runs instead of the evaluator: same value, same errors, and nothing allocated.
public struct FormulaFunction {
  /// The parameters' canonical spellings, in the order their values are passed.
  public let parameters: [String]
  /// The evaluator with every binding resolved.
  let evaluator: Evaluator
  /// Each parameter's slot, nil when the side does not read it.
  let parameterSlots: [Int?]
  /// The side compiled for numbers (without code when it does not compute in numbers).
  let scalarCode: ScalarCode
  /// The evaluator that calls run in, in place, so that a call copies no bindings and reuses
  /// the argument arrays of the functions it calls.
  let scratch: Scratch

  /// One evaluator, allocated once, that calls use in turn. (Held by pointer: a class's stored
  /// property would be checked for exclusive access at every call.)
  final class Scratch {
    let evaluator: UnsafeMutablePointer<Evaluator>
    /// A call is running: a call made from inside it (a bound function that calls this one)
    /// starts from a copy.
    var busy = false

    init(_ evaluator: Evaluator) {
      self.evaluator = .allocate(capacity: 1)
      self.evaluator.initialize(to: evaluator)
    }

    deinit {
      evaluator.deinitialize(count: 1)
      evaluator.deallocate()
    }
  }

  init(
    parameters: [String], evaluator: Evaluator, parameterSlots: [Int?], scalarCode: ScalarCode?
  ) {
    self.parameters = parameters
    self.evaluator = evaluator
    self.parameterSlots = parameterSlots
    self.scalarCode = scalarCode ?? ScalarCode()
    scratch = Scratch(evaluator)
  }

  /// Whether calls with numbers run compiled code (``ScalarCode``).
  var isCompiled: Bool { scalarCode.isCompiled }

  /// The side's value with the parameters bound to `arguments`, in order (a precondition: as
  /// many arguments as parameters).
  public func callAsFunction(_ arguments: [MathValue]) throws(TeXError) -> MathValue {
    precondition(
      arguments.count == parameterSlots.count,
      "\(parameterSlots.count) arguments expected (\(parameters)), \(arguments.count) given")
    if let x = try scalarCode(arguments) { return .scalar(x) }
    if scratch.busy {
      var evaluator = self.evaluator
      return try Self.run(&evaluator, parameterSlots, arguments)
    }
    scratch.busy = true
    defer { scratch.busy = false }
    return try Self.run(&scratch.evaluator.pointee, parameterSlots, arguments)
  }

  static func run(_ evaluator: inout Evaluator, _ slots: [Int?], _ arguments: [MathValue])
    throws(TeXError) -> MathValue
  {
    for (slot, argument) in zip(slots, arguments) {
      if let slot { evaluator.bind(slot, .value(argument)) }
    }
    return try evaluator.run()
  }

  /// The side's value with the parameters bound to `arguments`, in order.
  public func callAsFunction(_ arguments: MathValue...) throws(TeXError) -> MathValue {
    try self(arguments)
  }
}
