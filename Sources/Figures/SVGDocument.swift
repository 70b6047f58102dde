/// The `<svg>` root shared by every plot kind: namespace, size, accessibility and fallbacks.
enum SVGDocument {
  /// Base text size in user units; tick labels use `tickFontSize`, titles `titleFontSize`.
  static let fontSize = 14.0
  static let tickFontSize = 13.0
  static let titleFontSize = 17.0

  /// A byte that never survives `SVGWriter.text` (XML forbids it), standing for the id prefix
  /// until the content hash is known.
  static let placeholder: UInt8 = 0x01

  /// Renders `body` inside the root element. With no `idPrefix`, ids are "p" + the FNV-1a hash
  /// of the document written with a placeholder prefix, so they depend on content only.
  static func render(
    idPrefix: String?, size: PlotSize, title: String, description: String,
    capacity: Int = 8192, body: (inout SVGWriter, String) throws -> Void
  ) rethrows -> String {
    var w = SVGWriter(capacity: capacity)
    let prefix = idPrefix.map(sanitized) ?? String(decoding: [placeholder], as: UTF8.self)
    w.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"hw-plot\"")
    w.raw(" width=\"")
    w.number(size.width, decimals: 0)
    w.raw("\" height=\"")
    w.number(size.height, decimals: 0)
    w.raw("\" viewBox=\"0 0 ")
    w.number(size.width, decimals: 0)
    w.byte(0x20)
    w.number(size.height, decimals: 0)
    w.raw("\" role=\"img\" aria-labelledby=\"\(prefix)-title \(prefix)-desc\"")
    w.raw(" font-family=\"sans-serif\" font-size=\"14\">\n")
    w.raw("<title id=\"\(prefix)-title\">")
    w.text(title)
    w.raw("</title>\n<desc id=\"\(prefix)-desc\">")
    w.text(description)
    w.raw("</desc>\n")
    try body(&w, prefix)
    w.raw("</svg>\n")
    if idPrefix != nil { return w.string }
    var hash = FNV1a()
    hash.combine(bytes: w.bytes)
    let derived = Array("p\(hash.shortHex)".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(w.bytes.count + 64)
    for b in w.bytes {
      if b == placeholder { out.append(contentsOf: derived) } else { out.append(b) }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// `prefix` made safe for ids and `url(#…)`: ASCII letters, digits, "-" and "_" kept,
  /// anything else replaced by "-", and "p" put in front unless it starts with a letter.
  static func sanitized(_ prefix: String) -> String {
    var out = ""
    for scalar in prefix.unicodeScalars {
      let keep =
        scalar.isASCII
        && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
          || scalar == "-" || scalar == "_")
      out.unicodeScalars.append(keep ? scalar : "-")
    }
    if let first = out.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic {
      return out
    }
    return "p" + out
  }

  /// Estimated advance width of `text` in a sans-serif face at `fontSize` (0.56 em a character).
  static func textWidth(_ text: String, fontSize: Double) -> Double {
    Double(text.unicodeScalars.count) * 0.56 * fontSize
  }
}
