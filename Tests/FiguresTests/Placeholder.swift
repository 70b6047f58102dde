import Testing

@testable import Figures

@Suite struct FiguresPlaceholderTests {}
