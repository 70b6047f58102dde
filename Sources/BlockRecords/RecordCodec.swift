#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Reads and writes the record file: JSON lines, keys sorted, one `BlockRecord` per line.
public enum RecordCodec {
  /// One record as a UTF-8 JSON object followed by `\n`.
  public static func line(for record: BlockRecord) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    guard let data = try? encoder.encode(record) else {
      preconditionFailure("line(for:): record \(record) cannot be encoded")
    }
    return Array(data) + [0x0A]
  }

  /// The records of every complete line of `bytes`, in order, and the number of bytes read.
  ///
  /// A final line without its `\n` (a record being written when the file was read) is left
  /// for the next read; a line that does not decode (torn by a crash) is skipped.
  public static func records(in bytes: [UInt8]) -> (records: [BlockRecord], consumed: Int) {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    var records: [BlockRecord] = []
    var start = 0
    var consumed = 0
    for index in bytes.indices where bytes[index] == 0x0A {
      let slice = Data(bytes[start..<index])
      if let record = try? decoder.decode(BlockRecord.self, from: slice) {
        records.append(record)
      }
      start = index + 1
      consumed = start
    }
    return (records, consumed)
  }
}
