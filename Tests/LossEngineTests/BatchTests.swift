import Foundation
import LossEngine
import Testing

@Suite struct BatchTests {
  @Test(arguments: [(3, 2, 5), (10, 16, 32), (7, 9, 13), (64, 33, 70)])
  func batchNLLMatchesTheMeanOfPerSampleLosses(n: Int, d: Int, batch: Int) {
    var g = SeededGenerator(seed: UInt64(n * 1000 + d))
    var f = LinearEnergy(labels: n, inputs: d, using: &g)
    f.bias = g.gaussianVector(n)
    let x = g.gaussianMatrix(batch, d)
    let labels = (0..<batch).map { _ in g.integer(below: n) }
    let result = f.nllLossAndGradient(inputs: x, labels: labels, beta: 1.5)
    let reference = f.loss(
      .nll(beta: 1.5), inputs: (0..<batch).map { x.row($0) }, labels: labels)
    #expect(abs(result.loss - reference.value) < 1e-12 * max(1, abs(reference.value)))
    let flat = Vector(result.weights.scalars + result.bias.scalars)
    #expect(relativeError(flat, reference.gradient) < 1e-12)
  }

  @Test func batchNLLStaysFiniteForHugeScores() {
    let f = LinearEnergy(weights: Matrix([[1000], [-1000]]))
    let r = f.nllLossAndGradient(inputs: Matrix([[1], [-1]]), labels: [1, 1], beta: 100)
    // Sample 0: E = (−1000, 1000), correct y = 1, ℓ = 1000 − (−1000) = 2000; sample 1: ℓ = 0.
    #expect(abs(r.loss - 1000) < 1e-9)
    #expect(r.weights.scalars.allSatisfy { $0.isFinite })
  }

  @Test(arguments: [(1, 1, 1), (5, 3, 7), (8, 8, 8), (9, 13, 6), (40, 30, 50), (3, 0, 2)])
  func matrixProductsMatchTheDefinition(m: Int, k: Int, n: Int) {
    var g = SeededGenerator(seed: UInt64(m * 100 + k * 10 + n))
    let a = g.gaussianMatrix(m, k)
    let b = g.gaussianMatrix(k, n)
    var c = Matrix.zeros(m, n)
    for i in 0..<m { for j in 0..<n { for p in 0..<k { c[i, j] += a[i, p] * b[p, j] } } }
    #expect(relativeError((a * b).flattened, c.flattened) < 1e-14)
    #expect(relativeError(a.transposed.transposeTimes(b).flattened, c.flattened) < 1e-14)
    #expect(relativeError(a.timesTransposed(b.transposed).flattened, c.flattened) < 1e-14)
  }
}

@Suite struct MatrixProductTransposeTests {
  @Test(arguments: [(2, 3, 4), (10, 16, 32), (40, 30, 50)])
  func transposedTimesTransposedMatchesTheDefinition(m: Int, k: Int, n: Int) {
    var g = SeededGenerator(seed: UInt64(m + k + n))
    let at = g.gaussianMatrix(k, m)
    let bt = g.gaussianMatrix(n, k)
    let expected = at.transposed * bt.transposed
    #expect(relativeError(at.transposeTimes(bt.transposed).flattened, expected.flattened) < 1e-14)
    #expect(relativeError(at.transposed.timesTransposed(bt).flattened, expected.flattened) < 1e-14)
  }
}

@Suite struct ExpKernelTests {
  @Test func theBatchExpMatchesTheCLibraryToAFewUlps() {
    var g = SeededGenerator(seed: 30)
    var xs = (0..<20000).map { _ in g.uniform(in: -708..<709) }
    xs += (0..<20000).map { _ in g.uniform(in: -1..<1) }
    xs += [0, -0.0, 1, -1, 0.5 * Foundation.log(2), -0.5 * Foundation.log(2), 709, -708]
    let exact = xs.map { Foundation.exp($0) }
    var ys = xs
    ys.withUnsafeMutableBufferPointer { batchExp($0) }
    let worst = zip(ys, exact).map { abs($0 - $1) / $1 }.max()!
    #expect(worst < 1e-15)
    #expect(ys[xs.count - 8] == 1)
  }

  @Test func theBatchExpClampsInsteadOfOverflowingOrUnderflowing() {
    var ys: [Double] = [-1e4, -.infinity, 1e4]
    ys.withUnsafeMutableBufferPointer { batchExp($0) }
    #expect(ys[0] > 0 && ys[0] < 1e-307)
    #expect(ys[1] == ys[0])
    #expect(ys[2].isFinite)
  }
}
