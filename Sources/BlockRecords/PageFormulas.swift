import Diagnostics

/// The labelled display formulas of a page, as `hw` hands them to the page's blocks so that a
/// block can evaluate the formula as typeset (`formula("nll-grad")`): each formula's TeX exactly
/// as in the Markdown, where its lines start in the file, and the page's macros.
public struct PageFormulas: Codable, Sendable, Equatable {
  /// One labelled display formula.
  public struct Formula: Codable, Sendable, Equatable {
    /// The name of its `\label{…}`.
    public var label: String
    /// The TeX between the delimiters, as the renderer reads it.
    public var tex: String
    /// Where each line of the TeX starts: a UTF-8 offset into `tex` and the 1-based line and
    /// column of that byte in the Markdown file, the first line's at offset 0.
    public var lines: [Line]

    /// Creates a formula.
    public init(label: String, tex: String, lines: [Line]) {
      self.label = label
      self.tex = tex
      self.lines = lines
    }

    /// The file location of UTF-8 offset `offset` into `tex`.
    public func location(ofTeXOffset offset: Int) -> SourceLocation {
      var start = lines.first ?? Line(offset: 0, line: 1, column: 1)
      for line in lines where line.offset <= offset { start = line }
      return SourceLocation(line: start.line, column: start.column + max(0, offset - start.offset))
    }
  }

  /// Where a line of a formula's TeX starts in the Markdown file.
  public struct Line: Codable, Sendable, Equatable {
    public var offset: Int
    public var line: Int
    public var column: Int

    public init(offset: Int, line: Int, column: Int) {
      self.offset = offset
      self.line = line
      self.column = column
    }
  }

  /// Set when a grader's program evaluates a submission's formulas (`askFormula` in a
  /// `swift grade` block): whose formulas these are, and which asks to leave alone.
  public struct Judged: Codable, Sendable, Equatable {
    /// The submission's document as reports name it (`Content/hw.md`): where a formula's
    /// problems are located.
    public var path: String
    /// Asks not to evaluate, as `block:index` (the grade block's 0-based position in its file,
    /// the ask's in its block): an earlier run's evaluation of them did not finish.
    public var skipped: [String]

    /// Creates the description of a judged document.
    public init(path: String, skipped: [String] = []) {
      self.path = path
      self.skipped = skipped
    }

    /// The key of ask `index` of grade block `block` in ``skipped``.
    public static func key(block: Int, index: Int) -> String { "\(block):\(index)" }
  }

  /// The page's formulas with a label, in page order.
  public var formulas: [Formula]
  /// The page's TeX macros (front matter `macros:`), name without backslash to body.
  public var macros: [String: String]
  /// Set when these are a submission's formulas handed to a grader's program; nil for a page's
  /// own blocks.
  public var judged: Judged?

  /// Creates the formulas of a page.
  public init(formulas: [Formula] = [], macros: [String: String] = [:], judged: Judged? = nil) {
    self.formulas = formulas
    self.macros = macros
    self.judged = judged
  }

  /// True when there is nothing to hand over: no formula, and no grader's program to tell.
  public var isEmpty: Bool { formulas.isEmpty && judged == nil }

  /// Whether `text` can be a formula's label: ASCII letters, digits and `: _ . -`, at most 100
  /// (what TeXMath accepts in `\label`, bounded).
  public static func isLabel(_ text: String) -> Bool {
    !text.isEmpty && text.utf8.count <= 100
      && text.unicodeScalars.allSatisfy {
        $0.isASCII
          && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
            || ":_.-".unicodeScalars.contains($0))
      }
  }

  /// The environment variable that names the file, read-only to the runner, that holds them as
  /// JSON.
  public static let environmentVariable = "HW_FORMULAS"
  /// The file's name in the runner's work folder.
  public static let fileName = "formulas.json"
}
