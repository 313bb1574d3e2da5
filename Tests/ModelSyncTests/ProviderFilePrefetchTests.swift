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
