import ArgumentParser
import Builder
import Foundation
import Reports

/// `hw verify`: what a grader runs.
struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Re-run every check and confirm that the output folder is what the sources produce.",
    discussion: """
      Runs every verify block again (no cached results), never stopping at the first failure, \
      and rebuilds the site in memory to compare it, byte for byte, with the output folder. \
      The text report has one line per failing check, located in the Markdown, one line per \
      page that differs, and a closing `N passed, N failed` line, which says that these are self-checks, as the student's code reported them (`hw grade` decides grades). If the output folder does \
      not exist, it says so and judges only the checks.

      Exit status: 0 when every check passes and the site matches, 1 when anything failed or \
      differs, 2 when verification could not run.
      """)

  @OptionGroup var paths: PathOptions

  @OptionGroup var sandbox: SandboxOptions

  @Option(help: "The report's format.")
  var format: ReportFormat = .text

  @Option(help: "Write the report to this file instead of standard output.")
  var report: String?

  func run() throws {
    let site: SiteBuilder.Site
    do {
      let executor = try Runners.executor(contentPath: paths.content, sandbox: sandbox.request)
      site = try SiteBuilder(
        contentPath: paths.content, executor: executor, useCache: false,
        outputPath: paths.output
      )
      .generate()
    } catch {
      Console.error(error.description)
      throw ExitCode(2)
    }
    // Problems other than the checks' own (bad TeX, front matter, templates): in the report.
    let contentProblems = site.contentDiagnostics.filter { $0.severity == .error }

    let summary = VerificationSummary(
      documents: site.runs.map { .init(displayPath: $0.displayPath, run: $0.run) },
      outputComparison: .compare(outputPath: paths.output, with: site.files),
      contentProblems: contentProblems.map(\.description))
    let text = format.render(summary, outputPath: paths.output)
    if let report {
      guard FileManager.default.createFile(atPath: report, contents: Data(text.utf8)) else {
        Console.error("cannot write the report to '\(report)'")
        throw ExitCode(2)
      }
      if format != .text { Console.print(TextReport.render(summary, outputPath: paths.output)) }
    } else {
      FileHandle.standardOutput.write(Data(text.utf8))
    }
    if !summary.succeeded { throw ExitCode(1) }
  }
}

extension ReportFormat: ExpressibleByArgument {
  /// Each format with its summary, listed under `--format` in the help.
  public static var allValueDescriptions: [String: String] {
    Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0.summary) })
  }
}
