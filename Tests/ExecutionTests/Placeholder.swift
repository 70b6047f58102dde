import Testing

@testable import Execution

@Suite struct ExecutionPlaceholderTests {}
