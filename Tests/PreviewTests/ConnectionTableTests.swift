import Foundation
import Synchronization
import Testing

@testable import Preview

@Suite struct ConnectionTableTests {
  /// `admit` called on a thread of its own, since it may wait.
  final class Admission: Sendable {
    private let ticket = Mutex<ConnectionTable.Ticket?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ table: ConnectionTable, _ socket: Int32) {
      Thread.detachNewThread { [self] in
        let admitted = table.admit(socket)
        ticket.withLock { $0 = admitted }
        done.signal()
      }
    }

    /// The ticket, once admitted within `timeout`.
    func ticket(within timeout: Duration) -> ConnectionTable.Ticket? {
      let (seconds, attoseconds) = timeout.components
      _ = done.wait(timeout: .now() + Double(seconds) + Double(attoseconds) / 1e18)
      return ticket.withLock { $0 }
    }
  }

  /// Whether the server's end of `pair` was shut down: it reads the end of the stream at once.
  private func wasShutDown(_ pair: SocketPair) -> Bool {
    pair.server.receive(atMost: 1, before: .now + .milliseconds(100)) == .end
  }

  // The table closes what it is given, so it gets a second descriptor of each server end.

  @Test func makesRoomByShuttingDownTheOldestConnectionNotBeingAnswered() {
    let table = ConnectionTable(capacity: 3)
    let pairs = (0..<4).map { _ in SocketPair() }
    let answering = table.admit(dup(pairs[0].server.descriptor))
    #expect(table.advance(answering, to: .responding))
    let oldest = table.admit(dup(pairs[1].server.descriptor))
    let newer = table.admit(dup(pairs[2].server.descriptor))
    let admitted = Admission(table, dup(pairs[3].server.descriptor)).ticket(within: .seconds(5))
    // The new connection is in; the oldest awaiting its request is shut down, and its thread is
    // told to stop; the others are left alone.
    #expect(admitted != nil)
    #expect(wasShutDown(pairs[1]))
    #expect(!table.advance(oldest, to: .responding))
    #expect(!wasShutDown(pairs[0]) && !wasShutDown(pairs[2]))
    #expect(table.advance(newer, to: .awaitingRequest))
    #expect(table.advance(answering, to: .responding))
    #expect(table.count == 4)
    for ticket in [answering, oldest, newer] + (admitted.map { [$0] } ?? []) {
      table.finish(ticket)
    }
    #expect(table.count == 0)
  }

  @Test func makesANewConnectionWaitWhileEveryOneIsBeingAnswered() {
    let table = ConnectionTable(capacity: 1)
    let pairs = (0..<2).map { _ in SocketPair() }
    let answering = table.admit(dup(pairs[0].server.descriptor))
    #expect(table.advance(answering, to: .responding))
    let admission = Admission(table, dup(pairs[1].server.descriptor))
    #expect(admission.ticket(within: .milliseconds(300)) == nil)
    #expect(!wasShutDown(pairs[0]))
    #expect(table.advance(answering, to: .closing))
    table.finish(answering)
    let admitted = admission.ticket(within: .seconds(5))
    #expect(admitted != nil)
    admitted.map(table.finish)
  }

  @Test func makesANewConnectionWaitWhileTooManyAreOnTheirWayOut() {
    let table = ConnectionTable(capacity: 1)
    let pairs = (0..<3).map { _ in SocketPair() }
    let first = table.admit(dup(pairs[0].server.descriptor))
    let second = Admission(table, dup(pairs[1].server.descriptor)).ticket(within: .seconds(5))
    #expect(wasShutDown(pairs[0]))
    // The first has not left yet: the third waits rather than shut down the second.
    let third = Admission(table, dup(pairs[2].server.descriptor))
    #expect(third.ticket(within: .milliseconds(300)) == nil)
    #expect(!wasShutDown(pairs[1]))
    table.finish(first)
    let admitted = third.ticket(within: .seconds(5))
    #expect(admitted != nil)
    #expect(wasShutDown(pairs[1]))
    for ticket in [second, admitted].compactMap({ $0 }) { table.finish(ticket) }
    #expect(table.count == 0)
  }
}
