import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The connections a server is handling, each on its own thread, at most `capacity` at once.
///
/// When the table is full, a new connection takes the place of the oldest one that is not being
/// answered: a client that connected and sent nothing, one trickling its request, or one that
/// is slow to hang up. That connection is shut down, which wakes its thread to close it, and the
/// new one is admitted at once, so a flood of idle connections costs each one behind it only a
/// moment. At most `capacity` shut-down connections may be on their way out at a time. When
/// every connection is being answered, a new one waits for the first to finish, which the
/// response's deadline bounds.
final class ConnectionTable: @unchecked Sendable {
  /// Where a connection is in its life.
  enum Stage {
    /// Reading the request head: the client has the next move.
    case awaitingRequest
    /// Building and sending the response: the server has the next move.
    case responding
    /// Reading and dropping what the client still sends before closing.
    case closing
  }

  /// A connection's place in the table, good until `finish`.
  struct Ticket: Hashable {
    /// Tickets are numbered in the order the connections arrived.
    fileprivate let number: Int
  }

  private struct Entry {
    var socket: Int32
    var stage: Stage
    var shutDown = false
  }

  /// The most connections handled at once.
  let capacity: Int

  private let condition = NSCondition()
  private var entries: [Int: Entry] = [:]
  private var nextNumber = 0

  init(capacity: Int) {
    precondition(capacity > 0, "a server needs room for one connection")
    self.capacity = capacity
  }

  /// The number of connections in the table, those shut down but not yet finished included.
  var count: Int { condition.withLock { entries.count } }

  /// Enters `socket` in the table, waiting for a place when it is full.
  func admit(_ socket: Int32) -> Ticket {
    condition.lock()
    defer { condition.unlock() }
    while entries.values.count(where: { !$0.shutDown }) >= capacity {
      if entries.count < 2 * capacity,
        let oldest = entries.filter({ !$0.value.shutDown && $0.value.stage != .responding })
          .keys.min()
      {
        entries[oldest]!.shutDown = true
        shutdown(entries[oldest]!.socket, Int32(SHUT_RDWR))
      } else {
        condition.wait()
      }
    }
    let number = nextNumber
    nextNumber += 1
    entries[number] = Entry(socket: socket, stage: .awaitingRequest)
    return Ticket(number: number)
  }

  /// Records that a connection moved on to `stage`; `false` when it was shut down to make room
  /// and should just be closed.
  func advance(_ ticket: Ticket, to stage: Stage) -> Bool {
    condition.withLock {
      entries[ticket.number]?.stage = stage
      return entries[ticket.number]?.shutDown == false
    }
  }

  /// Closes a connection's socket and gives its place to a waiting one. The socket leaves the
  /// table before it is closed, so its descriptor, once reused, is never shut down by mistake.
  func finish(_ ticket: Ticket) {
    condition.withLock {
      if let entry = entries.removeValue(forKey: ticket.number) { close(entry.socket) }
      condition.broadcast()
    }
  }
}
