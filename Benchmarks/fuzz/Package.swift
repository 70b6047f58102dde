// swift-tools-version: 6.1
// Fuzz targets for libFuzzer, one per input the builder reads: Markdown, the math in it, TeX,
// front matter and templates. A package of its own, so that the main package's `swift build`
// neither builds nor waits for them; `run.sh` builds it with the sanitizers in a scratch folder
// of its own and runs each target.
//
// Each target is a library-free executable whose `main` is libFuzzer's: build it with
// `--sanitize fuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing` (see run.sh).

import PackageDescription

let package = Package(
  name: "fuzz",
  dependencies: [.package(name: "hw", path: "../..")],
  targets: [
    .target(
      name: "FuzzSupport",
      dependencies: [.product(name: "Diagnostics", package: "hw")]),
    .executableTarget(
      name: "FuzzMarkdown",
      dependencies: [
        "FuzzSupport", .product(name: "Markup", package: "hw"),
        .product(name: "Diagnostics", package: "hw"),
      ]),
    .executableTarget(
      name: "FuzzMathScan",
      dependencies: [
        "FuzzSupport", .product(name: "Markup", package: "hw"),
        .product(name: "TeXMath", package: "hw"), .product(name: "Diagnostics", package: "hw"),
      ]),
    .executableTarget(
      name: "FuzzTeX",
      dependencies: ["FuzzSupport", .product(name: "TeXMath", package: "hw")]),
    .executableTarget(
      name: "FuzzFrontMatter",
      dependencies: [
        "FuzzSupport", .product(name: "Markup", package: "hw"),
        .product(name: "Diagnostics", package: "hw"),
      ]),
    .executableTarget(
      name: "FuzzTemplate",
      dependencies: [
        "FuzzSupport", .product(name: "Builder", package: "hw"),
        .product(name: "Diagnostics", package: "hw"),
      ]),
  ]
)
