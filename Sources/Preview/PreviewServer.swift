import Builder
import Diagnostics
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A small HTTP server for previewing a site: it serves the output folder on 127.0.0.1 only, and
/// into each HTML page it injects a script that reloads the page when the site is rebuilt (the
/// only JavaScript a page ever gets, and only here). The script polls `/__hw/version`.
///
/// Each connection is handled on its own thread, against deadlines and size limits (`Limits`),
/// so a client that is slow, sends nothing or sends too much cannot stall the others. Every
/// response closes its connection.
public final class PreviewServer: @unchecked Sendable {
  /// The folder served.
  public let root: String
  /// What one client may take of the server.
  let limits: Limits
  /// The port it listens on (chosen by the system when 0 was asked for).
  public private(set) var port: UInt16 = 0
  private var socket: Int32 = -1
  private let lock = NSLock()
  private var version = 0
  private let openConnections: ConnectionTable

  /// The path of the version endpoint the reload script polls.
  public static let versionPath = "/__hw/version"

  /// The script put before `</body>` of every HTML page served.
  static let reloadScript = """
    <script>(() => { let seen = null; const poll = async () => { try { const r = await \
    fetch("\(versionPath)", { cache: "no-store" }); const v = await r.text(); if (seen !== null \
    && v !== seen) { location.reload(); return; } seen = v; } catch (e) {} setTimeout(poll, 400); \
    }; poll(); })();</script>
    """

  /// Prepares a server for the folder at `root`; `start` binds it.
  public convenience init(root: String) { self.init(root: root, limits: .standard) }

  /// Prepares a server for the folder at `root` that holds its clients to `limits`.
  init(root: String, limits: Limits) {
    self.root = root
    self.limits = limits
    openConnections = ConnectionTable(capacity: limits.connections)
  }

  /// Binds 127.0.0.1:`port` (0 lets the system choose) and serves on a background thread.
  ///
  /// - Throws: `ToolError` when the port cannot be had.
  public func start(port requested: UInt16) throws(ToolError) {
    let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else {
      throw ToolError("cannot open a socket: \(String(cString: strerror(errno)))")
    }
    var yes: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = requested.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    // Connections wait in the kernel's queue, as many as it allows, until they are accepted; a
    // waiting connection holds nothing of the server's.
    guard bound == 0, listen(fd, SOMAXCONN) == 0 else {
      let reason = String(cString: strerror(errno))
      close(fd)
      throw ToolError("cannot listen on 127.0.0.1:\(requested): \(reason)")
    }
    var actual = sockaddr_in()
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &actual) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    socket = fd
    port = UInt16(bigEndian: actual.sin_port)
    let thread = Thread { [self] in acceptLoop() }
    thread.start()
  }

  /// Tells the pages that the site changed: they reload.
  public func siteDidChange() {
    lock.withLock { version += 1 }
  }

  private func acceptLoop() {
    while true {
      let client = accept(socket, nil, nil)
      if client < 0 {
        switch errno {
        case EINTR, ECONNABORTED: continue
        case EMFILE, ENFILE, ENOBUFS, ENOMEM:
          // Out of descriptors or memory for now: connections that finish free some.
          Thread.sleep(forTimeInterval: 0.05)
          continue
        default: return
        }
      }
      let ticket = openConnections.admit(client)
      let thread = Thread { [self] in serve(ClientSocket(descriptor: client), ticket: ticket) }
      thread.stackSize = 1 << 20
      thread.start()
    }
  }

  /// One connection, on its own thread: read the request head, answer, close.
  private func serve(_ client: ClientSocket, ticket: ConnectionTable.Ticket) {
    defer { openConnections.finish(ticket) }
    let head = client.readRequestHead(
      limit: limits.requestHeadBytes, before: .now + limits.requestHeadTime)
    guard openConnections.advance(ticket, to: .responding) else { return }
    let answerBy = ContinuousClock.now + limits.responseTime
    let response: [UInt8]
    switch head {
    case .complete(let bytes):
      response = respond(to: String(decoding: bytes, as: UTF8.self))
    case .cutShort(let bytes) where !bytes.isEmpty:
      // The client half-closed after part of a head: answer what it asked.
      response = respond(to: String(decoding: bytes, as: UTF8.self))
    case .timedOut(let bytes) where !bytes.isEmpty:
      response = Self.response(408, "text/plain", Array("the request took too long\n".utf8))
    case .tooLarge:
      response = Self.response(431, "text/plain", Array("the request head is too long\n".utf8))
    case .cutShort, .timedOut:
      return  // nothing was asked
    }
    guard client.send(response, before: answerBy),
      openConnections.advance(ticket, to: .closing)
    else { return }
    client.closeGracefully(dropping: limits.lingerBytes, before: .now + limits.lingerTime)
  }

  /// The whole HTTP response to a request (its text up to the blank line).
  func respond(to request: String) -> [UInt8] {
    let requestLine = request.split(separator: "\r\n", maxSplits: 1).first ?? ""
    let parts = requestLine.split(separator: " ")
    guard parts.count >= 2 else {
      return Self.response(400, "text/plain", Array("bad request\n".utf8))
    }
    let method = parts[0]
    guard method == "GET" || method == "HEAD" else {
      return Self.response(405, "text/plain", Array("only GET and HEAD\n".utf8))
    }
    let target = String(parts[1].split(separator: "?", maxSplits: 1).first ?? "/")
    var response: [UInt8]
    if target == Self.versionPath {
      response = Self.response(200, "text/plain", Array(String(lock.withLock { version }).utf8))
    } else if let path = Self.filePath(for: target, root: root),
      let data = FileManager.default.contents(atPath: path)
    {
      let type = Self.contentType(of: path)
      var body = [UInt8](data)
      if type.hasPrefix("text/html") { body = Self.injectingReloadScript(into: body) }
      response = Self.response(200, type, body)
    } else {
      response = Self.response(404, "text/plain", Array("not found\n".utf8))
    }
    if method == "HEAD", let end = response.firstRange(of: [13, 10, 13, 10]) {
      response = Array(response[..<end.upperBound])
    }
    return response
  }

  /// The file a request path names inside `root`, or `nil` when it names nothing there (or tries
  /// to leave the folder).
  static func filePath(for target: String, root: String) -> String? {
    guard let decoded = target.removingPercentEncoding, decoded.hasPrefix("/") else { return nil }
    let components = decoded.split(separator: "/")
    guard !components.contains(where: { $0 == ".." || ContentFolder.isHidden(String($0)) }) else {
      return nil
    }
    var path = URL(fileURLWithPath: root)
    for component in components { path.appendPathComponent(String(component)) }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path.path, isDirectory: &isDirectory) else {
      return nil
    }
    if isDirectory.boolValue {
      path.appendPathComponent("index.html")
      guard FileManager.default.fileExists(atPath: path.path) else { return nil }
    }
    return path.path
  }

  static func contentType(of path: String) -> String {
    switch (path as NSString).pathExtension.lowercased() {
    case "html": return "text/html; charset=utf-8"
    case "css": return "text/css; charset=utf-8"
    case "json": return "application/json"
    case "svg": return "image/svg+xml"
    case "png": return "image/png"
    case "jpg", "jpeg": return "image/jpeg"
    case "woff2": return "font/woff2"
    case "txt", "md": return "text/plain; charset=utf-8"
    default: return "application/octet-stream"
    }
  }

  static func injectingReloadScript(into page: [UInt8]) -> [UInt8] {
    let script = Array(reloadScript.utf8)
    guard let body = page.lastRange(of: Array("</body>".utf8)) else { return page + script }
    return Array(page[..<body.lowerBound]) + script + Array(page[body.lowerBound...])
  }

  static func response(_ status: Int, _ type: String, _ body: [UInt8]) -> [UInt8] {
    let reason =
      [
        200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed",
        408: "Request Timeout", 431: "Request Header Fields Too Large",
      ][status] ?? "Error"
    let head =
      "HTTP/1.1 \(status) \(reason)\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\n"
      + "Cache-Control: no-store\r\nConnection: close\r\n\r\n"
    return Array(head.utf8) + body
  }
}

extension Array where Element == UInt8 {
  func lastRange(of pattern: [UInt8]) -> Range<Int>? {
    guard pattern.count <= count else { return nil }
    var start = count - pattern.count
    while start >= 0 {
      if self[start..<(start + pattern.count)].elementsEqual(pattern) {
        return start..<(start + pattern.count)
      }
      start -= 1
    }
    return nil
  }
}
