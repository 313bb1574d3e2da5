import Foundation
import Testing

@testable import ModelSync

@Suite struct UnifiedDiffTests {
    @Test func equalTextsGiveNoDiff() {
        #expect(UnifiedDiff(oldPath: "a", newPath: "b", oldText: "x\ny\n", newText: "x\ny\n").render() == "")
    }

    @Test func aChangedLineShowsWithThreeLinesOfContext() {
        let old = (1...10).map { "line \($0)\n" }.joined()
        let new = old.replacingOccurrences(of: "line 5\n", with: "line five\n")
        #expect(
            UnifiedDiff(oldPath: "a/x.yml", newPath: "b/x.yml", oldText: old, newText: new).render() == """
                --- a/x.yml
                +++ b/x.yml
                @@ -2,7 +2,7 @@
                 line 2
                 line 3
                 line 4
                -line 5
                +line five
                 line 6
                 line 7
                 line 8

                """)
    }

    @Test func distantChangesGetSeparateHunksAndInsertionsAtTheEndWork() {
        let old = (1...20).map { "l\($0)\n" }.joined()
        let new = "l0\n" + old + "l21\n"
        let diff = UnifiedDiff(oldPath: "a", newPath: "b", oldText: old, newText: new).render()
        #expect(
            diff == """
                --- a
                +++ b
                @@ -1,3 +1,4 @@
                +l0
                 l1
                 l2
                 l3
                @@ -18,3 +19,4 @@
                 l18
                 l19
                 l20
                +l21

                """)
    }

    @Test func aMissingFinalNewlineIsMarked() {
        let diff = UnifiedDiff(oldPath: "a", newPath: "b", oldText: "a\nb", newText: "a\nc").render()
        #expect(
            diff
                == "--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"
        )
    }

    @Test func colourIsOptIn() {
        let diff = UnifiedDiff(oldPath: "a", newPath: "b", oldText: "a\n", newText: "b\n").render(colored: true)
        #expect(diff.contains("\u{1B}[31m-a\u{1B}[0m"))
        #expect(diff.contains("\u{1B}[32m+b\u{1B}[0m"))
    }
}
