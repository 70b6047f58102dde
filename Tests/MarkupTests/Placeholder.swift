import Testing

@testable import Markup

@Suite struct MarkupPlaceholderTests {}
