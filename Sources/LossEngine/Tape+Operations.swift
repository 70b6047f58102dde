#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// Operations on `Variable`s. Each states its value and its pullback (vector-Jacobian product).

/// A + B (same shape); pullback (ḡ, ḡ).
public func + (a: Variable, b: Variable) -> Variable {
  Validation.require(Validation.sameShape(b.shape, a.shape, argument: "rhs"))
  return a.tape.record(a.value + b.value, [(a, { $0 }), (b, { $0 })])
}

/// A − B (same shape); pullback (ḡ, −ḡ).
public func - (a: Variable, b: Variable) -> Variable {
  Validation.require(Validation.sameShape(b.shape, a.shape, argument: "rhs"))
  return a.tape.record(a.value - b.value, [(a, { $0 }), (b, { -$0 })])
}

/// The entrywise product A ⊙ B; pullback (ḡ ⊙ B, ḡ ⊙ A).
public func .* (a: Variable, b: Variable) -> Variable {
  Validation.require(Validation.sameShape(b.shape, a.shape, argument: "rhs"))
  let (av, bv) = (a.value, b.value)
  return a.tape.record(av .* bv, [(a, { $0 .* bv }), (b, { $0 .* av })])
}

/// The entrywise quotient A ⊘ B; pullback (ḡ ⊘ B, −ḡ ⊙ A ⊘ B²).
public func ./ (a: Variable, b: Variable) -> Variable {
  Validation.require(Validation.sameShape(b.shape, a.shape, argument: "rhs"))
  let (av, bv) = (a.value, b.value)
  let q = Matrix.zipped(av, bv, /)
  return a.tape.record(
    q, [(a, { Matrix.zipped($0, bv, /) }), (b, { Matrix.zipped($0 .* q, bv, { -$0 / $1 }) })])
}

infix operator ./ : MultiplicationPrecedence

/// −A.
public prefix func - (a: Variable) -> Variable { a.tape.record(-a.value, [(a, { -$0 })]) }

/// s·A.
public func * (s: Double, a: Variable) -> Variable {
  a.tape.record(s * a.value, [(a, { s * $0 })])
}

/// A + s (s added to every entry).
public func + (a: Variable, s: Double) -> Variable {
  a.tape.record(a.value.map { $0 + s }, [(a, { $0 })])
}

/// s + A.
public func + (s: Double, a: Variable) -> Variable { a + s }

/// s − A.
public func - (s: Double, a: Variable) -> Variable {
  a.tape.record(a.value.map { s - $0 }, [(a, { -$0 })])
}

/// The matrix product A B; pullback (ḡ Bᵀ, Aᵀ ḡ).
public func matmul(_ a: Variable, _ b: Variable) -> Variable {
  let (av, bv) = (a.value, b.value)
  return a.tape.record(av * bv, [(a, { $0.timesTransposed(bv) }), (b, { av.transposeTimes($0) })])
}

/// An entrywise function f with derivative f′ (given the input and the output).
func entrywise(
  _ a: Variable, _ f: (Double) -> Double, _ derivative: @escaping (Double, Double) -> Double
) -> Variable {
  let x = a.value
  let y = x.map(f)
  return a.tape.record(
    y,
    [
      (
        a,
        { g in
          var out = g
          for i in 0..<out.scalars.count {
            out.scalars[i] *= derivative(x.scalars[i], y.scalars[i])
          }
          return out
        }
      )
    ])
}

/// e^A entrywise; derivative e^a.
public func exp(_ a: Variable) -> Variable { entrywise(a, { exp($0) }, { _, y in y }) }

/// log A entrywise; derivative 1/a.
public func log(_ a: Variable) -> Variable { entrywise(a, { log($0) }, { x, _ in 1 / x }) }

/// tanh A entrywise; derivative 1 − tanh² a.
public func tanh(_ a: Variable) -> Variable { entrywise(a, { tanh($0) }, { _, y in 1 - y * y }) }

/// σ(A) entrywise, σ(u) = 1/(1 + e^{−u}); derivative σ(1 − σ).
public func sigmoid(_ a: Variable) -> Variable {
  entrywise(a, { sigmoid($0) }, { _, y in y * (1 - y) })
}

/// log(1 + e^A) entrywise; derivative σ(a).
public func softplus(_ a: Variable) -> Variable {
  entrywise(a, { softplus($0) }, { x, _ in sigmoid(x) })
}

/// [A]^+ = max(0, A) entrywise (the hinge); derivative 1[a > 0], so 0 at a = 0.
public func positivePart(_ a: Variable) -> Variable {
  entrywise(a, { $0 > 0 ? $0 : 0 }, { x, _ in x > 0 ? 1 : 0 })
}

/// A² entrywise; derivative 2a.
public func square(_ a: Variable) -> Variable { entrywise(a, { $0 * $0 }, { x, _ in 2 * x }) }

/// min(upper, max(lower, A)) entrywise; derivative 1 strictly inside (lower, upper), else 0.
public func clamp(_ a: Variable, _ lower: Double, _ upper: Double) -> Variable {
  entrywise(
    a, { Swift.min(upper, Swift.max(lower, $0)) }, { x, _ in x > lower && x < upper ? 1 : 0 })
}

/// Σ_ij a_ij (1 × 1); pullback ḡ·𝟙.
public func sum(_ a: Variable) -> Variable {
  let (r, c) = a.shape
  return a.tape.record(
    Matrix(rows: 1, columns: 1, scalars: [a.value.sum]),
    [
      (
        a,
        { g in Matrix(rows: r, columns: c, scalars: Array(repeating: g.scalars[0], count: r * c)) }
      )
    ])
}

/// log Σ_ij e^{a_ij} (1 × 1), shifted by the maximum; pullback ḡ·softmax(A).
public func logSumExp(_ a: Variable) -> Variable {
  let v = a.value
  let m = v.scalars.max() ?? -.infinity
  let s = v.scalars.reduce(0) { $0 + exp($1 - m) }
  let lse = m + log(s)
  let softmax = v.map { exp($0 - lse) }
  return a.tape.record(
    Matrix(rows: 1, columns: 1, scalars: [lse]), [(a, { g in g.scalars[0] * softmax })])
}

/// max_ij a_ij (1 × 1); the subgradient goes to the first maximal entry in row-major order.
public func max(_ a: Variable) -> Variable {
  let v = a.value
  var best = 0
  for i in 0..<v.scalars.count where v.scalars[i] > v.scalars[best] { best = i }
  let (r, c) = a.shape
  return a.tape.record(
    Matrix(rows: 1, columns: 1, scalars: [v.scalars[best]]),
    [
      (
        a,
        { g in
          var out = Matrix.zeros(r, c)
          out.scalars[best] = g.scalars[0]
          return out
        }
      )
    ])
}

/// min_ij a_ij = −max(−A) (1 × 1); the subgradient goes to the first minimal entry.
public func min(_ a: Variable) -> Variable { -max(-a) }

/// Entry `index` of A in row-major order (1 × 1); for a vector, its `index`-th entry.
public func element(_ a: Variable, _ index: Int) -> Variable {
  let (r, c) = a.shape
  Validation.require(Validation.label(index, count: r * c, argument: "index"))
  return a.tape.record(
    Matrix(rows: 1, columns: 1, scalars: [a.value.scalars[index]]),
    [
      (
        a,
        { g in
          var out = Matrix.zeros(r, c)
          out.scalars[index] = g.scalars[0]
          return out
        }
      )
    ])
}

/// The entries `range` of A in row-major order, reshaped to `rows × columns`
/// (default: a column). This is how a flat parameter vector is cut into W, b, ….
public func slice(
  _ a: Variable, _ range: Range<Int>, rows: Int? = nil, columns: Int? = nil
) -> Variable {
  let (r, c) = a.shape
  Validation.require(
    range.lowerBound >= 0 && range.upperBound <= r * c ? nil : "range is outside the variable")
  let outRows = rows ?? range.count
  let outColumns = columns ?? 1
  return a.tape.record(
    Matrix(rows: outRows, columns: outColumns, scalars: Array(a.value.scalars[range])),
    [
      (
        a,
        { g in
          var out = Matrix.zeros(r, c)
          out.scalars.replaceSubrange(range, with: g.scalars)
          return out
        }
      )
    ])
}

/// The entries of `parts`, in order (each in row-major order), stacked into one column; the
/// pullback hands each part its slice of ḡ. This is how per-label scalars become a vector.
public func stack(_ parts: [Variable]) -> Variable {
  Validation.require(Validation.nonEmpty(parts.count, argument: "parts"))
  let tape = parts[0].tape
  var offsets: [Int] = []
  var values: [Double] = []
  for p in parts {
    offsets.append(values.count)
    values += p.value.scalars
  }
  return tape.record(
    Matrix(rows: values.count, columns: 1, scalars: values),
    zip(parts, offsets).map { part, offset in
      let (r, c) = part.shape
      return (
        part,
        { g in
          Matrix(rows: r, columns: c, scalars: Array(g.scalars[offset..<(offset + r * c)]))
        }
      )
    })
}
