import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

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
