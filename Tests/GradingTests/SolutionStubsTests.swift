import Testing

@testable import Grading

@Suite struct SolutionStubsTests {
  @Test func keepsSignaturesWhateverTheirBodiesAndArgumentsHold() {
    let code = #"""
      /// A comment that says how.
      @discardableResult
      func f<T: Numeric>(
        _ x: T, label: String = "{not a body}", transform: (T) -> T = { $0 }
      ) -> T where T: Comparable {
        let s = "}"  // }
        return transform(x)
      }
      var area: Double { 3 * 4 }
      let table: [String: Int] = ["a": 1]
      let scratch = 5
      check(f(1) == 1, "f")
      import Foundation
      """#
    let (stub, refusals) = SolutionStubs.stub(code) { $0 != "scratch" }
    #expect(refusals.isEmpty)
    #expect(
      stub == #"""
        @discardableResult
        func f<T: Numeric>(
          _ x: T, label: String = "{not a body}", transform: (T) -> T = { $0 }
        ) -> T where T: Comparable {
          notAnswered("f")
        }

        var area: Double { notAnswered("area") }

        let table: [String: Int] = { notAnswered("table") }()

        import Foundation
        """#)
    #expect(!stub.contains("comment") && !stub.contains("transform(x)"))
  }

  @Test func refusesWhatCannotBeHandedOutWithoutItsSolution() {
    let code = """
      let used = 5
      struct Point { var x: Double }
      let a = 1, b = 2
      """
    let (_, refusals) = SolutionStubs.stub(code) { $0 == "used" || $0 == "a" }
    #expect(refusals.map(\.line) == [1, 2, 3])
    #expect(refusals[0].message.hasPrefix("give 'used' a type"))
    #expect(refusals[1].message.contains("move this struct"))
  }
}
