// swift-tools-version: 6.1
// The homework site builder: Markdown with LaTeX math and Swift verification blocks
// in, a static, reproducible HTML site out.
//
// Linux only: blocks run in Linux namespaces, the preview server uses Glibc's sockets, and CI
// builds and tests on Debian. No other platform is claimed, since none is built or tested.

import PackageDescription

let package = Package(
  name: "hw",
  products: [
    .executable(name: "hw", targets: ["hw"]),
    // What a verification block links against: the loss and gradient engine, plots, the block
    // API and the records it writes, and the TeX reader that evaluates a typeset formula, as
    // one dynamic library found next to the `hw` executable.
    .library(
      name: "HWBlockRuntime", type: .dynamic,
      targets: ["BlockRuntime", "LossEngine", "Figures", "BlockRecords", "Diagnostics", "TeXMath"]),
    .library(name: "LossEngine", type: .dynamic, targets: ["LossEngine"]),
    // For the fuzz targets (Benchmarks/fuzz), a package of their own that builds these with
    // sanitizers. A product builds nothing in a plain `swift build` unless something uses it.
    .library(name: "Diagnostics", targets: ["Diagnostics"]),
    .library(name: "Markup", targets: ["Markup"]),
    .library(name: "TeXMath", targets: ["TeXMath"]),
    .library(name: "Builder", targets: ["Builder"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
  ],
  targets: [
    // Shared by every stage: locations, diagnostics and tool errors; content digests.
    .target(name: "Diagnostics"),
    .target(name: "Digest"),

    // Pipeline, in the order data flows.
    .systemLibrary(
      name: "CCMark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
    .target(name: "Markup", dependencies: ["CCMark", "Diagnostics", "TeXMath", "Yams"]),
    .target(name: "TeXMath"),
    .systemLibrary(
      name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
    .target(name: "LossEngine", dependencies: ["COpenBLAS"]),
    .target(name: "Figures"),
    .target(name: "BlockRecords", dependencies: ["Diagnostics"]),
    .target(
      name: "BlockRuntime",
      dependencies: ["LossEngine", "Figures", "BlockRecords", "Diagnostics", "TeXMath"]),
    .target(name: "Execution", dependencies: ["BlockRecords", "Diagnostics", "Digest"]),
    // What a grader reads: the graded items of a run and the report formats.
    .target(name: "Reports", dependencies: ["BlockRecords", "Diagnostics"]),
    .target(
      name: "Builder",
      dependencies: [
        "Diagnostics", "Digest", "Markup", "TeXMath", "Figures", "Execution", "BlockRecords",
        "Reports",
      ],
      resources: [.copy("Resources/fonts"), .copy("Resources/theme"), .copy("Resources/print")]),
    // `hw grade`: grader checks, the judge, a class graded (DESIGN.md, Trust and grading);
    // the Gradescope autograder zip (its deflate and CRC-32 are Figures', shared in the package).
    .target(
      name: "Grading",
      dependencies: [
        "BlockRecords", "Builder", "Diagnostics", "Digest", "Execution", "Figures", "Markup",
      ]),
    // `hw pdf`: the pages printed to PDF by headless Chromium.
    .target(name: "Printing", dependencies: ["Builder", "Diagnostics", "Execution"]),
    // `hw watch` and `hw serve`: the content folder watched, the site served with live reload.
    .target(name: "Preview", dependencies: ["Builder", "Diagnostics"]),
    .executableTarget(
      name: "hw",
      dependencies: [
        "Builder", "Reports", "Preview", "Printing", "Diagnostics", "Grading", "Markup",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    // Tests: one target per module that has tests, named after it; `EndToEndTests` runs the
    // built `hw` as a user does; `TestSupport` holds what they share (golden files, temporary
    // folders, the seeded random source, the lookup of the built products).
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
    .testTarget(name: "DigestTests", dependencies: ["Digest"]),
    .testTarget(
      name: "MarkupTests", dependencies: ["Markup", "Diagnostics", "TeXMath", "TestSupport"]),
    .testTarget(name: "TeXMathTests", dependencies: ["TeXMath", "TestSupport"]),
    .testTarget(
      name: "LossEngineTests",
      dependencies: [
        "LossEngine", .product(name: "PropertyBased", package: "swift-property-based"),
      ]),
    .testTarget(name: "FiguresTests", dependencies: ["Figures", "TestSupport"]),
    .testTarget(
      name: "BlockRecordsTests", dependencies: ["BlockRecords", "Diagnostics", "TestSupport"]),
    .testTarget(
      name: "ExecutionTests",
      dependencies: ["Execution", "BlockRecords", "Diagnostics", "TestSupport"]),
    .testTarget(
      name: "ReportsTests", dependencies: ["Reports", "BlockRecords", "Diagnostics", "TestSupport"]
    ),
    .testTarget(
      name: "BuilderTests",
      dependencies: [
        "Builder", "BlockRecords", "TeXMath", "Figures", "Diagnostics", "TestSupport",
      ]),
    .testTarget(name: "PreviewTests", dependencies: ["Preview", "TestSupport"]),
    .testTarget(
      name: "GradingTests", dependencies: ["Grading", "BlockRecords", "Execution", "TestSupport"]),
    .testTarget(
      name: "EndToEndTests",
      dependencies: ["Builder", "Grading", "Reports", "TeXMath", "TestSupport"]),
  ]
)
