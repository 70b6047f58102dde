import Testing

@testable import TeXMath

@Suite struct TeXMathPlaceholderTests {}
