import Foundation
import LosslessYAML
import Testing

@testable import ModelSync

@Suite struct ProviderFilePrefetchTests {
    /// Whatever the timing, each file's outcome is handed over at most once and equals what reading it directly
    /// gives, errors included; a file not reached yet is left to the caller.
    @Test func handsOverEachFileOnceAsReadingItDirectlyWould() throws {
        let directory = try TemporaryDirectory()
        var paths: [String] = []
        for index in 0..<40 {
            let name = String(format: "p%02d.yml", index)
            let text = index == 7 ? "models:\n  a: 1\n  a: 2\n" : "provider: p\(index)\nmodels:\n  m\(index): {}\n"
            try directory.write(name, text)
            paths.append(directory.file(name))
        }
        paths.append(directory.file("missing.yml"))

        var totalHandedOver = 0
        for round in 0..<20 {
            let prefetch = ProviderFilePrefetch(files: paths)
            // Some rounds ask at once (files are claimed before the thread reaches them), some after a while.
            if round % 2 == 1 { Thread.sleep(forTimeInterval: 0.002 * Double(round)) }
            var handedOver = 0
            for path in paths.reversed() {
                guard let outcome = prefetch.take(path) else { continue }
                handedOver += 1
                #expect(prefetch.take(path) == nil, "handed over twice: \(path)")
                let direct = Result { () throws -> [UInt8] in
                    let bytes = try ModelsDevSyncer.readProviderFile(path, display: path)
                    _ = try YAMLDocument(bytes: bytes, path: path)
                    return bytes
                }
                switch (outcome, direct) {
                case (.success(let prefetched), .success(let bytes)):
                    #expect(prefetched.bytes == bytes)
                    #expect(prefetched.document.bytes == bytes)
                case (.failure(let prefetched as YAMLError), .failure(let error as YAMLError)):
                    #expect(prefetched.description == error.description)
                case (.failure(let prefetched), .failure(let error)):
                    // Foundation's errors (a file that is not there): the same kind; their texts list details in
                    // no fixed order.
                    #expect((prefetched as NSError).domain == (error as NSError).domain)
                    #expect((prefetched as NSError).code == (error as NSError).code)
                default:
                    Issue.record("prefetched \(outcome) but reading directly gave \(direct)")
                }
            }
            prefetch.stop()
            totalHandedOver += handedOver
        }
        // The rounds that wait find files already parsed (the files are tiny; the longest wait is 38 ms).
        #expect(totalHandedOver > 0)
    }
}

@Suite struct PrefetchedMergeTests {
    private func merge(_ path: String, prefetched: ProviderFilePrefetch.Outcome?) throws -> ProviderReport {
        let directory = try TemporaryDirectory()
        let syncer = ModelsDevSyncer(cacheDirectory: URL(fileURLWithPath: directory.file("cache")))
        let merger = ConfigMerger(fileID: "anthropic", desired: ConfigMergerTests.provider([ConfigMergerTests.sonnet]))
        var report = ProviderReport(provider: "anthropic", upstream: "anthropic", file: path, status: .unchanged)
        _ = syncer.merge(merger, path: path, display: path, report: &report, prefetched: prefetched)
        return report
    }

    @Test func aPrefetchedFileIsMergedWithoutReadingItAgain() throws {
        // The path does not exist: only the prefetched bytes can make this an update rather than a new file.
        let bytes = Array("provider: anthropic\nmodels: {}\n".utf8)
        let document = try YAMLDocument(bytes: bytes, path: "/nonexistent/anthropic.yml")
        let report = try merge("/nonexistent/anthropic.yml", prefetched: .success((bytes, document)))
        #expect(report.status == .updated)
        #expect(report.added == ["claude-sonnet-4-5"])
    }

    @Test func aPrefetchErrorIsTheFilesErrorUnlessTheFileIsGoneSinceThen() throws {
        let directory = try TemporaryDirectory()
        try directory.write("anthropic.yml", "models: [\n")
        let path = directory.file("anthropic.yml")
        let failure = YAMLError.invalidEdit(path: path, message: "stand-in for a read or parse error")

        let present = try merge(path, prefetched: .failure(failure))
        #expect(present.status == .error)
        #expect(present.error == failure.description)

        // Removed between the prefetch and the merge: a new file, as a run without the prefetch would make it.
        let gone = try merge(directory.file("gone.yml"), prefetched: .failure(failure))
        #expect(gone.status == .created)
    }
}
