extension PreviewServer {
  /// What one client may take of the server, so that no client can stall another.
  struct Limits: Sendable {
    /// Connections handled at once, each on its own thread. Past this, a new connection takes the
    /// place of the oldest one not being answered (see `ConnectionTable`).
    var connections: Int
    /// Time for a request head to arrive, from the moment the connection is accepted. A client
    /// that has sent part of a head by then is answered 408; one that has sent nothing (a
    /// browser's spare connection) is closed.
    var requestHeadTime: Duration
    /// Bytes of a request head: the request line and header fields, through the blank line.
    /// A longer head is answered 431.
    var requestHeadBytes: Int
    /// Time to send a response, from the moment its head has arrived.
    var responseTime: Duration
    /// After the response, how long and how much of what the client still sends (a request
    /// body, which the server never reads) is dropped before the connection closes.
    var lingerTime: Duration
    var lingerBytes: Int

    /// What `hw serve` uses. The reload script's requests to the version endpoint are short and
    /// answered at once, so open pages hold no connections between them.
    static let standard = Limits(
      connections: 64, requestHeadTime: .seconds(5), requestHeadBytes: 16 * 1024,
      responseTime: .seconds(10), lingerTime: .seconds(2), lingerBytes: 1 << 20)
  }
}
