/// An ``Expression`` lowered for evaluation: its nodes in one array, each naming its children
/// by index. A node holds no reference, so reading one costs no reference counting, which
/// walking the indirect enum would cost at every node.
struct Program: Sendable {
  /// What a node does; its fields (``Node``) say with what.
  enum Operation: Sendable {
    /// `number`.
    case number
    /// The value bound to slot `a`.
    case symbol
    /// Slot `a` (-1: none) if bound, else slot `b` indexed by the list.
    case indexed
    /// The function bound to slot `a` applied to the list.
    case apply
    /// `-a`.
    case negate
    /// `a + b`, or `a - b`.
    case sum(subtracting: Bool)
    case product(ProductKind)
    /// `a / b`.
    case quotient
    /// `a^b`.
    case power
    /// The `b`-th root of `a`.
    case root
    case transpose
    case function(ElementaryFunction)
    case absolute
    case norm
    /// 1 if the list's operands stand in the relations from `relations[b]` on, else 0.
    case indicator
    /// The largest (smallest) of the list.
    case extremum(isMax: Bool)
    /// Node `b` reduced over the set bound to slot `c` (at `detail`), leaving out the value of
    /// node `d` (-1: none), with the member in slot `a`.
    case reduceSet(Reduction.Kind)
    /// Node `b` reduced over the integers from node `c` to node `d`, each in slot `a`.
    case reduceRange(Reduction.Kind)
    /// The member of the sets of `ranges[c..<c + d]` at which node `b` is smallest (largest);
    /// over several ranges, the vector of the members.
    case argExtremum(isMax: Bool)
    /// Node `b` integrated over the grid bound to slot `a` (at `detail`), from node `c` to node
    /// `d` (-1: the whole grid).
    case integral
    /// The list, `b` entries a row (a tuple: one entry a row).
    case matrix(isTuple: Bool)
    /// The derivative of node `b` with respect to the scalar in slot `a`.
    case derivative
  }

  struct Node: Sendable {
    var operation: Operation
    var a: Int32 = -1
    var b: Int32 = -1
    var c: Int32 = -1
    var d: Int32 = -1
    /// The value of a `number`.
    var number = 0.0
    var span: Span
    /// A second place: the set or grid a reduction or integral runs over.
    var detail = Span(offset: 0, length: 0)
    /// The nodes of a list: `list` from `listStart`, `listCount` of them.
    var listStart: Int32 = 0
    var listCount: Int32 = 0

    /// Whether it combines two operands, nodes `a` and `b`, with an operation on numbers when
    /// both are numbers: a sum, product, quotient, power or root.
    var isArithmetic: Bool {
      switch operation {
      case .sum, .product, .quotient, .power, .root: return true
      default: return false
      }
    }
  }

  private(set) var nodes: [Node] = []
  private(set) var list: [Int32] = []
  private(set) var relations: [(relation: FormulaRelation, span: Span)] = []
  /// The variables of the argmin and argmax nodes: each one's slot, the slot of its set, the
  /// set's place, and the node whose value is left out (-1: none).
  private(set) var ranges: [(variable: Int32, set: Int32, span: Span, excluding: Int32)] = []
  /// The node whose value is the side's.
  private(set) var root: Int32 = 0
  /// For each node, whether its value can be computed as a `Double` alone when the symbols it
  /// reads are scalars: it calls no bound function and indexes nothing, so that computing it
  /// twice does nothing more than compute it once (``Evaluator/scalarValue(_:)``).
  private(set) var computesScalars: [Bool] = []

  init(_ expression: Expression) {
    root = lower(expression)
    for node in nodes {
      let children = scalarChildren(of: node)
      computesScalars.append(children?.allSatisfy { computesScalars[Int($0)] } ?? false)
    }
  }

  /// The nodes that `node` computes its value from, or nil when it is never computed by
  /// ``Evaluator/scalarValue(_:)``. (Children come before their parent in ``nodes``.)
  private func scalarChildren(of node: Node) -> [Int32]? {
    let listed = list[Int(node.listStart)..<Int(node.listStart + node.listCount)]
    switch node.operation {
    case .number, .symbol: return []
    case .indexed, .apply, .matrix, .integral, .derivative, .argExtremum: return nil
    case .negate, .transpose, .function, .absolute, .norm: return [node.a]
    case .sum, .product, .quotient, .power, .root: return [node.a, node.b]
    case .indicator, .extremum: return Array(listed)
    case .reduceSet: return [node.b] + (node.d >= 0 ? [node.d] : [])
    case .reduceRange: return [node.b, node.c, node.d]
    }
  }

  private mutating func add(_ node: Node) -> Int32 {
    nodes.append(node)
    return Int32(nodes.count - 1)
  }

  private mutating func lower(_ expressions: [Expression], into node: inout Node) {
    let children = expressions.map { lower($0) }
    node.listStart = Int32(list.count)
    node.listCount = Int32(children.count)
    list += children
  }

  private mutating func lower(_ expression: Expression) -> Int32 {
    let zero = Span(offset: 0, length: 0)
    switch expression {
    case .number(let x):
      return add(Node(operation: .number, number: x, span: zero))
    case .symbol(let slot, let span):
      return add(Node(operation: .symbol, a: Int32(slot), span: span))
    case .indexed(let full, let base, let indices, let span):
      var node = Node(operation: .indexed, a: Int32(full ?? -1), b: Int32(base), span: span)
      lower(indices, into: &node)
      return add(node)
    case .apply(let slot, let arguments, let span):
      var node = Node(operation: .apply, a: Int32(slot), span: span)
      lower(arguments, into: &node)
      return add(node)
    case .negate(let a):
      return add(Node(operation: .negate, a: lower(a), span: zero))
    case .sum(let a, let b, let subtracting, let span):
      return binary(.sum(subtracting: subtracting), a, b, span)
    case .product(let a, let b, let kind, let span):
      return binary(.product(kind), a, b, span)
    case .quotient(let a, let b, let span):
      return binary(.quotient, a, b, span)
    case .power(let a, let b, let span):
      return binary(.power, a, b, span)
    case .root(let a, let degree, let span):
      return binary(.root, a, degree, span)
    case .transpose(let a):
      return add(Node(operation: .transpose, a: lower(a), span: zero))
    case .function(let function, let a, let span):
      return add(Node(operation: .function(function), a: lower(a), span: span))
    case .absolute(let a, let span):
      return add(Node(operation: .absolute, a: lower(a), span: span))
    case .norm(let a):
      return add(Node(operation: .norm, a: lower(a), span: zero))
    case .indicator(let condition):
      var node = Node(operation: .indicator, b: Int32(relations.count), span: zero)
      relations += condition.relations
      lower(condition.operands, into: &node)
      return add(node)
    case .extremum(let isMax, let arguments, let span):
      var node = Node(operation: .extremum(isMax: isMax), span: span)
      lower(arguments, into: &node)
      return add(node)
    case .reduction(let r):
      let body = lower(r.body)
      switch r.domain {
      case .set(let slot, let span, let excluding):
        return add(
          Node(
            operation: .reduceSet(r.kind), a: Int32(r.variable), b: body, c: Int32(slot),
            d: excluding.map { lower($0) } ?? -1, span: r.span, detail: span))
      case .integers(let lower, let upper):
        let (from, to) = (self.lower(lower), self.lower(upper))
        return add(
          Node(
            operation: .reduceRange(r.kind), a: Int32(r.variable), b: body, c: from, d: to,
            span: r.span))
      }
    case .argExtremum(let e):
      var lowered: [(variable: Int32, set: Int32, span: Span, excluding: Int32)] = []
      for range in e.ranges {
        let excluding = range.excluding.map { lower($0) } ?? -1
        lowered.append((Int32(range.variable), Int32(range.set), range.span, excluding))
      }
      let body = lower(e.body)
      let start = Int32(ranges.count)
      ranges += lowered
      return add(
        Node(
          operation: .argExtremum(isMax: e.isMax), b: body, c: start, d: Int32(lowered.count),
          span: e.span))
    case .integral(let i):
      let body = lower(i.body)
      let from = i.lower.map { lower($0) } ?? -1
      let to = i.upper.map { lower($0) } ?? -1
      return add(
        Node(
          operation: .integral, a: Int32(i.variable), b: body, c: from, d: to, span: i.span,
          detail: i.variableSpan))
    case .matrix(let rows, let span):
      var node = Node(operation: .matrix(isTuple: false), b: Int32(rows[0].count), span: span)
      lower(rows.flatMap { $0 }, into: &node)
      return add(node)
    case .tuple(let entries, let span):
      var node = Node(operation: .matrix(isTuple: true), b: 1, span: span)
      lower(entries, into: &node)
      return add(node)
    case .derivative(let body, let variable, let span):
      let b = lower(body)
      return add(Node(operation: .derivative, a: Int32(variable), b: b, span: span))
    }
  }

  private mutating func binary(
    _ operation: Operation, _ a: Expression, _ b: Expression, _ span: Span
  ) -> Int32 {
    let (left, right) = (lower(a), lower(b))
    return add(Node(operation: operation, a: left, b: right, span: span))
  }
}
