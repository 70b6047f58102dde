/// The legend: one row (wrapping as needed) of swatch + name entries, placed under the title
/// so it never hides data.
struct Legend {
  struct Entry {
    var name: String
    var mark: Series.Mark
    var index: Int
  }

  static let rowHeight = 20.0
  static let swatchWidth = 24.0
  static let gap = 6.0
  static let spacing = 18.0

  var entries: [Entry]

  /// Entries placed in rows no wider than `width`: (entry, x offset, row).
  func layout(width: Double) -> [(entry: Entry, x: Double, row: Int)] {
    var placed: [(Entry, Double, Int)] = []
    var x = 0.0
    var row = 0
    for entry in entries {
      let w =
        Self.swatchWidth + Self.gap
        + SVGDocument.textWidth(entry.name, fontSize: SVGDocument.tickFontSize)
      if x > 0 && x + w > width {
        row += 1
        x = 0
      }
      placed.append((entry, x, row))
      x += w + Self.spacing
    }
    return placed.map { (entry: $0.0, x: $0.1, row: $0.2) }
  }

  /// The height of the legend laid out in `width` (0 when there is nothing to show).
  func height(width: Double) -> Double {
    guard !entries.isEmpty else { return 0 }
    return Double((layout(width: width).last?.row ?? 0) + 1) * Self.rowHeight
  }

  /// Draws the legend with its first row's centre line at `top + rowHeight / 2`, rows
  /// centred horizontally in `left ... left + width`.
  func draw(_ w: inout SVGWriter, left: Double, top: Double, width: Double) {
    let placed = layout(width: width)
    guard !placed.isEmpty else { return }
    var rowWidths: [Int: Double] = [:]
    for p in placed {
      let end =
        p.x + Self.swatchWidth + Self.gap
        + SVGDocument.textWidth(p.entry.name, fontSize: SVGDocument.tickFontSize)
      rowWidths[p.row] = max(rowWidths[p.row] ?? 0, end)
    }
    w.raw("<g class=\"legend\">\n")
    for p in placed {
      let x0 = left + (width - rowWidths[p.row]!) / 2 + p.x
      let cy = top + Double(p.row) * Self.rowHeight + Self.rowHeight / 2
      let index = p.entry.index
      let line: LineStyle?
      let marker: Marker?
      switch p.entry.mark {
      case .line(let style): (line, marker) = (style, nil)
      case .points(let shape): (line, marker) = (nil, shape)
      case .lineWithMarkers(let style, let shape): (line, marker) = (style, shape)
      }
      if let line {
        Series.openLine(&w, index: index, style: line.resolved(index: index))
        w.raw(" d=\"M")
        w.number(x0 + 1)
        w.byte(0x20)
        w.number(cy)
        w.byte(UInt8(ascii: "h"))
        w.number(Self.swatchWidth - 2)
        w.raw("\"/>\n")
      }
      if let marker {
        let shape = marker.resolved(index: index)
        Series.openMarkers(&w, index: index, marker: shape)
        w.raw(" d=\"")
        Series.appendMarker(&w, shape, x: x0 + Self.swatchWidth / 2, y: cy)
        w.raw("\"/>\n")
      }
      w.raw("<text class=\"tx\" fill=\"\(Palette.textLight)\" font-size=\"13\"")
      w.attribute("x", x0 + Self.swatchWidth + Self.gap)
      w.attribute("y", cy + 0.35 * SVGDocument.tickFontSize)
      w.byte(UInt8(ascii: ">"))
      w.text(p.entry.name)
      w.raw("</text>\n")
    }
    w.raw("</g>\n")
  }
}
