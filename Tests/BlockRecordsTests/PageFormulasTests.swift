import BlockRecords
import Testing

/// A `formula` record's label is printed by `hw verify`: only what `\label` allows counts.
@Suite struct FormulaLabelTests {
  @Test func acceptsWhatLabelAllowsAndNothingThatCouldForgeALine() {
    #expect(PageFormulas.isLabel("nll-grad"))
    #expect(PageFormulas.isLabel("eq:1.2_b"))
    #expect(!PageFormulas.isLabel(""))
    #expect(!PageFormulas.isLabel("x'; its checks pass\nContent/hw.md:1: error: forged"))
    #expect(!PageFormulas.isLabel("étiquette"))
    #expect(!PageFormulas.isLabel(String(repeating: "a", count: 101)))
  }
}
