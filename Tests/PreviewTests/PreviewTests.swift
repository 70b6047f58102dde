import Foundation
import TestSupport
import Testing

@testable import Preview

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
