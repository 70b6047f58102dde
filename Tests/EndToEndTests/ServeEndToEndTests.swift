import Foundation
import TestSupport
import Testing

/// `hw serve` as a user runs it: it builds, listens on 127.0.0.1, and rebuilds on save.
@Suite struct ServeEndToEndTests {
  /// One HTTP GET over a plain socket; the response body.
  static func get(port: UInt16, path: String) -> String? {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { return nil }
    let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
    _ = request.withUnsafeBytes { send(fd, $0.baseAddress!, request.count, 0) }
    var response: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = recv(fd, &buffer, buffer.count, 0)
      if count <= 0 { break }
      response += buffer[0..<count]
    }
    let text = String(decoding: response, as: UTF8.self)
    return text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
  }

  @Test(.timeLimit(.minutes(2)))
  func servesTheSiteAndRebuildsItOnSave() throws {
    let folder = TemporaryFolder()
    folder.write("Content/a.md", "# First version\n")
    let process = Process()
    process.executableURL = try BuiltProducts.hw()
    process.arguments = ["serve", "--port", "0"]
    process.currentDirectoryURL = folder.url
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    defer {
      process.terminate()
      process.waitUntilExit()
    }
    // Read until the "Serving … at http://127.0.0.1:PORT/" line.
    var printed = ""
    var port: UInt16? = nil
    while port == nil {
      let chunk = out.fileHandleForReading.availableData
      guard !chunk.isEmpty else { break }
      printed += String(decoding: chunk, as: UTF8.self)
      if let range = printed.range(of: "http://127.0.0.1:") {
        port = UInt16(printed[range.upperBound...].prefix { $0.isNumber })
      }
    }
    let served = try #require(port)
    #expect(Self.get(port: served, path: "/a.html")?.contains("First version") == true)
    let before = Self.get(port: served, path: "/__hw/version")
    folder.write("Content/a.md", "# Second version\n")
    var after = before
    for _ in 0..<100 where after == before {
      Thread.sleep(forTimeInterval: 0.1)
      after = Self.get(port: served, path: "/__hw/version")
    }
    #expect(after != before)
    #expect(Self.get(port: served, path: "/a.html")?.contains("Second version") == true)
  }
}
