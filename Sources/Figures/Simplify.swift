/// Polyline simplification by Ramer–Douglas–Peucker: keeps the ends and, recursively, every
/// point farther than `tolerance` (user units) from the chord of its stretch, so the drawn
/// line moves by at most `tolerance`. With 0.1 units (the precision at which coordinates are
/// written anyway) the result looks identical.
enum Simplify {
  /// Indices of the points to keep, in increasing order.
  static func keep(xs: [Double], ys: [Double], tolerance: Double) -> [Int] {
    let n = xs.count
    guard n > 2 else { return Array(0..<n) }
    var kept = [Bool](repeating: false, count: n)
    kept[0] = true
    kept[n - 1] = true
    var stack: [(Int, Int)] = [(0, n - 1)]
    let tolerance2 = tolerance * tolerance
    while let (first, last) = stack.popLast() {
      guard last > first + 1 else { continue }
      let ax = xs[first]
      let ay = ys[first]
      let dx = xs[last] - ax
      let dy = ys[last] - ay
      let length2 = dx * dx + dy * dy
      var worst = -1.0
      var worstIndex = first
      for i in (first + 1)..<last {
        let px = xs[i] - ax
        let py = ys[i] - ay
        let d2: Double
        if length2 == 0 {
          d2 = px * px + py * py
        } else {
          // Distance to the segment (not the infinite line), so spikes past an end are kept.
          let t = ((px * dx + py * dy) / length2).clamped(to: 0...1)
          let ex = px - t * dx
          let ey = py - t * dy
          d2 = ex * ex + ey * ey
        }
        if d2 > worst {
          worst = d2
          worstIndex = i
        }
      }
      if worst > tolerance2 {
        kept[worstIndex] = true
        stack.append((worstIndex, last))
        stack.append((first, worstIndex))
      }
    }
    return kept.indices.filter { kept[$0] }
  }
}
