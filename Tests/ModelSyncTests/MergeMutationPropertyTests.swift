import Foundation
import LosslessYAML
import MergeFuzzing
import TestSupport
import Testing

@testable import ModelSync

/// Provider files changed the way people, tools and accidents change them (``YAMLMutator``), merged with the
/// 2026-07-02 catalog: every merge must keep the promises of ``MergeInvariants`` (no crash; a refusal names the file
/// and its place and writes nothing; a change keeps the user's data and comments and is a fixed point).
///
/// The files mutated: the hand-edited corpus, files a first sync writes, and YAML test suite documents kept under a
/// user key. A few hundred cases by default, 10,000 in the long tier; `MODELSYNC_MUTATION_SEED` explores another
/// seed, `MODELSYNC_MUTATION_CASES` sets the count, `MODELSYNC_MUTATION_CASE=N` replays case N alone, and
/// `MODELSYNC_MUTATION_FAILURES=DIR` writes each failing input to `DIR/case-N.yml` (for `modelsync-fuzz` or a sync).
@Suite struct MergeMutationPropertyTests {
    static let environment = ProcessInfo.processInfo.environment
    static let seed = environment["MODELSYNC_MUTATION_SEED"].flatMap { UInt64($0) } ?? 20_261_202
    static let caseCount =
        environment["MODELSYNC_MUTATION_CASES"].flatMap { Int($0) } ?? (TestTier.runsLongSuites ? 10_000 : 400)

    @Test func mutatedProviderFilesKeepEveryMergePromise() async throws {
        let only = Self.environment["MODELSYNC_MUTATION_CASE"].flatMap { Int($0) }
        // Seconds of work: on a thread of its own, so that tests waiting on events keep the cooperative pool.
        let (outcomes, failures) = try await offCooperativePool {
            try Self.run(cases: only.map { [$0] } ?? Array(0..<Self.caseCount))
        }
        #expect(failures.isEmpty, "\(failures.count) broken promises; the first:\n\(failures.first ?? "")")
        guard only == nil else { return }
        print(
            "mutation property test, seed \(Self.seed): \(Self.caseCount) cases, \(outcomes.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")), \(failures.count) broken"
        )
        // The mutations must leave most files readable, or the test would only exercise the parser's refusals.
        let count = Double(Self.caseCount)
        #expect(Double(outcomes[.changed, default: 0]) > count * 0.3, "\(outcomes)")
        #expect(outcomes[.refusedInput, default: 0] > 0, "\(outcomes)")
        #expect(outcomes[.unchanged, default: 0] > 0, "\(outcomes)")
    }

    /// Mutates and checks the given cases: how often each outcome came up, and a report of each broken promise.
    static func run(cases: [Int]) throws -> (outcomes: [MergeInvariants.Outcome: Int], failures: [String]) {
        let bases = try MutationBase.all()
        var outcomes: [MergeInvariants.Outcome: Int] = [:]
        var failures: [String] = []
        for index in cases {
            var random = SeededRandom(seed: seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
            let base = bases[Int.random(in: 0..<bases.count, using: &random)]
            let (bytes, mutations) = YAMLMutator().mutate(
                base.bytes, count: Int.random(in: 1...4, using: &random), using: &random)
            let (outcome, violations) = base.invariants.check(bytes)
            outcomes[outcome, default: 0] += 1
            guard !violations.isEmpty else { continue }
            if let directory = environment["MODELSYNC_MUTATION_FAILURES"] {
                try Data(bytes).write(to: URL(fileURLWithPath: directory).appendingPathComponent("case-\(index).yml"))
            }
            failures.append(
                "case \(index) (\(base.name), \(mutations.map(\.rawValue).joined(separator: ", "))); replay with "
                    + "MODELSYNC_MUTATION_SEED=\(seed) MODELSYNC_MUTATION_CASE=\(index):\n"
                    + violations.joined(separator: "\n") + "\n--- input ---\n" + String(decoding: bytes, as: UTF8.self))
        }
        return (outcomes, failures)
    }

    /// The checks themselves: a merge that loses a comment, changes a user's value or is not a fixed point is caught.
    @Test func theChecksCatchABrokenMerge() throws {
        let base = try #require(try MutationBase.all().first { $0.name == "corpus anthropic" })
        let desired = base.invariants.desired
        let real = ConfigMerger(fileID: "anthropic", desired: desired)
        let broken: [(String, MergeInvariants.Merge)] = [
            (
                "comments lost",
                { document, report in
                    try real.merge(into: document, report: &report).map { Self.removingFirstComment($0) }
                }
            ),
            (
                "the user's data changed",
                { document, report in
                    try real.merge(into: document, report: &report).map {
                        Array(
                            String(decoding: $0, as: UTF8.self).replacingOccurrences(
                                of: "default_model: claude-sonnet-4-5", with: "default_model: claude-sonnet-4"
                            ).utf8)
                    }
                }
            ),
            (
                "a second merge changes the file again",
                { document, report in
                    _ = try real.merge(into: document, report: &report)
                    return document.bytes + Array("# run \(document.bytes.count)\n".utf8)
                }
            ),
        ]
        #expect(base.invariants.check(base.bytes).violations.isEmpty)
        for (expected, merge) in broken {
            let invariants = MergeInvariants(fileID: "anthropic", desired: desired, merge: merge)
            let violations = invariants.check(base.bytes).violations
            #expect(violations.contains { $0.hasPrefix(expected) }, "\(expected): \(violations)")
        }
    }

    static func removingFirstComment(_ bytes: [UInt8]) -> [UInt8] {
        var lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\n")
        if let index = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }) {
            lines.remove(at: index)
        }
        return Array(lines.joined(separator: "\n").utf8)
    }
}

/// A file the property test mutates, with the checks of the provider it is merged with.
struct MutationBase: Sendable {
    var name: String
    var bytes: [UInt8]
    var invariants: MergeInvariants

    /// Built once: the corpus inputs, first-sync files of four providers, and suite documents under a user key.
    static func all() throws -> [MutationBase] { try cached.get() }

    private static let cached = Result { try make() }

    private static func make() throws -> [MutationBase] {
        var bases: [MutationBase] = []
        for corpus in CorpusTests.cases {
            let invariants = MergeInvariants(
                fileID: corpus.fileID, desired: try CatalogSnapshots.desired(corpus.upstream), options: corpus.options)
            let bytes = Array(try Data(contentsOf: corpus.inputURL))
            bases.append(MutationBase(name: "corpus \(corpus.name)", bytes: bytes, invariants: invariants))
        }
        for provider in ["anthropic", "openai", "mistral", "deepseek"] {
            let desired = try CatalogSnapshots.desired(provider)
            let empty = try YAMLDocument(bytes: [], path: "config/models/\(provider).yml")
            var report = ProviderReport(provider: provider, upstream: provider, file: empty.path, status: .unchanged)
            let written = try #require(
                try ConfigMerger(fileID: provider, desired: desired).merge(into: empty, report: &report))
            bases.append(
                MutationBase(
                    name: "first sync of \(provider)", bytes: written,
                    invariants: MergeInvariants(fileID: provider, desired: desired)))
        }
        let deepseek = MergeInvariants(fileID: "deepseek", desired: try CatalogSnapshots.desired("deepseek"))
        for suiteCase in try YAMLSuiteDocuments.underUserKey() {
            bases.append(MutationBase(name: "suite \(suiteCase.id)", bytes: suiteCase.bytes, invariants: deepseek))
        }
        return bases
    }
}

/// YAML test suite documents libyaml reads as one block-indented document, each indented under a user key of a
/// provider file (`notes:`), so mutations reach the merge through every shape of YAML the suite has.
enum YAMLSuiteDocuments {
    static func underUserKey() throws -> [(id: String, bytes: [UInt8])] {
        let root = CatalogSnapshots.testsDirectory.appendingPathComponent("Fixtures/yaml-test-suite")
        var result: [(id: String, bytes: [UInt8])] = []
        for id in try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() {
            let folder = root.appendingPathComponent(id)
            guard !FileManager.default.fileExists(atPath: folder.appendingPathComponent("error").path),
                let input = FileManager.default.contents(atPath: folder.appendingPathComponent("in.yaml").path)
            else { continue }
            let text = String(decoding: input, as: UTF8.self)
            guard !text.contains("---"), !text.contains("..."), !text.hasPrefix("%"), !text.contains("\t") else {
                continue
            }
            let indented = text.split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.isEmpty ? "" : "  " + $0
            }
            let file = "# suite case \(id)\nprovider: deepseek\nnotes:\n" + indented.joined(separator: "\n") + "\n"
            // Only documents that stay one mapping under the key (a scalar at the root of the case does not).
            guard (try? YAMLDocument(bytes: Array(file.utf8), path: "config/models/deepseek.yml")) != nil else {
                continue
            }
            result.append((id, Array(file.utf8)))
        }
        return result
    }
}
