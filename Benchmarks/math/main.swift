// Times the TeX → MathML converter on a file of formulas.
//
// Usage: math-bench FILE [ITERATIONS]   prints timings
//        math-bench --html FILE        prints each formula's HTML (or error), one per line
//        math-bench --css                prints the math stylesheet
// FILE holds formulas separated by NUL bytes; each starts with "D" (display) or "I" (inline).
// Compiled together with Sources/TeXMath by run.sh, so it has no package of its own.

import Foundation

func readFormulas(_ path: String) -> [Formula] {
  guard let data = FileManager.default.contents(atPath: path) else {
    FileHandle.standardError.write("cannot read \(path)\n".data(using: .utf8)!)
    exit(2)
  }
  return data.split(separator: 0).map { chunk in
    let text = String(decoding: chunk, as: UTF8.self)
    return Formula(tex: String(text.dropFirst()), display: text.first == "D")
  }
}

let arguments = CommandLine.arguments
if arguments.count == 2 && arguments[1] == "--css" {
  print(MathStyle.css, terminator: "")
  exit(0)
}
if arguments.count >= 3 && arguments[1] == "--html" {
  let page = MathPage(formulas: readFormulas(arguments[2]), macros: MacroTable())
  for result in page.results {
    switch result {
    case .success(let html): print(html)
    case .failure(let error): print("error: \(error.message) at \(error.offset)+\(error.length)")
    }
  }
  exit(0)
}
guard arguments.count >= 2 else {
  print("usage: math-bench FILE [ITERATIONS] | --html FILE")
  exit(2)
}
let formulas = readFormulas(arguments[1])
let iterations = arguments.count >= 3 ? Int(arguments[2]) ?? 50 : 50
let macros = try! MacroTable(["\\R": "\\mathbb{R}", "\\E": "\\mathbb{E}"])
let clock = ContinuousClock()
var best = Duration.seconds(1000)
var total = Duration.zero
var bytes = 0
var errors = 0
for _ in 0..<iterations {
  let start = clock.now
  let page = MathPage(formulas: formulas, macros: macros)
  let elapsed = clock.now - start
  total += elapsed
  best = min(best, elapsed)
  bytes = 0
  errors = 0
  for result in page.results {
    switch result {
    case .success(let html): bytes += html.utf8.count
    case .failure: errors += 1
    }
  }
}
func ms(_ d: Duration) -> Double {
  Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
}
print(
  String(
    format: "formulas=%d errors=%d html_bytes=%d best_ms=%.3f mean_ms=%.3f",
    formulas.count, errors, bytes, ms(best), ms(total) / Double(iterations)))
