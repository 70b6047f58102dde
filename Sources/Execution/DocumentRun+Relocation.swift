import BlockRecords
import Diagnostics

extension DocumentRun {
  /// The same run with every location in `displayPath` moved along with its block: a line
  /// inside old block i (first code line `old[i].line`, `old[i].count` lines) moves by
  /// `new[i] − old[i].line`. Used when prose edits shift blocks without changing their code.
  func relocated(displayPath: String, from old: [(line: Int, count: Int)], to new: [Int])
    -> DocumentRun
  {
    precondition(old.count == new.count, "relocated(from:to:): old and new differ in length")
    func move(_ location: SourceLocation, in path: String) -> SourceLocation {
      guard path == displayPath,
        let position = old.firstIndex(where: {
          location.line >= $0.line && location.line < $0.line + $0.count
        })
      else { return location }
      var moved = location
      moved.line += new[position] - old[position].line
      return moved
    }
    func move(_ location: FileLocation) -> FileLocation {
      FileLocation(path: location.path, location: move(location.location, in: location.path))
    }
    func move(_ diagnostic: Diagnostic) -> Diagnostic {
      var moved = diagnostic
      moved.location = diagnostic.location.map { move($0, in: diagnostic.path) }
      moved.notes = diagnostic.notes.map { note in
        var movedNote = note
        movedNote.location = note.location.map { move($0, in: note.path ?? diagnostic.path) }
        return movedNote
      }
      return moved
    }
    var result = self
    for (position, block) in blocks.enumerated() {
      var run = block
      if position < new.count { run.line = new[position] }
      run.checks = block.checks.map {
        var check = $0
        check.location = move($0.location)
        return check
      }
      run.values = block.values.map {
        var value = $0
        value.location = move($0.location)
        return value
      }
      run.figures = block.figures.map {
        var figure = $0
        figure.location = move($0.location)
        return figure
      }
      run.warnings = block.warnings.map(move)
      switch block.status {
      case .compileError(let diagnostics):
        run.status = .compileError(diagnostics.map(move))
      case .crashed(let message, let location):
        run.status = .crashed(message: message, location: location.map(move))
      default:
        break
      }
      result.blocks[position] = run
    }
    return result
  }
}
