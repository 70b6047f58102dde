/// A formula side compiled, for one set of bindings, into closures that compute its value in
/// `Double`s alone: what a ``FormulaFunction`` runs when its arguments are numbers.
/// ``ScalarCompiler`` makes it when every symbol the side reads is a number, a set or grid of
/// numbers, or a function of numbers (``FormulaBindings/Binding/scalarFunction(_:)``), and its
/// value is a number.
///
/// Each slot of the side has a register: a parameter's is written by each call, a symbol bound
/// to a number holds it, and a summation, integration or argmin variable's is written while its
/// body runs and given back after; constants have registers of their own. A node is a closure
/// that reads the registers and returns its number. A leaf (a register) is read by its parent
/// in place, and a negation is done by the closure of the operation under it, so that
/// `-w_y \cdot x - b_y` is two calls. A call allocates nothing, counts no reference and makes
/// no ``MathValue``: a function of numbers gets its arguments as a `Span` of a buffer kept from
/// call to call. Every operation is the general path's (``ScalarOperation``), applied in the
/// same order, so a call gives the value and the errors of ``FormulaSide/evaluate(_:)``, bit
/// for bit.
struct ScalarCode {
  /// The registers a call runs in, one `Double` each.
  typealias Registers = UnsafeMutablePointer<Double>
  /// A compiled node: its number, read from the registers.
  typealias Code = (Registers) throws(TeXError) -> Double

  /// Whether there is code: false for a side that does not compute in numbers.
  let isCompiled: Bool
  private let root: Code
  /// Each argument's register, -1 for a parameter the side does not read.
  private let parameterRegisters: [Int]
  /// The registers calls run in, allocated once, holding before a call the numbers bound and
  /// the constants, NaN elsewhere.
  private let registers: Registers
  /// Whether a call is running.
  private let busy: UnsafeMutablePointer<Bool>
  /// Owns the memory. (The code is a struct, with its fields read in place by a call, so that a
  /// call counts no references.)
  private let storage: Storage

  /// Frees the registers, the flag and the arguments' buffers of the functions of numbers that
  /// the code calls, with the last copy of the code.
  final class Storage {
    let registers: Registers
    let busy: UnsafeMutablePointer<Bool>
    let buffers: [UnsafeMutablePointer<Double>]

    init(
      registers: Registers, busy: UnsafeMutablePointer<Bool>,
      buffers: [UnsafeMutablePointer<Double>]
    ) {
      self.registers = registers
      self.busy = busy
      self.buffers = buffers
    }

    deinit {
      registers.deallocate()
      busy.deallocate()
      for buffer in buffers { buffer.deallocate() }
    }
  }

  init(
    root: @escaping Code, initial: [Double], parameterRegisters: [Int],
    buffers: [UnsafeMutablePointer<Double>]
  ) {
    isCompiled = true
    self.root = root
    self.parameterRegisters = parameterRegisters
    registers = .allocate(capacity: max(1, initial.count))
    registers.initialize(from: initial, count: initial.count)
    busy = .allocate(capacity: 1)
    busy.initialize(to: false)
    storage = Storage(registers: registers, busy: busy, buffers: buffers)
  }

  /// No code: every call gives nil.
  init() {
    isCompiled = false
    root = { _ in .nan }
    parameterRegisters = []
    registers = .allocate(capacity: 1)
    busy = .allocate(capacity: 1)
    busy.initialize(to: true)
    storage = Storage(registers: registers, busy: busy, buffers: [])
  }

  /// The side's value with the parameters bound to `arguments`, in order, or nil, having
  /// computed nothing, when there is no code, when an argument that the side reads is not a
  /// scalar, or when a call is running already (a function of numbers that the code calls
  /// calling it again): that call is the general path's, since the registers and the
  /// arguments' buffers are the code's.
  @inline(__always)
  func callAsFunction(_ arguments: [MathValue]) throws(TeXError) -> Double? {
    if busy.pointee { return nil }
    for k in parameterRegisters.indices {
      let register = parameterRegisters[k]
      if register < 0 { continue }
      guard case .scalar(let x) = arguments[k] else { return nil }
      registers[register] = x
    }
    busy.pointee = true
    defer { busy.pointee = false }
    return try root(registers)
  }
}
