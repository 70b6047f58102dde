import Foundation
import Testing

@testable import Preview

/// A connected pair of sockets: the server's end as a `ClientSocket`, and the client's end.
final class SocketPair {
  let server: ClientSocket
  let client: Int32

  init() {
    var ends: [Int32] = [0, 0]
    let made = socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends)
    precondition(made == 0, "socketpair failed")
    server = ClientSocket(descriptor: ends[0])
    client = ends[1]
  }

  deinit {
    close(server.descriptor)
    close(client)
  }

  func send(_ text: String) { Self.send(text, to: client) }

  /// Sends `pieces` from another thread, a pause before each, so each arrives on its own.
  func sendSlowly(_ pieces: [String]) {
    let client = client
    Thread.detachNewThread {
      for piece in pieces {
        Thread.sleep(forTimeInterval: 0.05)
        Self.send(piece, to: client)
      }
    }
  }

  private static func send(_ text: String, to socket: Int32) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress!, bytes.count, 0) }
  }
}

@Suite struct ClientSocketTests {
  private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  @Test(arguments: [
    ["GET / HTTP/1.1\r\nHost: x\r\n\r\n"],
    ["GET / HTTP/1.1\r\n", "Host: x\r\n", "\r\n"],
    ["GET / HTTP/1.1\r\nHost: x\r", "\n\r", "\n"],
  ])
  func readsAHeadInAnyNumberOfPieces(pieces: [String]) {
    let pair = SocketPair()
    pair.sendSlowly(pieces)
    #expect(
      pair.server.readRequestHead(limit: 1024, before: .now + .seconds(5))
        == .complete(bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n")))
  }

  @Test func keepsABodyOutOfTheHead() {
    let pair = SocketPair()
    pair.send("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello")
    #expect(
      pair.server.readRequestHead(limit: 1024, before: .now + .seconds(5))
        == .complete(bytes("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n")))
  }

  @Test func refusesAHeadOneByteOverTheLimit() {
    let head = "GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: 100) + "\r\n\r\n"
    let fits = SocketPair()
    fits.send(head)
    #expect(
      fits.server.readRequestHead(limit: head.utf8.count, before: .now + .seconds(5))
        == .complete(bytes(head)))
    let over = SocketPair()
    over.send(head)
    #expect(
      over.server.readRequestHead(limit: head.utf8.count - 1, before: .now + .seconds(5))
        == .tooLarge)
  }

  @Test func givesUpAtTheDeadlineWithWhatCame() {
    let pair = SocketPair()
    pair.send("GET / HT")
    let start = ContinuousClock.now
    #expect(
      pair.server.readRequestHead(limit: 1024, before: .now + .milliseconds(200))
        == .timedOut(bytes("GET / HT")))
    #expect(ContinuousClock.now - start >= .milliseconds(200))
  }

  @Test func reportsAClientThatHangsUpMidHead() {
    let pair = SocketPair()
    pair.send("GET / HTTP/1.1\r\n")
    shutdown(pair.client, Int32(SHUT_WR))
    #expect(
      pair.server.readRequestHead(limit: 1024, before: .now + .seconds(5))
        == .cutShort(bytes("GET / HTTP/1.1\r\n")))
  }

  @Test func stopsSendingToAClientThatDoesNotReadAtTheDeadline() {
    let pair = SocketPair()
    // Far more than the socket buffers hold, to a client that reads nothing.
    let big = [UInt8](repeating: 120, count: 16 << 20)
    let start = ContinuousClock.now
    #expect(!pair.server.send(big, before: .now + .milliseconds(200)))
    #expect(ContinuousClock.now - start < .seconds(5))
  }
}
