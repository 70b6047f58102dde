/// The stylesheet that makes plots follow the page's theme. Include `PlotStyle.css` once in
/// the page's stylesheet.
///
/// How colours reach the SVG: every coloured element carries a presentation attribute with the
/// light-theme colour (`stroke="#0072B2"`) *and* a short class (`class="s1"`). Presentation
/// attributes have the lowest precedence in CSS, so on a page with this stylesheet the class
/// rules win and paint with the custom properties (`--plot-series-1` …), which switch with
/// `prefers-color-scheme` and for print; this works in Chromium, Firefox and WebKit for SVG
/// inlined in HTML. A standalone file, or a viewer that ignores CSS (librsvg, image previews),
/// still shows the light colours from the attributes. `var()` is never put inside a
/// presentation attribute, where it is not valid.
///
/// Heat maps use a fixed, perceptually uniform, colour-blind-safe ramp (dark violet → blue →
/// green → yellow, like viridis) that reads on both light and dark pages, so it needs no
/// variables.
public enum PlotStyle {
  /// The CSS custom properties and class rules the SVGs reference:
  /// `--plot-series-1` … `--plot-series-8`, `--plot-text`, `--plot-axis`, `--plot-grid`,
  /// defined for light, dark (`prefers-color-scheme: dark`) and print.
  public static let css: String = makeCSS()

  private static func variables(
    series: [String], text: String, axis: String, grid: String, indent: String
  ) -> String {
    var lines: [String] = []
    for (i, colour) in series.enumerated() {
      lines.append("\(indent)--plot-series-\(i + 1): \(colour);")
    }
    lines.append("\(indent)--plot-text: \(text);")
    lines.append("\(indent)--plot-axis: \(axis);")
    lines.append("\(indent)--plot-grid: \(grid);")
    return lines.joined(separator: "\n")
  }

  private static func makeCSS() -> String {
    let light = variables(
      series: Palette.light, text: Palette.textLight, axis: Palette.axisLight,
      grid: Palette.gridLight, indent: "  ")
    let dark = variables(
      series: Palette.dark, text: Palette.textDark, axis: Palette.axisDark,
      grid: Palette.gridDark, indent: "    ")
    let printing = variables(
      series: Palette.light, text: "#000000", axis: "#333333", grid: "#D0D0D0", indent: "    ")
    var rules: [String] = []
    for i in 1...Palette.light.count {
      rules.append(".hw-plot .s\(i) { stroke: var(--plot-series-\(i)); }")
      rules.append(".hw-plot .f\(i) { fill: var(--plot-series-\(i)); }")
    }
    return """
      /* Plots (Figures): colours follow the page theme. */
      :root {
      \(light)
      }
      @media (prefers-color-scheme: dark) {
        :root {
      \(dark)
        }
      }
      @media print {
        :root {
      \(printing)
        }
      }
      svg.hw-plot { font-family: inherit; max-width: 100%; height: auto; }
      .hw-plot .tx { fill: var(--plot-text); }
      .hw-plot .ax { stroke: var(--plot-axis); }
      .hw-plot .gr { stroke: var(--plot-grid); }
      \(rules.joined(separator: "\n"))

      """
  }
}
