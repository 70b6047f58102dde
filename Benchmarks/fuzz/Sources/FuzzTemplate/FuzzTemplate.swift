import Builder
import Diagnostics
import FuzzSupport

/// The theme's template engine: the input is a template, rendered with a context like a page's
/// (text with characters to escape, HTML, flags, a list, a nested context).
///
/// Invariants, besides not crashing:
/// - a template that does not parse gives a diagnostic inside the template;
/// - a template that parses renders exactly what `ReferenceTemplate`, a second reading of the
///   documented rules written for this target, renders; and `ReferenceTemplate` rejects exactly
///   the templates the engine rejects, at the same place;
/// - the output's size is within the bound `ReferenceTemplate` works out from the template.
enum TemplateTarget {
  static let context: [String: TemplateValue] = [
    "title": .text("A <b>title</b> & \"quotes\""),
    "body": .text("<p>Body with {{title}} in it</p>"),
    "author": .text("Ada"),
    "empty": .text(""),
    "yes": .flag(true),
    "no": .flag(false),
    "items": .list([
      ["name": .text("one"), "yes": .flag(false)],
      ["name": .text("two & three"), "page": .context(["title": .text("inner")])],
    ]),
    "none": .list([]),
    "page": .context([
      "title": .text("Page <title>"), "due": .text("Monday"),
      "meta": .context(["course": .text("DL")]),
    ]),
  ]

  /// Past this many bytes of output (or steps of rendering) a template is what the engine's
  /// output limit is for (`InputLimits.templateOutputBytes`, never less than 1 MiB): such
  /// templates are not compared with the reference.
  static let outputBudget = 1 << 20

  static func run(_ input: [UInt8]) {
    let source = String(decoding: input, as: UTF8.self)
    let lines = InputLines(
      Array(source.utf8), skippingByteOrderMark: false, carriageReturnEndsLine: false)
    let reference = ReferenceTemplate.parse(source)
    let template: Template
    do {
      template = try Template(source, path: "_theme/page.html")
    } catch {
      if let location = error.location {
        invariant(lines.contains(location), "'\(error.message)' at \(location)")
      }
      // The engine's nesting limit (`InputLimits.templateDepth`), which the reference does not
      // model: a located error is all that is asked of it.
      if error.message.hasPrefix("template sections nest more than") { return }
      guard case .failure(let expected) = reference else {
        invariant(false, "the engine rejects what the reference reads: \(error.message)")
        return
      }
      invariant(
        error.location == expected.location,
        "'\(error.message)' at \(String(describing: error.location)), expected '\(expected.message)' at "
          + "\(expected.location)")
      return
    }
    guard case .success(let nodes) = reference else {
      invariant(false, "the engine reads what the reference rejects: \(reference)")
      return
    }
    guard let expected = ReferenceTemplate.render(nodes, context, budget: outputBudget) else {
      return
    }
    let rendered = template.render(context, output: "page.html")
    invariant(
      rendered.diagnostic == nil,
      "the engine stopped a page of \(expected.utf8.count) bytes: \(String(describing: rendered.diagnostic))"
    )
    let output = rendered.text
    invariant(
      output == expected,
      "output differs from the reference:\n\(excerpt(output, limit: 600))\n"
        + excerpt(expected, limit: 600))
    let bound = ReferenceTemplate.sizeBound(nodes, context)
    invariant(output.utf8.count <= bound, "\(output.utf8.count) bytes, bound \(bound)")
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplate(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  TemplateTarget.run(fuzzInput(data, size))
  return 0
}
