import Foundation
import MergeFuzzing
import ModelSync
import ModelsDevCatalog
import ModelsyncApp
import TestSupport
import Testing

/// Mutated provider files synced through the application layer, as `modelsync sync --provider ID --source bundled`
/// runs them: real files in a temporary directory, the workspace's lock, prefetch and atomic writers.
///
/// Each case takes a seed input of the fuzz corpus (`Tests/FuzzCorpus`: a byte that picks the provider, then a
/// file), mutates the file (``YAMLMutator``), checks the merge's promises in memory (``MergeInvariants``), then
/// syncs the file on disk: a file the merge refuses stays byte-identical and its report is an error naming it; a
/// current file is not rewritten; a changed file holds exactly the merge's bytes, and a `check` after the sync finds
/// it current. 40 cases by default, 500 in the long tier; `MODELSYNC_MUTATION_SEED` explores another seed and
/// `MODELSYNC_MUTATION_CASE=N` replays one.
@Suite struct MutatedFileSyncTests {
    static let environment = ProcessInfo.processInfo.environment
    static let seed = environment["MODELSYNC_MUTATION_SEED"].flatMap { UInt64($0) } ?? 20_261_202
    static let caseCount = TestTier.runsLongSuites ? 500 : 40
    static let decodedCatalogs = DecodedCatalogMemo()

    static let seeds: [[UInt8]] = {
        let directory = Fixtures.directory.deletingLastPathComponent().appendingPathComponent("FuzzCorpus")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
        return names.filter { $0.hasPrefix("corpus-") || $0.hasPrefix("small-") }.compactMap { name in
            FileManager.default.contents(atPath: directory.appendingPathComponent(name).path).map(Array.init)
        }
    }()

    @Test func mutatedFilesSyncedOnDiskEndAsTheMergeSaysOrStayByteIdentical() async throws {
        #expect(Self.seeds.count == 22)
        let root = try TemporaryDirectory()
        let only = Self.environment["MODELSYNC_MUTATION_CASE"].flatMap { Int($0) }
        var outcomes: [MergeInvariants.Outcome: Int] = [:]
        for index in only.map({ [$0] }) ?? Array(0..<Self.caseCount) {
            var random = SeededRandom(seed: Self.seed &+ UInt64(index) &* 0xD1B5_4A32_D192_ED03)
            let seedInput = Self.seeds[Int.random(in: 0..<Self.seeds.count, using: &random)]
            let (file, mutations) = YAMLMutator().mutate(
                Array(seedInput.dropFirst()), count: Int.random(in: 1...3, using: &random), using: &random)
            let input = [seedInput[0]] + file
            let label = "case \(index) (\(mutations.map(\.rawValue).joined(separator: ", ")))"
            let invariants = try #require(FuzzHarness.invariants(for: input))
            let (outcome, violations) = invariants.check(file)
            outcomes[outcome, default: 0] += 1
            #expect(violations.isEmpty, "\(label): \(violations)")

            let directory = "case-\(index)"
            let path = "\(directory)/config/models/\(invariants.fileID).yml"
            try root.write(path, bytes: file)
            let report = try await Self.run(.sync, provider: invariants.fileID, in: root, directory)
            let written = Array(try Data(contentsOf: URL(fileURLWithPath: root.file(path))))
            switch outcome {
            case .refusedInput, .refusedMerge:
                #expect(report.status == .error, "\(label)")
                #expect(report.error?.description.hasPrefix("config/models/\(invariants.fileID).yml") == true)
                #expect(written == file, "\(label): a file the merge refuses must stay byte-identical")
            case .unchanged:
                #expect(report.status == .unchanged, "\(label)")
                #expect(written == file, "\(label)")
            case .changed:
                #expect(report.status == .updated, "\(label): \(report.error?.description ?? "")")
                #expect(written == invariants.mergedBytes(file), "\(label): the file on disk is not the merge's")
                let check = try await Self.run(.check, provider: invariants.fileID, in: root, directory)
                #expect(check.status == .unchanged, "\(label): check after the sync")
            }
        }
        guard only == nil else { return }
        #expect(outcomes[.changed, default: 0] > Self.caseCount / 3, "\(outcomes)")
        #expect(outcomes[.refusedInput, default: 0] > 0, "\(outcomes)")
    }

    /// One `sync` or `check` of one provider file on the bundled snapshot, in `directory` of `root`.
    static func run(
        _ mode: SyncMode, provider: String, in root: TemporaryDirectory, _ directory: String
    ) async throws -> ProviderReport {
        var options = RunOptions()
        options.source = "bundled"
        options.providers = [provider]
        // The in-memory merge it is compared with has no guards: accepted, held changes are applied as it applies them.
        options.acceptHeld = true
        let environment = RunEnvironment(
            workingDirectory: root.file(directory),
            variables: ["HOME": root.file("home"), "MODELSYNC_CACHE_DIR": root.file("cache")],
            decodedCatalogs: decodedCatalogs)
        let configuration = try RunConfiguration.resolve(options, writes: mode == .sync, in: environment)
        let outcome = try await ModelsDevSyncer(configuration).run(mode)
        return try #require(outcome.reports.first { $0.provider == provider })
    }
}
