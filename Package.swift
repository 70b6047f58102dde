// swift-tools-version: 6.1
// The homework site builder: Markdown with LaTeX math and Swift verification blocks
// in, a static, reproducible HTML site out.

import PackageDescription

let package = Package(
  name: "hw",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "hw", targets: ["hw"]),
    // What a verification block links against: the loss and gradient engine, plots and the
    // block API, as one dynamic library found next to the `hw` executable.
    .library(
      name: "HWBlockRuntime", type: .dynamic, targets: ["BlockRuntime", "LossEngine", "Figures"]),
    .library(name: "LossEngine", type: .dynamic, targets: ["LossEngine"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
  ],
  targets: [
    // Pipeline, in the order data flows.
    .systemLibrary(
      name: "CCMark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
    .target(name: "Markup", dependencies: ["CCMark", "TeXMath", "Yams"]),
    .target(name: "TeXMath"),
    .systemLibrary(
      name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
    .target(name: "LossEngine", dependencies: ["COpenBLAS"]),
    .target(name: "Figures"),
    .target(name: "BlockRecords"),
    .target(name: "BlockRuntime", dependencies: ["LossEngine", "Figures", "BlockRecords"]),
    .target(name: "Execution", dependencies: ["BlockRecords"]),
    .target(
      name: "Builder", dependencies: ["Markup", "TeXMath", "Figures", "Execution", "BlockRecords"],
      resources: [.copy("Resources/fonts")]),
    .executableTarget(
      name: "hw",
      dependencies: ["Builder", .product(name: "ArgumentParser", package: "swift-argument-parser")]
    ),

    .testTarget(name: "MarkupTests", dependencies: ["Markup", "TeXMath"]),
    .testTarget(name: "TeXMathTests", dependencies: ["TeXMath"]),
    .testTarget(
      name: "LossEngineTests",
      dependencies: [
        "LossEngine", .product(name: "PropertyBased", package: "swift-property-based"),
      ]),
    .testTarget(name: "FiguresTests", dependencies: ["Figures"]),
    .testTarget(name: "ExecutionTests", dependencies: ["Execution", "BlockRecords", "Builder"]),
    .testTarget(name: "BuilderTests", dependencies: ["Builder", "Markup"]),
  ]
)
