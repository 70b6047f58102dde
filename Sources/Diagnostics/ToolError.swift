/// An error that stops `hw` before it can judge the content: a missing folder, an unreadable
/// file, no compiler. The command line exits with status 2.
public struct ToolError: Error, CustomStringConvertible, Equatable {
  /// What went wrong, in one line.
  public var description: String

  /// Creates an error with a one-line message.
  public init(_ description: String) { self.description = description }
}
