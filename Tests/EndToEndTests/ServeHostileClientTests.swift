import Foundation
import TestSupport
import Testing

/// `hw serve` facing clients that are slow, greedy or malformed: none of them may keep the server
/// from answering everyone else promptly.
@Suite(
  .serialized,
  .timeLimit(.minutes(2)))
struct ServeHostileClientTests {
  /// Generous: a page of the test site takes milliseconds; a stalled server takes seconds.
  static let prompt: Duration = .seconds(2)

  @Test func answersOthersWhileAClientTricklesItsRequest() throws {
    let site = try ServedSite()
    let slow = try #require(ClientConnection.open(port: site.port))
    // A byte a second, for less than the five seconds the server gives a request head.
    for byte in "GET ".utf8 {
      #expect(slow.send([byte]))
      let start = ContinuousClock.now
      let response = ClientConnection.get("/a.html", port: site.port)
      #expect(ContinuousClock.now - start < Self.prompt)
      #expect(response.hasPrefix("HTTP/1.1 200 OK\r\n"))
      #expect(response.contains("A page"))
      Thread.sleep(forTimeInterval: 1)
    }
    #expect(slow.receiveAll().hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
  }

  @Test func answersWhileManyConnectionsSendNothing() throws {
    let site = try ServedSite()
    // More idle connections than the server handles at once.
    var idle: [ClientConnection] = []
    for _ in 0..<300 {
      guard let connection = ClientConnection.open(port: site.port) else { break }
      idle.append(connection)
    }
    #expect(idle.count == 300)
    let start = ContinuousClock.now
    let response = ClientConnection.get("/a.html", port: site.port)
    #expect(ContinuousClock.now - start < Self.prompt)
    #expect(response.hasPrefix("HTTP/1.1 200 OK\r\n"))
    #expect(response.contains("A page"))
  }

  @Test(arguments: [
    // Over 16 KB, then the blank line that ends the head.
    "GET /a.html HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: \(String(repeating: "a", count: 20_000))"
      + "\r\n\r\n",
    // A head that never ends.
    "GET /a.html HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: \(String(repeating: "a", count: 100_000))",
  ])
  func refusesAnOversizedRequestHead(request: String) throws {
    let site = try ServedSite()
    let client = try #require(ClientConnection.open(port: site.port))
    _ = client.send(Array(request.utf8))
    #expect(client.receiveAll().hasPrefix("HTTP/1.1 431 Request Header Fields Too Large\r\n"))
    #expect(ClientConnection.get("/a.html", port: site.port).hasPrefix("HTTP/1.1 200 OK\r\n"))
  }

  @Test(arguments: [
    ("POST", "HTTP/1.1 405 Method Not Allowed\r\n"), ("GET", "HTTP/1.1 200 OK\r\n"),
  ])
  func answersARequestWhoseBodyItDoesNotRead(method: String, status: String) throws {
    let site = try ServedSite()
    let client = try #require(ClientConnection.open(port: site.port))
    let body = String(repeating: "x", count: 200_000)
    let request =
      "\(method) /a.html HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
    #expect(client.send(Array(request.utf8)))
    // Keep sending the body while the server answers, as a client uploading a file would.
    _ = client.send(Array(body.utf8))
    #expect(client.receiveAll().hasPrefix(status))
  }
}

/// `hw serve --port 0` on a one-page site in a fresh folder, stopped when the value goes away.
final class ServedSite {
  let folder = TemporaryFolder()
  let process = Process()
  private(set) var port: UInt16 = 0

  struct NotServing: Error {}

  init() throws {
    folder.write("Content/a.md", "# A page\n")
    process.executableURL = try BuiltProducts.hw()
    process.arguments = ["serve", "--port", "0"]
    process.currentDirectoryURL = folder.url
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Read until the "Serving … at http://127.0.0.1:PORT/" line.
    var printed = ""
    while port == 0 {
      let chunk = out.fileHandleForReading.availableData
      guard !chunk.isEmpty else { throw NotServing() }
      printed += String(decoding: chunk, as: UTF8.self)
      if let range = printed.range(of: "http://127.0.0.1:") {
        port = UInt16(printed[range.upperBound...].prefix { $0.isNumber }) ?? 0
      }
    }
  }

  deinit {
    process.terminate()
    process.waitUntilExit()
  }
}

/// A TCP connection to 127.0.0.1 from a test: every connect, send and receive has a deadline, so
/// a server that stalls makes a test fail rather than hang.
final class ClientConnection {
  let descriptor: Int32

  private init(descriptor: Int32) { self.descriptor = descriptor }

  deinit { close(descriptor) }

  /// Connects within `timeout` seconds, or gives `nil`.
  static func open(port: UInt16, timeout: Double = 2) -> ClientConnection? {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    let flags = fcntl(fd, F_GETFL)
    _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let started = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    var ready = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
    var failure: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    guard started == 0 || errno == EINPROGRESS, poll(&ready, 1, Int32(timeout * 1000)) == 1,
      getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &length) == 0, failure == 0
    else {
      close(fd)
      return nil
    }
    _ = fcntl(fd, F_SETFL, flags)
    var limit = timeval(tv_sec: 10, tv_usec: 0)
    for option in [SO_RCVTIMEO, SO_SNDTIMEO] {
      setsockopt(fd, SOL_SOCKET, option, &limit, socklen_t(MemoryLayout<timeval>.size))
    }
    return ClientConnection(descriptor: fd)
  }

  /// Sends all of `bytes`; `false` when the server closed the connection or stopped reading.
  func send(_ bytes: [UInt8]) -> Bool {
    var sent = 0
    while sent < bytes.count {
      let count = bytes.withUnsafeBytes {
        Glibc.send(descriptor, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
      }
      guard count > 0 else { return false }
      sent += count
    }
    return true
  }

  /// What the server sends until it closes the connection, or until nothing has come for ten
  /// seconds.
  func receiveAll() -> String {
    var response: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = recv(descriptor, &buffer, buffer.count, 0)
      if count <= 0 { break }
      response += buffer[0..<count]
    }
    return String(decoding: response, as: UTF8.self)
  }

  /// One GET on a connection of its own: the whole response, head and body.
  static func get(_ path: String, port: UInt16) -> String {
    guard let connection = open(port: port) else { return "" }
    _ = connection.send(Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8))
    return connection.receiveAll()
  }
}
