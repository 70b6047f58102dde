import Foundation

/// Zip archives read back by the tools a machine has, never by the code under test: Python's
/// `zipfile`, else Info-ZIP's `unzip`.
public enum ZipFiles {
  /// One entry as the reader saw it.
  public struct Entry: Equatable, Sendable {
    public var name: String
    /// The Unix mode, type bits included (`0o100644`, `0o040755`).
    public var mode: UInt32
    /// 0 stored, 8 deflated.
    public var method: Int
    /// The entry's date and time as `YYYY-MM-DD hh:mm`.
    public var date: String
    /// Its bytes, checked against its CRC-32 by the reader.
    public var bytes: Data
  }

  /// Whether a reader is installed; a test without one is skipped with this line.
  public static var readerMissing: String? {
    Program.find("python3") == nil && Program.find("unzip") == nil
      ? "neither python3 nor unzip is installed to read zips back" : nil
  }

  /// Every entry of the archive at `path`, in the archive's order.
  public static func entries(of path: String) throws -> [Entry] {
    if let python = Program.find("python3") {
      let script = """
        import base64, json, sys, zipfile
        with zipfile.ZipFile(sys.argv[1]) as z:
            bad = z.testzip()
            if bad is not None:
                sys.exit("bad CRC in " + bad)
            for i in z.infolist():
                y, mo, d, h, mi, _ = i.date_time
                print(json.dumps({"name": i.filename, "mode": i.external_attr >> 16,
                    "method": i.compress_type, "date": "%04d-%02d-%02d %02d:%02d" % (y, mo, d, h, mi),
                    "bytes": base64.b64encode(z.read(i)).decode()}))
        """
      let result = try Program.run(python, ["-c", script, path])
      guard result.status == 0 else { throw Failure(result.output) }
      return try result.stdout.split(separator: "\n").map { line in
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        return Entry(
          name: object["name"] as! String, mode: UInt32(object["mode"] as! Int),
          method: object["method"] as! Int, date: object["date"] as! String,
          bytes: Data(base64Encoded: object["bytes"] as! String)!)
      }
    }
    guard let unzip = Program.find("unzip") else { throw Failure(readerMissing ?? "") }
    let test = try Program.run(unzip, ["-tq", path])
    guard test.status == 0 else { throw Failure(test.output) }
    // zipinfo's long listing with -T: mode, version, system, size, type, compressed size,
    // method, yyyymmdd.hhmmss, name. The bytes come from unpacking the archive.
    let listing = try Program.run(unzip, ["-Z", "-l", "-T", path])
    let unpacked = TemporaryFolder()
    try extract(path, into: unpacked.path)
    var entries: [Entry] = []
    for line in listing.stdout.split(separator: "\n") {
      let fields = line.split(separator: " ", maxSplits: 8, omittingEmptySubsequences: true)
      guard fields.count == 9, let first = fields[0].first, "-dl".contains(first) else {
        continue
      }
      let name = String(fields[8])
      let stamp = Array(fields[7])
      guard stamp.count == 15 else { continue }
      let date =
        "\(String(stamp[0..<4]))-\(String(stamp[4..<6]))-\(String(stamp[6..<8])) "
        + "\(String(stamp[9..<11])):\(String(stamp[11..<13]))"
      entries.append(
        Entry(
          name: name, mode: mode(String(fields[0])), method: fields[6].hasPrefix("stor") ? 0 : 8,
          date: date,
          bytes: name.hasSuffix("/")
            ? Data() : FileManager.default.contents(atPath: unpacked.path + "/" + name) ?? Data()))
    }
    return entries
  }

  /// Unpacks the archive at `path` into `folder` with its modes, as Gradescope unpacks an
  /// autograder.
  public static func extract(_ path: String, into folder: String) throws {
    if let unzip = Program.find("unzip") {
      let result = try Program.run(unzip, ["-q", "-o", path, "-d", folder])
      guard result.status == 0 else { throw Failure(result.output) }
      return
    }
    guard let python = Program.find("python3") else { throw Failure(readerMissing ?? "") }
    let script = """
      import os, sys, zipfile
      with zipfile.ZipFile(sys.argv[1]) as z:
          for i in z.infolist():
              target = z.extract(i, sys.argv[2])
              os.chmod(target, (i.external_attr >> 16) & 0o7777)
      """
    let result = try Program.run(python, ["-c", script, path, folder])
    guard result.status == 0 else { throw Failure(result.output) }
  }

  /// `-rwxr-xr-x` → `0o100755`.
  private static func mode(_ text: String) -> UInt32 {
    let characters = Array(text)
    var mode: UInt32 = characters.first == "d" ? 0o040000 : 0o100000
    for (index, character) in characters.dropFirst().prefix(9).enumerated() where character != "-" {
      mode |= 1 << UInt32(8 - index)
    }
    return mode
  }

  /// A reader refused the archive.
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
  }
}
