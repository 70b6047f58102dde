import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A client's connected socket, read and written against deadlines: a client that is slow to
/// send or to read costs its own connection time, never another's.
struct ClientSocket {
  /// The socket's file descriptor; `ConnectionTable` closes it.
  let descriptor: Int32

  /// What one read gave.
  enum Received: Equatable {
    case bytes([UInt8])
    /// The client closed its side, or the connection was shut down or reset.
    case end
    case timedOut
  }

  /// A request head as read from the client.
  enum RequestHead: Equatable {
    /// The request line and header fields, through the blank line that ends them.
    case complete([UInt8])
    /// The client stopped sending before the blank line: what it sent.
    case cutShort([UInt8])
    /// The deadline passed before the blank line: what had come by then.
    case timedOut([UInt8])
    /// The head grew past the limit before it ended.
    case tooLarge
  }

  /// The blank line that ends a request head.
  static let endOfHead: [UInt8] = Array("\r\n\r\n".utf8)

  /// Reads a request head of at most `limit` bytes (its blank line included) that must have
  /// arrived by `deadline`. Bytes after the head (a body) are left unread, but for those that
  /// came with its last piece.
  func readRequestHead(limit: Int, before deadline: ContinuousClock.Instant) -> RequestHead {
    var head: [UInt8] = []
    while true {
      switch receive(atMost: 4096, before: deadline) {
      case .timedOut: return .timedOut(head)
      case .end: return .cutShort(head)
      case .bytes(let bytes):
        // The blank line may straddle two reads.
        let searchFrom = max(0, head.count - (Self.endOfHead.count - 1))
        head += bytes
        if let end = head[searchFrom...].firstRange(of: Self.endOfHead) {
          return end.upperBound <= limit ? .complete(Array(head[..<end.upperBound])) : .tooLarge
        }
        if head.count >= limit { return .tooLarge }
      }
    }
  }

  /// Reads what is there, up to `count` bytes, waiting for something until `deadline`.
  func receive(atMost count: Int, before deadline: ContinuousClock.Instant) -> Received {
    var buffer = [UInt8](repeating: 0, count: count)
    while true {
      guard wait(for: POLLIN, before: deadline) else { return .timedOut }
      let received = recv(descriptor, &buffer, count, Int32(MSG_DONTWAIT))
      if received > 0 { return .bytes(Array(buffer[..<received])) }
      if received < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { continue }
      return .end
    }
  }

  /// Sends all of `bytes` by `deadline`; `false` when the client stopped reading or went away.
  func send(_ bytes: [UInt8], before deadline: ContinuousClock.Instant) -> Bool {
    var sent = 0
    while sent < bytes.count {
      guard wait(for: POLLOUT, before: deadline) else { return false }
      let count = bytes.withUnsafeBytes { raw in
        Glibc.send(
          descriptor, raw.baseAddress! + sent, bytes.count - sent,
          Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
      }
      if count > 0 {
        sent += count
      } else if count < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
        continue
      } else {
        return false
      }
    }
    return true
  }

  /// Ends the server's side of the connection, then reads and drops what the client still sends
  /// (a request body, the rest of a refused head), up to `limit` bytes or until `deadline`.
  /// Closing with unread bytes would reset the connection, and a reset can destroy a response
  /// the client has not read yet; a client that has its response hangs up, and that ends this.
  func closeGracefully(dropping limit: Int, before deadline: ContinuousClock.Instant) {
    shutdown(descriptor, Int32(SHUT_WR))
    var dropped = 0
    while dropped < limit, case .bytes(let bytes) = receive(atMost: 65536, before: deadline) {
      dropped += bytes.count
    }
  }

  /// Waits until the socket is ready for `events` (or has an error to report); `false` when
  /// `deadline` came first.
  private func wait(for events: Int32, before deadline: ContinuousClock.Instant) -> Bool {
    while true {
      let remaining = deadline - .now
      guard remaining > .zero else { return false }
      let (seconds, attoseconds) = remaining.components
      let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1
      var entry = pollfd(fd: descriptor, events: Int16(events), revents: 0)
      let ready = poll(&entry, 1, Int32(clamping: milliseconds))
      if ready > 0 || (ready < 0 && errno != EINTR) { return true }
    }
  }
}
