import Testing

@testable import Markup

/// The size limit on a Markdown document.
@Suite struct DocumentLimitTests {
  @Test func keepsADocumentWithinTheLimitWhole() {
    let bytes = Array(String(repeating: "a line of text\n", count: 1000).utf8)
    let (kept, diagnostic) = InputLimits.document(bytes, path: "Content/x.md")
    #expect(kept == bytes)
    #expect(diagnostic == nil)
  }

  @Test func cutsALongerDocumentAtTheStartOfTheLineThatCrossesIt() {
    // 100-byte lines: the 8,388,609th byte is on line 83,887, which starts at byte 8,388,600.
    let line = Array((String(repeating: "x", count: 99) + "\n").utf8)
    var bytes: [UInt8] = []
    for _ in 0..<90_000 { bytes += line }
    let (kept, diagnostic) = InputLimits.document(bytes, path: "Content/x.md")
    #expect(kept.count == 8_388_600)
    #expect(
      diagnostic?.description
        == "Content/x.md:83887:1: error: the document is longer than 8 MiB (9000000 bytes): "
        + "it is cut before this line")
  }
}
