/// Contour lines of a grid of values by marching squares, joined into polylines.
///
/// Nodes sit at integer grid coordinates (i, j) with value z[j][i]. A cell whose four corners
/// straddle the level gets one segment (two at a saddle, split by the mean of the corners);
/// segment ends are linearly interpolated along cell edges. Cells with a non-finite corner are
/// skipped, so NaN holes stay open.
enum MarchingSquares {
  struct Point: Equatable {
    var x: Double
    var y: Double
  }

  /// Polylines (in grid coordinates) where the interpolated surface equals `level`; a closed
  /// loop repeats its first point at the end.
  static func contour(_ z: [[Double]], level: Double) -> [[Point]] {
    let ny = z.count
    guard ny >= 2, let nx = z.first?.count, nx >= 2 else { return [] }
    // Edge ids: horizontal edge from node (i, j) = 2(j·nx + i), vertical = 2(j·nx + i) + 1.
    func h(_ i: Int, _ j: Int) -> Int { 2 * (j * nx + i) }
    func v(_ i: Int, _ j: Int) -> Int { 2 * (j * nx + i) + 1 }
    var points = [Point?](repeating: nil, count: 2 * nx * ny)
    var segments: [(Int, Int)] = []

    func crossing(_ edge: Int) -> Int {
      if points[edge] == nil {
        let node = edge / 2
        let i = node % nx
        let j = node / nx
        let a = z[j][i]
        let b = edge % 2 == 0 ? z[j][i + 1] : z[j + 1][i]
        let t = a == b ? 0.5 : ((level - a) / (b - a)).clamped(to: 0...1)
        points[edge] =
          edge % 2 == 0
          ? Point(x: Double(i) + t, y: Double(j)) : Point(x: Double(i), y: Double(j) + t)
      }
      return edge
    }

    for j in 0..<(ny - 1) {
      let lower = z[j]
      let upper = z[j + 1]
      for i in 0..<(nx - 1) {
        let a = lower[i]
        let b = lower[i + 1]
        let c = upper[i + 1]
        let d = upper[i]
        guard a.isFinite && b.isFinite && c.isFinite && d.isFinite else { continue }
        var index = 0
        if a >= level { index |= 1 }
        if b >= level { index |= 2 }
        if c >= level { index |= 4 }
        if d >= level { index |= 8 }
        if index == 0 || index == 15 { continue }
        let bottom = h(i, j)
        let top = h(i, j + 1)
        let left = v(i, j)
        let right = v(i + 1, j)
        func add(_ p: Int, _ q: Int) { segments.append((crossing(p), crossing(q))) }
        switch index {
        case 1, 14: add(left, bottom)
        case 2, 13: add(bottom, right)
        case 3, 12: add(left, right)
        case 4, 11: add(right, top)
        case 6, 9: add(bottom, top)
        case 7, 8: add(left, top)
        case 5:
          if (a + b + c + d) / 4 >= level {
            add(bottom, right)
            add(top, left)
          } else {
            add(left, bottom)
            add(right, top)
          }
        case 10:
          if (a + b + c + d) / 4 >= level {
            add(left, bottom)
            add(right, top)
          } else {
            add(bottom, right)
            add(top, left)
          }
        default: break
        }
      }
    }
    return join(segments, edgeCount: points.count).map { chain in chain.map { points[$0]! } }
  }

  /// Chains segments that share an edge into polylines of edge ids, in a deterministic order
  /// (by first unused segment). An edge borders two cells, so it touches at most two segments.
  static func join(_ segments: [(Int, Int)], edgeCount: Int) -> [[Int]] {
    var touching = [Int32](repeating: -1, count: 2 * edgeCount)
    for (s, seg) in segments.enumerated() {
      for edge in [seg.0, seg.1] {
        let slot = touching[2 * edge] < 0 ? 2 * edge : 2 * edge + 1
        touching[slot] = Int32(s)
      }
    }
    var used = [Bool](repeating: false, count: segments.count)
    var chains: [[Int]] = []
    func extend(_ chain: inout [Int]) {
      while let end = chain.last {
        let a = Int(touching[2 * end])
        let b = Int(touching[2 * end + 1])
        let next = a >= 0 && !used[a] ? a : (b >= 0 && !used[b] ? b : -1)
        guard next >= 0 else { return }
        used[next] = true
        let seg = segments[next]
        chain.append(seg.0 == end ? seg.1 : seg.0)
      }
    }
    for s in segments.indices where !used[s] {
      used[s] = true
      var chain = [segments[s].0, segments[s].1]
      extend(&chain)
      if chain.first != chain.last {
        chain.reverse()
        extend(&chain)
      }
      chains.append(chain)
    }
    return chains
  }
}
