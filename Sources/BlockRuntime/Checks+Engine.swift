import LossEngine

/// `checkClose` for the engine's vectors: |aᵢ − eᵢ| ≤ tolerance · max(1, |eᵢ|) for every i.
public func checkClose(
  _ actual: Vector, _ expected: Vector, tolerance: Double = 1e-8, _ label: String,
  file: StaticString = #filePath, line: UInt = #line, column: UInt = #column
) {
  checkClose(
    actual.scalars, expected.scalars, tolerance: tolerance, label, file: file, line: line,
    column: column)
}

/// Shows one of the engine's vectors as a row of numbers.
public func show(
  _ label: String, _ value: Vector, file: StaticString = #filePath, line: UInt = #line,
  column: UInt = #column
) {
  show(label, value.scalars, file: file, line: line, column: column)
}

/// Shows one of the engine's matrices as a small table.
public func show(
  _ label: String, _ value: Matrix, file: StaticString = #filePath, line: UInt = #line,
  column: UInt = #column
) {
  let rows = (0..<value.rows).map { i in (0..<value.columns).map { j in value[i, j] } }
  show(label, rows, file: file, line: line, column: column)
}
