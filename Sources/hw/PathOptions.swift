import ArgumentParser

/// The folders a command reads and writes.
struct PathOptions: ParsableArguments {
  @Option(name: .customLong("content"), help: "The folder of Markdown documents.")
  var content = "Content"

  @Option(name: .customLong("output"), help: "The folder the site is written to.")
  var output = "Output"
}
