import LossEngine
import Testing

/// Each tape operation, checked op by op: its pullback against central differences of its
/// forward value, through a random linear functional ℓ = Σ c ⊙ op(A).
struct UnaryOperation: Sendable, CustomTestStringConvertible {
  var name: String
  var positiveInputs = false
  var apply: @Sendable (Variable) -> Variable
  var testDescription: String { name }
}

struct BinaryOperation: Sendable, CustomTestStringConvertible {
  var name: String
  var rhsShape: (Int, Int) = (3, 2)
  var apply: @Sendable (Variable, Variable) -> Variable
  var testDescription: String { name }
}

let unaryOperations: [UnaryOperation] = [
  UnaryOperation(name: "exp") { exp($0) },
  UnaryOperation(name: "log", positiveInputs: true) { log($0) },
  UnaryOperation(name: "tanh") { tanh($0) },
  UnaryOperation(name: "sigmoid") { sigmoid($0) },
  UnaryOperation(name: "softplus") { softplus($0) },
  UnaryOperation(name: "positive part") { positivePart($0) },
  UnaryOperation(name: "square") { square($0) },
  UnaryOperation(name: "clamp") { clamp($0, -0.5, 0.5) },
  UnaryOperation(name: "negate") { -$0 },
  UnaryOperation(name: "scale") { 2.5 * $0 },
  UnaryOperation(name: "add scalar") { $0 + 1.5 },
  UnaryOperation(name: "scalar minus") { 1.5 - $0 },
  UnaryOperation(name: "sum") { sum($0) },
  UnaryOperation(name: "log-sum-exp") { logSumExp($0) },
  UnaryOperation(name: "max") { max($0) },
  UnaryOperation(name: "min") { min($0) },
  UnaryOperation(name: "element") { element($0, 3) },
  UnaryOperation(name: "slice") { slice($0, 1..<5, rows: 2, columns: 2) },
]

let binaryOperations: [BinaryOperation] = [
  BinaryOperation(name: "add") { $0 + $1 },
  BinaryOperation(name: "subtract") { $0 - $1 },
  BinaryOperation(name: "multiply") { $0 .* $1 },
  BinaryOperation(name: "divide") { $0 ./ (square($1) + 1) },
  BinaryOperation(name: "matmul", rhsShape: (2, 4)) { matmul($0, $1) },
  BinaryOperation(name: "reused operand") { $0 .* $0 + tanh($0) .* $1 },
  BinaryOperation(name: "stack", rhsShape: (2, 2)) { stack([$1, element($0, 1), $0]) },
]

@Suite struct TapeTests {
  static func functional(_ output: Variable, seed: UInt64) -> Variable {
    var g = SeededGenerator(seed: seed)
    let c = output.tape.variable(g.gaussianMatrix(output.shape.rows, output.shape.columns))
    return sum(c .* output)
  }

  @Test(arguments: unaryOperations)
  func unaryPullbackMatchesCentralDifferences(op: UnaryOperation) {
    for seed in 0..<20 as Range<UInt64> {
      var g = SeededGenerator(seed: seed + 100)
      var a = g.gaussianMatrix(3, 2)
      if op.positiveInputs { a = a.map { abs($0) + 0.1 } }
      let value = { (p: Vector) -> Double in
        let tape = Tape()
        let v = tape.variable(Matrix(rows: 3, columns: 2, scalars: p.scalars))
        return Self.functional(op.apply(v), seed: seed).scalar
      }
      let tape = Tape()
      let v = tape.variable(a)
      let gradient = tape.gradient(of: Self.functional(op.apply(v), seed: seed), withRespectTo: v)
      let error = gradientCheck(value, claimed: gradient.flattened, at: a.flattened)
      #expect(error < 1e-7, "seed \(seed)")
    }
  }

  @Test(arguments: binaryOperations)
  func binaryPullbacksMatchCentralDifferences(op: BinaryOperation) {
    for seed in 0..<20 as Range<UInt64> {
      var g = SeededGenerator(seed: seed + 200)
      let a = g.gaussianMatrix(3, 2)
      let b = g.gaussianMatrix(op.rhsShape.0, op.rhsShape.1)
      let both = a.flattened.concatenated(with: b.flattened)
      let value = { (p: Vector) -> Double in
        let tape = Tape()
        let va = tape.variable(Matrix(rows: 3, columns: 2, scalars: Array(p.scalars[0..<6])))
        let vb = tape.variable(
          Matrix(rows: op.rhsShape.0, columns: op.rhsShape.1, scalars: Array(p.scalars[6...])))
        return Self.functional(op.apply(va, vb), seed: seed).scalar
      }
      let tape = Tape()
      let (va, vb) = (tape.variable(a), tape.variable(b))
      let grads = tape.gradients(
        of: Self.functional(op.apply(va, vb), seed: seed), withRespectTo: [va, vb])
      let claimed = grads[0].flattened.concatenated(with: grads[1].flattened)
      #expect(gradientCheck(value, claimed: claimed, at: both) < 1e-7, "seed \(seed)")
    }
  }

  @Test func forwardValuesMatchTheirDefinitions() {
    let tape = Tape()
    let a = tape.variable(Matrix([[1, -2], [0.5, 3]]))
    let b = tape.variable(Matrix([[2, 0], [1, -1]]))
    #expect(matmul(a, b).value == Matrix([[0, 2], [4, -3]]))
    #expect(positivePart(a).value == Matrix([[1, 0], [0.5, 3]]))
    #expect(max(a).scalar == 3)
    #expect(min(a).scalar == -2)
    #expect(sum(a).scalar == 2.5)
    #expect(element(a, 2).scalar == 0.5)
  }

  @Test func hingeOnTheTapeHasZeroSubgradientAtZero() {
    let tape = Tape()
    let a = tape.variable(Vector([0, 1, -1]))
    #expect(tape.gradient(of: sum(positivePart(a)), withRespectTo: a).flattened == [0, 1, 0])
  }

  @Test func maxSendsItsSubgradientToTheFirstMaximalEntry() {
    let tape = Tape()
    let a = tape.variable(Vector([2, 5, 5]))
    #expect(tape.gradient(of: max(a), withRespectTo: a).flattened == [0, 1, 0])
  }

  @Test func anInputTheOutputDoesNotUseGetsAZeroGradient() {
    let tape = Tape()
    let a = tape.variable(Vector([1, 2]))
    let unused = tape.variable(Vector([3, 4, 5]))
    #expect(tape.gradient(of: sum(a), withRespectTo: unused).flattened == [0, 0, 0])
  }
}
