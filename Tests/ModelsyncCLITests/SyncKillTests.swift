import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension LongRunningTests {
    /// `sync` killed with SIGKILL during a large run: every file is old or new, nothing left behind trips the next.
    ///
    /// docs/merge-rules.md#atomic-replacement. A long suite: the binary is killed at random points (a seeded delay
    /// after its start picks the moment; no test waits on the delay for anything).
    @Suite struct SyncKillTests {
        static let new = Fixtures.modelsDev("api-2026-01-05.json").path
        static let newest = Fixtures.modelsDev("api-2026-07-02.json").path

        /// The seed of the kill points; `MODELSYNC_KILL_SEED` replays another run.
        static let seed =
            ProcessInfo.processInfo.environment["MODELSYNC_KILL_SEED"].flatMap { UInt64($0) } ?? 0x2026_0702

        @Test(TestTier.long)
        func aSyncKilledAtRandomPointsLeavesEveryFileOldOrNewAndTheNextRunCompletes() async throws {
            let runner = try CommandRunner(slots: .longRunning)
            // An empty models directory: the first sync writes one file per provider.
            try FileManager.default.createDirectory(at: runner.modelsDirectory, withIntermediateDirectories: true)
            // Old: the 76 providers of 2026-01-05. New: a complete sync of 2026-07-02 with --all (147 files).
            try await runner.run(["sync", "--quiet", "--source", Self.new], expecting: 0)
            let old = try Self.providerFiles(in: runner.modelsState())
            let reference = runner.directory.path("reference")
            try Self.restore(old, in: reference)
            let start = Date()
            let arguments = ["sync", "--quiet", "--all", "--source", Self.newest]
            try await runner.run(arguments + ["--models-dir", "reference"], expecting: 0)
            let duration = Date().timeIntervalSince(start)
            let new = try Self.providerFiles(in: DirectoryState.capture(reference))
            #expect(old.count == 76 && new.count == 147)

            var generator = SeededRandom(seed: Self.seed)
            var issues: [String] = []
            var partial = 0
            var recoveries = 0
            for iteration in 0..<10 {
                try Self.restore(old, in: runner.modelsDirectory)
                // Half the kills early (catalog loading, first writes), half anywhere in a whole run.
                let upper = iteration.isMultiple(of: 2) ? 0.4 : max(0.5, duration)
                let delay = Double.random(in: 0.02..<upper, using: &generator)
                let killed = try await runner.runKilled(arguments, after: delay)
                let state = try runner.modelsState()
                let label =
                    "seed \(Self.seed), kill \(iteration) after \(Int(delay * 1000)) ms (\(killed ? "killed" : "done"))"
                var newFiles = 0
                var leftovers: [String] = []
                for name in state.fileNames where name != ".modelsync.lock" {
                    if name.hasPrefix("."), name.contains(".yml.tmp-") {
                        leftovers.append(name)
                        continue
                    }
                    guard let bytes = state.files[name]?.bytes else { continue }
                    if bytes == new[name] {
                        if bytes != old[name] { newFiles += 1 }
                    } else if bytes != old[name] {
                        issues.append("\(label): \(name) is neither its old nor its new content")
                    }
                }
                for name in old.keys where state.files[name] == nil {
                    issues.append("\(label): \(name) vanished")
                }
                if killed, newFiles > 0 { partial += 1 }
                if !leftovers.isEmpty {
                    // The run after a kill that left a temporary file removes it and completes.
                    recoveries += 1
                    let recovery = try await runner.run(arguments)
                    #expect(recovery.status == 0, "\(label): \(recovery.stderr)")
                    for name in leftovers {
                        #expect(
                            recovery.stderr.contains("warning: removed \(name), left by an interrupted run\n"),
                            "\(label): \(recovery.stderr)")
                    }
                    let recovered = try runner.modelsState()
                    #expect(Self.providerFiles(in: recovered) == new, "\(label)")
                    #expect(recovered.fileNames.filter { $0.hasPrefix(".") } == [".modelsync.lock"], "\(label)")
                }
            }
            #expect(issues.isEmpty, "\(issues.prefix(20).joined(separator: "\n"))")
            #expect(
                partial > 0,
                "seed \(Self.seed): no kill landed while files were being written; the run took \(duration) s")

            // The next run after the last kill, with a temporary file a killed writer could have left, completes.
            let stale = ".anthropic.yml.tmp-999999-stale"
            try Data(try #require(new["anthropic.yml"]).prefix(1000)).write(
                to: runner.modelsDirectory.appendingPathComponent(stale))
            let recovery = try await runner.run(arguments, expecting: 0)
            #expect(
                recovery.stderr.contains("warning: removed \(stale), left by an interrupted run\n"),
                "\(recovery.stderr)")
            let final = try runner.modelsState()
            #expect(Self.providerFiles(in: final) == new)
            #expect(final.fileNames.filter { $0.hasPrefix(".") } == [".modelsync.lock"])
            try await runner.run(["check", "--quiet", "--all", "--source", Self.newest], expecting: 0)
            print(
                "SyncKillTests: seed \(Self.seed), \(partial) of 10 kills mid-write, \(recoveries) left a temporary file"
            )
        }

        /// The provider files (`*.yml`, not hidden) of a directory state, by name.
        static func providerFiles(in state: DirectoryState) -> [String: Data] {
            var files: [String: Data] = [:]
            for name in state.fileNames where name.hasSuffix(".yml") && !name.hasPrefix(".") {
                files[name] = state.files[name]?.bytes
            }
            return files
        }

        /// Replaces everything in `directory` with `files`.
        static func restore(_ files: [String: Data], in directory: URL) throws {
            try? FileManager.default.removeItem(at: directory)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for (name, bytes) in files { try bytes.write(to: directory.appendingPathComponent(name)) }
        }
    }
}

extension CommandRunner {
    /// Runs `modelsync arguments…` and kills it with SIGKILL after `delay` seconds; returns whether it was still
    /// running when killed.
    func runKilled(_ arguments: [String], after delay: Double) async throws -> Bool {
        try await slots.run { try await self.launchAndKill(arguments, after: delay) }
    }

    private func launchAndKill(_ arguments: [String], after delay: Double) async throws -> Bool {
        let process = try makeProcess(arguments, environment: [:])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let exited = AsyncStream<Void>.makeStream()
        process.terminationHandler = { _ in
            exited.continuation.yield()
            exited.continuation.finish()
        }
        try process.run()
        lowerPriority(of: process)
        try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
        let running = process.isRunning
        if running { kill(process.processIdentifier, SIGKILL) }
        for await _ in exited.stream {}
        return running && process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
    }
}
