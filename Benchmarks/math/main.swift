// Times the TeX → MathML converter on a file of formulas.
//
// Usage: math-bench FILE [ITERATIONS]   prints timings
//        math-bench --html FILE        prints each formula's HTML (or error), one per line
//        math-bench --css              prints the math stylesheet
// FILE holds formulas separated by NUL bytes; each starts with "D" (display) or "I" (inline).
// Compiled together with Sources/TeXMath by run.sh, so it has no package of its own. It does not
// use Foundation, whose start-up would dominate a whole-process timing.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

func fail(_ message: String) -> Never {
  fputs(message + "\n", stderr)
  exit(2)
}

func readFormulas(_ path: String) -> [Formula] {
  guard let file = fopen(path, "rb") else { fail("cannot read \(path)") }
  defer { fclose(file) }
  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 65536)
  while true {
    let n = fread(&chunk, 1, chunk.count, file)
    if n <= 0 { break }
    bytes.append(contentsOf: chunk[0..<n])
  }
  return bytes.split(separator: 0).map { part in
    let text = String(decoding: part, as: UTF8.self)
    return Formula(tex: String(text.dropFirst()), display: text.first == "D")
  }
}

/// `value` with three decimals.
func fixed(_ value: Double) -> String {
  let thousandths = Int((value * 1000).rounded())
  let fraction = String(thousandths % 1000)
  return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
}

func milliseconds(_ d: Duration) -> Double {
  Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
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
  fail("usage: math-bench FILE [ITERATIONS] | --html FILE | --css")
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
print(
  "formulas=\(formulas.count) errors=\(errors) html_bytes=\(bytes)"
    + " best_ms=\(fixed(milliseconds(best)))"
    + " mean_ms=\(fixed(milliseconds(total) / Double(iterations)))")
