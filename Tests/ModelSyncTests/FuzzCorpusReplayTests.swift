import Foundation
import MergeFuzzing
import Testing

/// The fuzzer's seed corpus and the inputs it found broken promises with, replayed on every test run.
///
/// Each input (`corpus-*`, `small-*`, `finding-*`) must keep every promise of ``MergeInvariants``; docs/fuzzing.md
/// says how the corpus is grown.
@Suite struct FuzzCorpusReplayTests {
    static let directory = CatalogSnapshots.testsDirectory.appendingPathComponent("FuzzCorpus")

    static let inputs: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()

    @Test func theCorpusHoldsTheSeedsAndTheFindings() {
        #expect(Self.inputs.filter { $0.hasPrefix("corpus-") }.count == 17)
        #expect(Self.inputs.filter { $0.hasPrefix("finding-") }.count >= 7)
    }

    @Test(arguments: inputs)
    func everyInputKeepsEveryPromise(_ name: String) throws {
        let bytes = Array(try Data(contentsOf: Self.directory.appendingPathComponent(name)))
        let result = try #require(FuzzHarness.check(bytes), "\(name) is empty")
        #expect(result.violations.isEmpty, "\(name) (merged as \(result.provider)): \(result.violations)")
        if name.hasPrefix("corpus-") { #expect(result.outcome == .changed) }
    }
}
