// swift-tools-version: 6.1
// The engine benchmark: its own package, so the main package's default build has no benchmark
// executable in it, and the benchmark always builds in release mode in its own folder.

import PackageDescription

let package = Package(
  name: "engine-benchmark",
  platforms: [.macOS(.v13)],
  dependencies: [.package(name: "hw", path: "../..")],
  targets: [
    .executableTarget(
      name: "EngineBenchmark",
      dependencies: [.product(name: "LossEngine", package: "hw")])
  ]
)
