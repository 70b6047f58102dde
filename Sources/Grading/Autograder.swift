import Diagnostics

/// A Gradescope autograder package (being written).
public enum Autograder {
  public static func write(
    to zipPath: String, graderDirectory: String, hwSourceDirectory: String
  ) throws(ToolError) {
    throw ToolError("the autograder package is not written yet")
  }

  public static func sourceDirectory(executableDirectory: String) -> String? { nil }
}
