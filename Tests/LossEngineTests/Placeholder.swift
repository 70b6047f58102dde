import Testing

@testable import LossEngine

@Suite struct LossEnginePlaceholderTests {}
