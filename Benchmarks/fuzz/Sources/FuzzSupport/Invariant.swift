/// Stops the run when an invariant of a fuzz target does not hold. libFuzzer takes the trap as
/// a crash and writes the input that caused it, so a broken invariant is a finding like any other.
///
/// - Parameters:
///   - condition: what must hold.
///   - message: what broke, printed before the trap (evaluated only when it broke).
public func invariant(
  _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
  file: StaticString = #fileID, line: UInt = #line
) {
  if !condition() {
    fatalError("invariant broken: \(message())", file: file, line: line)
  }
}

/// The bytes libFuzzer hands a target.
public func fuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
  guard let data, size > 0 else { return [] }
  return Array(UnsafeBufferPointer(start: data, count: size))
}

/// Whether `bytes` are well-formed UTF-8.
public func isValidUTF8(_ bytes: [UInt8]) -> Bool {
  String(validating: bytes, as: UTF8.self) != nil
}

/// A short, printable excerpt of a text for a message: control characters escaped.
public func excerpt(_ text: String, limit: Int = 200) -> String {
  let cut = text.unicodeScalars.prefix(limit)
  var result = ""
  for scalar in cut { result += scalar.escaped(asASCII: false) }
  return text.unicodeScalars.count > limit ? result + "…" : result
}
