/// A tape for reverse-mode automatic differentiation over matrices (vectors are n × 1 and
/// scalars 1 × 1).
///
/// Each operation on ``Variable``s computes its value at once and records, for each input,
/// a pullback: the map from the adjoint of the output, ∂ℓ/∂out, to that input's share of
/// ∂ℓ/∂in. ``gradients(of:withRespectTo:)`` runs the pullbacks in reverse order of recording.
/// This code shares nothing with the hand-derived gradients of the energies and losses, so the
/// two check each other.
///
/// A tape is used by one thread at a time; make a new one per computation.
public final class Tape {
  struct Node {
    var value: Matrix
    var inputs: [Int]
    var pullbacks: [(Matrix) -> Matrix]
  }

  var nodes: [Node] = []

  /// An empty tape.
  public init() {}

  /// A leaf holding `value`: an input or a parameter.
  public func variable(_ value: Matrix) -> Variable {
    nodes.append(Node(value: value, inputs: [], pullbacks: []))
    return Variable(tape: self, index: nodes.count - 1)
  }

  /// A leaf holding `value` as an n × 1 column.
  public func variable(_ value: Vector) -> Variable { variable(Matrix(column: value)) }

  /// A leaf holding the scalar `value` (1 × 1).
  public func variable(_ value: Double) -> Variable {
    variable(Matrix(rows: 1, columns: 1, scalars: [value]))
  }

  /// Records an operation's output and the pullback to each of its inputs.
  func record(_ value: Matrix, _ inputs: [(Variable, (Matrix) -> Matrix)]) -> Variable {
    for (v, _) in inputs {
      Validation.require(
        v.tape === self ? nil : "an operand of this operation belongs to another tape")
    }
    nodes.append(Node(value: value, inputs: inputs.map(\.0.index), pullbacks: inputs.map(\.1)))
    return Variable(tape: self, index: nodes.count - 1)
  }

  /// ∂output/∂input for each of `inputs`, each of its input's shape; `output` must be a scalar
  /// (1 × 1). An input that `output` does not depend on gets a zero gradient.
  public func gradients(of output: Variable, withRespectTo inputs: [Variable]) -> [Matrix] {
    Validation.require(
      Validation.sameShape(output.value.shape, (1, 1), argument: "output"))
    var adjoints: [Matrix?] = Array(repeating: nil, count: output.index + 1)
    adjoints[output.index] = Matrix(rows: 1, columns: 1, scalars: [1])
    for i in stride(from: output.index, through: 0, by: -1) {
      guard let adjoint = adjoints[i] else { continue }
      let node = nodes[i]
      for (input, pullback) in zip(node.inputs, node.pullbacks) {
        let share = pullback(adjoint)
        if let existing = adjoints[input] {
          adjoints[input] = existing + share
        } else {
          adjoints[input] = share
        }
      }
    }
    return inputs.map { v in
      v.index < adjoints.count
        ? (adjoints[v.index] ?? .zeros(v.value.rows, v.value.columns))
        : .zeros(v.value.rows, v.value.columns)
    }
  }

  /// ∂output/∂input for one input.
  public func gradient(of output: Variable, withRespectTo input: Variable) -> Matrix {
    gradients(of: output, withRespectTo: [input])[0]
  }
}

/// A value recorded on a ``Tape``.
public struct Variable {
  /// The tape the value lives on.
  public let tape: Tape
  let index: Int

  /// The value.
  public var value: Matrix { tape.nodes[index].value }

  /// The value of a 1 × 1 variable.
  public var scalar: Double {
    Validation.require(Validation.sameShape(value.shape, (1, 1), argument: "variable"))
    return value.scalars[0]
  }

  /// (rows, columns).
  public var shape: (rows: Int, columns: Int) { value.shape }
}
