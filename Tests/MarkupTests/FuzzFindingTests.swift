import Diagnostics
import Testing

@testable import Markup

/// What the fuzz targets (`Benchmarks/fuzz`) found in the Markdown path, each kept as a case.
@Suite struct FuzzFindingTests {
  private func messages(_ bytes: [UInt8]) -> [String] {
    MarkdownDocument.parse(bytes, path: "Content/x.md").diagnostics.map(\.description)
  }

  /// A lone `\r` ends a line for cmark and for every other location, so it does for the bad byte
  /// too (the byte was located before lone carriage returns became line ends).
  @Test func locatesABadByteOnCmarksLineAfterALoneCarriageReturn() {
    let bytes = Array("a\rb ".utf8) + [0xFF] + Array("\n".utf8)
    #expect(messages(bytes) == ["Content/x.md:2:3: error: the file is not valid UTF-8 (byte 0xFF)"])
    // The fuzzer's own input: a line of its own before the bad byte.
    let found = Array("\r".utf8) + [0xC5] + Array("Option\n\r\nText $c$.\n".utf8)
    #expect(
      messages(found).first == "Content/x.md:2:1: error: the file is not valid UTF-8 (byte 0xC5)")
  }

  /// Columns on the first line are counted without the byte order mark, for the bad byte too.
  @Test func locatesABadByteOnTheFirstLineWithoutTheByteOrderMark() {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("ab".utf8) + [0xFF] + Array("\n".utf8)
    #expect(messages(bytes) == ["Content/x.md:1:3: error: the file is not valid UTF-8 (byte 0xFF)"])
  }

}
