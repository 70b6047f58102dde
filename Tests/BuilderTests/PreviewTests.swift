import Foundation
import Testing

@testable import Builder

@Suite struct ContentWatcherTests {
  @Test func seesFilesChangedAddedAndRemoved() throws {
    let folder = TemporaryFolder()
    folder.write("Content/a.md", "one")
    folder.write("Content/b.md", "two")
    folder.write("Content/.hidden/x.md", "ignored")
    let watcher = ContentWatcher(path: folder.path + "/Content")
    let before = watcher.snapshot()
    #expect(before.keys.sorted() == ["a.md", "b.md"])
    folder.write("Content/a.md", "one, longer")
    folder.write("Content/c/d.md", "new")
    try FileManager.default.removeItem(atPath: folder.path + "/Content/b.md")
    #expect(
      ContentWatcher.changes(from: before, to: watcher.snapshot()) == ["a.md", "b.md", "c/d.md"])
  }
}

@Suite struct PreviewServerTests {
  private func server() -> (PreviewServer, TemporaryFolder) {
    let folder = TemporaryFolder()
    folder.write("Output/index.html", "<html><body><p>Home</p></body></html>")
    folder.write("Output/week/page.html", "<p>no body tag</p>")
    folder.write("Output/style.css", "p {}")
    folder.write("secret.txt", "outside")
    return (PreviewServer(root: folder.path + "/Output"), folder)
  }

  private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

  @Test func servesPagesWithTheReloadScriptAndOtherFilesAsTheyAre() {
    let (server, folder) = server()
    _ = folder
    let home = text(server.respond(to: "GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
    #expect(home.hasPrefix("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"))
    #expect(home.contains("<p>Home</p><script>"))
    #expect(home.hasSuffix("</script></body></html>"))
    let css = text(server.respond(to: "GET /style.css?v=2 HTTP/1.1\r\n\r\n"))
    #expect(css.hasSuffix("\r\n\r\np {}"))
    #expect(css.contains("Content-Type: text/css"))
    let nested = text(server.respond(to: "GET /week/page.html HTTP/1.1\r\n\r\n"))
    #expect(nested.hasSuffix("<p>no body tag</p>" + PreviewServer.reloadScript))
  }

  @Test(arguments: [
    "GET /missing.html HTTP/1.1", "GET /../secret.txt HTTP/1.1", "GET /%2e%2e/secret.txt HTTP/1.1",
    "GET /.hidden HTTP/1.1",
  ])
  func refusesWhatIsNotInTheSite(requestLine: String) {
    let (server, folder) = server()
    _ = folder
    #expect(text(server.respond(to: requestLine + "\r\n\r\n")).hasPrefix("HTTP/1.1 404 Not Found"))
  }

  @Test func answersHeadWithoutABodyAndRefusesOtherMethods() {
    let (server, folder) = server()
    _ = folder
    #expect(text(server.respond(to: "HEAD / HTTP/1.1\r\n\r\n")).hasSuffix("\r\n\r\n"))
    #expect(
      text(server.respond(to: "POST / HTTP/1.1\r\n\r\n")).hasPrefix(
        "HTTP/1.1 405 Method Not Allowed"))
  }

  @Test func countsRebuildsForTheReloadScript() {
    let (server, folder) = server()
    _ = folder
    #expect(text(server.respond(to: "GET /__hw/version HTTP/1.1\r\n\r\n")).hasSuffix("\r\n\r\n0"))
    server.siteDidChange()
    #expect(text(server.respond(to: "GET /__hw/version HTTP/1.1\r\n\r\n")).hasSuffix("\r\n\r\n1"))
  }
}

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

  @Test(
    .enabled(if: FileManager.default.fileExists(atPath: EndToEndTests.executable.path)),
    .timeLimit(.minutes(2)))
  func servesTheSiteAndRebuildsItOnSave() throws {
    let folder = TemporaryFolder()
    folder.write("Content/a.md", "# First version\n")
    let process = Process()
    process.executableURL = EndToEndTests.executable
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
