import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Golden files: `Tests/Fixtures/<case>/expected.svg`. With `RECORD_GOLDEN=1` the file is
/// rewritten and the test fails, so a recording never passes silently.
enum Golden {
  static let fixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

  static func check(
    _ actual: String, case name: String, file: String = "expected.svg",
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let url = fixtures.appendingPathComponent(name).appendingPathComponent(file)
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(actual.utf8).write(to: url)
      Issue.record(
        "recorded \(name)/\(file); unset RECORD_GOLDEN to compare", sourceLocation: sourceLocation)
      return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    guard actual != expected else { return }
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let line = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
    let got = line < a.count ? String(a[line].prefix(200)) : "<end>"
    let want = line < e.count ? String(e[line].prefix(200)) : "<end>"
    Issue.record(
      "\(name)/\(file) differs at line \(line + 1):\n  got:  \(got)\n  want: \(want)",
      sourceLocation: sourceLocation)
  }
}

/// Parses SVG text as XML and collects element names and the parse error, if any.
final class XMLProbe: NSObject, XMLParserDelegate {
  var elements: [String] = []
  var attributes: [[String: String]] = []
  var texts: [String: String] = [:]
  private var current: String?
  private var buffer = ""

  static func parse(_ svg: String) -> (probe: XMLProbe, error: String?) {
    let parser = XMLParser(data: Data(svg.utf8))
    let probe = XMLProbe()
    parser.delegate = probe
    let ok = parser.parse()
    return (probe, ok ? nil : (parser.parserError.map { "\($0)" } ?? "unknown XML error"))
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
  ) {
    elements.append(elementName)
    attributes.append(attributeDict)
    current = elementName
    buffer = ""
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    buffer += string
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?
  ) {
    if elementName == "title" || elementName == "desc", texts[elementName] == nil {
      texts[elementName] = buffer
    }
  }
}
