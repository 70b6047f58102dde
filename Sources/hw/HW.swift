import ArgumentParser

@main
struct HW: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "hw", abstract: "Build a homework site.")
}
