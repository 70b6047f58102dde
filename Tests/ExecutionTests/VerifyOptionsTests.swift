import Testing

@testable import Execution

@Suite struct VerifyOptionsTests {
  @Test func readsEveryOption() throws {
    let options = try VerifyOptions.parse(
      infoString: "swift verify hidden expect-failure timeout=5 id=nll-grad")
    #expect(
      options
        == VerifyOptions(flags: [.hidden, .expectFailure], timeoutSeconds: 5, id: "nll-grad"))
  }

  @Test(arguments: ["swift", "python verify", "swift  hidden", "", "swiftverify"])
  func infoStringsThatAreNotVerifyBlocksGiveNil(info: String) throws {
    #expect(try VerifyOptions.parse(infoString: info) == nil)
  }

  @Test func aBareVerifyBlockTakesTheDefaults() throws {
    let options = try #require(try VerifyOptions.parse(infoString: "swift\tverify"))
    #expect(options == VerifyOptions())
    #expect(options.effectiveTimeoutSeconds == 10)
  }

  @Test(arguments: [
    ("swift verify hiden", 13, "hiden"),
    ("swift verify hidden timeout=abc", 20, "timeout=abc"),
    ("swift verify timeout=0", 13, "timeout=0"),
    ("swift verify timeout=-1", 13, "timeout=-1"),
    ("swift verify  timeout", 14, "timeout"),
    ("swift verify id=", 13, "id="),
    ("swift verify id=a/b", 13, "id=a/b"),
    ("swift verify hidden=yes", 13, "hidden=yes"),
    ("swift verify hidden hidden", 20, "hidden"),
    ("swift verify hidden é", 20, "é"),
  ])
  func badWordsAreErrorsAtTheirUTF8Column(info: String, column: Int, word: String) {
    #expect(throws: VerifyOptionsError.self) { try VerifyOptions.parse(infoString: info) }
    do {
      _ = try VerifyOptions.parse(infoString: info)
    } catch {
      #expect(error.column == column)
      #expect(error.word == word)
    }
  }

  @Test func anUnknownOptionNamesTheKnownOnes() {
    do {
      _ = try VerifyOptions.parse(infoString: "swift verify fast")
      Issue.record("expected an error")
    } catch {
      #expect(
        error.message
          == "unknown verify option 'fast' (expected hidden, expect-failure, timeout=SECONDS "
          + "or id=NAME)")
    }
  }
}
