import Testing

@testable import TeXMath

/// The command tables are built from enums; each case must reach its own parsing.
@Suite struct CommandTableTests {
  @Test(arguments: StructuralCommand.allCases)
  func looksUpEveryStructuralCommandByItsName(command: StructuralCommand) {
    guard case .structural(let found)? = Command.table[command.rawValue] else {
      Issue.record("\\\(command.rawValue) is not a structural command in the table")
      return
    }
    #expect(found == command)
  }

  @Test(arguments: StructuralCommand.allCases)
  func parsesEveryStructuralCommandAsAKnownCommand(command: StructuralCommand) {
    // Arguments are missing or wrong for most, but none may be an unknown command.
    let page = MathPage(formulas: [Formula(tex: "\\" + command.rawValue, display: true)])
    if case .failure(let error) = page.results[0] {
      #expect(!error.message.hasPrefix("unknown command"))
    }
  }

  @Test(arguments: TextCommand.allCases)
  func readsTheArgumentOfEveryTextCommandInTextModeWithMathInside(command: TextCommand) throws {
    let page = MathPage(
      formulas: [Formula(tex: "\\\(command.rawValue){a $b$}", display: false)], widths: .browser)
    let mathML = try page.results[0].get()
    #expect(mathML.contains("<mtext>"))
    #expect(mathML.contains("&#xA0;</mtext><mi>b</mi>"))
  }
}
