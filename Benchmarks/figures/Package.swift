// swift-tools-version: 6.1
// Times the Figures library against matplotlib's SVG backend (see run.sh). A separate package,
// so the main package's default build stays lean.

import PackageDescription

let package = Package(
  name: "figures-benchmark",
  platforms: [.macOS(.v13)],
  dependencies: [.package(name: "hw", path: "../..")],
  targets: [
    .executableTarget(
      name: "FiguresBenchmark",
      dependencies: [.product(name: "HWBlockRuntime", package: "hw")],
      path: "Sources")
  ]
)
