import Testing

@testable import Builder

@Suite struct BuilderPlaceholderTests {}
