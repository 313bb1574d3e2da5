import Diagnostics
import Foundation
import LosslessYAML
import TestSupport
import Testing

@testable import ModelsyncApp

/// `ProviderFilePrefetch`: in every interleaving of the prefetch thread with `take(_:)` and `stop()`, each file is
/// handed over at most once, exactly as reading and parsing it directly would give it (errors included), and a file
/// the thread has not reached is left to the caller and never parsed by the thread afterwards.
///
/// The interleavings are made with the `beforeEach` hook, which holds the thread before a chosen file until the test
/// has made its calls, so each one is the same on every run and named in the test's arguments.
@Suite struct ProviderFilePrefetchTests {
    @Test(arguments: PrefetchInterleaving.all)
    func eachFileIsHandedOverAtMostOnceAsReadingItDirectlyWould(_ interleaving: PrefetchInterleaving) throws {
        let files = try PrefetchFiles()
        let gate = PauseGate(pausesBefore: interleaving.pauseBefore.map { files.paths[$0] })
        let prefetch = ProviderFilePrefetch(files: files.paths, beforeEach: gate.hook)

        if interleaving.pauseBefore != nil {
            gate.waitUntilPaused()
        } else {
            prefetch.waitUntilFinished()
        }
        // The thread is held before file `pauseBefore` (or has finished): the files before it are parsed, the others
        // not reached.
        let reached = interleaving.pauseBefore ?? files.paths.count
        for index in interleaving.takenWhilePaused {
            let outcome = prefetch.take(files.paths[index])
            if index < reached {
                let handedOver = try #require(outcome, "file \(index) was parsed but not handed over")
                try files.expectSameAsReadingDirectly(handedOver, index: index)
            } else {
                #expect(outcome == nil, "file \(index) was not reached yet but handed over")
            }
        }
        if interleaving.stopsWhilePaused { prefetch.stop() }
        gate.resume()
        prefetch.waitUntilFinished()

        // Everything not taken above is parsed by now, unless the thread stopped before reaching it.
        let parsedAfterwards = interleaving.stopsWhilePaused ? reached : files.paths.count
        for index in files.paths.indices.reversed() {
            let outcome = prefetch.take(files.paths[index])
            if interleaving.takenWhilePaused.contains(index) {
                #expect(outcome == nil, "file \(index) was handed over twice, or parsed after being claimed")
            } else if index < parsedAfterwards {
                let handedOver = try #require(outcome, "file \(index) was parsed but not handed over")
                try files.expectSameAsReadingDirectly(handedOver, index: index)
            } else {
                #expect(outcome == nil, "file \(index) was parsed after stop()")
            }
        }
        for (index, path) in files.paths.enumerated() {
            #expect(prefetch.take(path) == nil, "file \(index) was handed over twice")
        }
        // The hook runs before every file (claimed ones too) up to the stop.
        let seen = interleaving.stopsWhilePaused ? Array(files.paths.prefix(reached + 1)) : files.paths
        #expect(gate.filesSeen == seen)
    }

    @Test func aFileClaimedFromAnotherThreadBeforeTheThreadReachesItIsNeverParsed() throws {
        let files = try PrefetchFiles()
        let claimed = files.paths[8]
        let box = PrefetchBox()
        // Before file 2, a merge thread (here the prefetch thread itself, in its hook) claims the well-formed file 8.
        let prefetch = ProviderFilePrefetch(files: files.paths) { file in
            if file == files.paths[2] { box.claimedOutcome = box.prefetch?.take(claimed) }
        }
        box.store(prefetch)
        prefetch.waitUntilFinished()
        #expect(box.claimedOutcome == nil)
        #expect(prefetch.take(claimed) == nil)
        for (index, path) in files.paths.enumerated() where path != claimed {
            let handedOver = try #require(prefetch.take(path), "file \(index) was not handed over")
            try files.expectSameAsReadingDirectly(handedOver, index: index)
        }
    }

    @Test func aFileWhoseReadingHasBegunIsHandedOverNotLeftToTheCaller() throws {
        let directory = try TemporaryDirectory()
        try directory.write("a.yml", "models: {}\n")
        // A named pipe: the thread's read cannot get past opening it until the test opens the other end, so once the
        // test's `open` returns, the thread is reading the file.
        try #require(mkfifo(directory.file("pipe.yml"), 0o644) == 0)
        let paths = ["a.yml", "pipe.yml"].map { ResolvedPath($0, workingDirectory: directory.path) }
        let prefetch = ProviderFilePrefetch(files: paths)
        let writer = open(paths[1].absolute, O_WRONLY | O_CLOEXEC)
        #expect(writer >= 0)
        close(writer)
        // Whether `take` waits for the read or finds it done, the file is the prefetch's to hand over: a caller that
        // read it again would read it twice.
        #expect(prefetch.take(paths[1]) != nil)
        #expect(prefetch.take(paths[1]) == nil)
        prefetch.waitUntilFinished()
        #expect(prefetch.take(paths[0]) != nil)
    }
}

/// One interleaving of the prefetch thread with the test: the thread is held before file `pauseBefore` (`nil`: it
/// runs to the end first) while the test takes `takenWhilePaused` in that order, then stops the prefetch when
/// `stopsWhilePaused`, then lets the thread go on.
struct PrefetchInterleaving: Sendable, CustomTestStringConvertible {
    var pauseBefore: Int?
    var takenWhilePaused: [Int]
    var stopsWhilePaused: Bool

    var testDescription: String {
        "pause before \(pauseBefore.map(String.init) ?? "none"), take \(takenWhilePaused)"
            + (stopsWhilePaused ? ", stop" : "")
    }

    /// Every pause point, with no take, every other file, the files from the last, and every file; with and
    /// without a stop.
    static let all: [PrefetchInterleaving] = {
        let count = PrefetchFiles.count
        let takes: [[Int]] = [
            [], Array(stride(from: 0, to: count, by: 2)), Array((0..<count).reversed()), Array(0..<count), [1, 5, 6],
        ]
        var result: [PrefetchInterleaving] = []
        for pause in Array(0..<count).map(Optional.some) + [nil] {
            for taken in takes {
                for stops in [false, true] where pause != nil || !stops {
                    result.append(
                        PrefetchInterleaving(pauseBefore: pause, takenWhilePaused: taken, stopsWhilePaused: stops))
                }
            }
        }
        return result
    }()
}

/// A models directory of provider files of every kind the merge meets: well-formed, empty, a duplicate key, tab
/// indentation, a syntax error, one that is missing and one that is a directory; shown as `models/<name>`.
final class PrefetchFiles: Sendable {
    private enum Entry {
        case text(String)
        case missing
        case directory
    }

    private static let entries: [Entry] = [
        .text("provider: p0\nmodels:\n  m0: {}\n"),
        .text("models:\n  a: 1\n  a: 2\n"),
        .text("provider: p2\nmodels:\n  m2:\n    name: Model 2\n    limit: { context: 128000 }\n"),
        .missing,
        .text("models:\n\tm4: {}\n"),
        .text("models: [\n"),
        .text(""),
        .directory,
        .text("provider: p8\n"),
    ]

    static var count: Int { entries.count }

    let directory: TemporaryDirectory
    let paths: [ResolvedPath]

    init() throws {
        directory = try TemporaryDirectory()
        var paths: [ResolvedPath] = []
        for (index, entry) in Self.entries.enumerated() {
            let name = "models/p\(index).yml"
            switch entry {
            case .text(let text): try directory.write(name, text)
            case .missing: break
            case .directory:
                try FileManager.default.createDirectory(at: directory.path(name), withIntermediateDirectories: true)
            }
            paths.append(ResolvedPath(name, workingDirectory: directory.path))
        }
        self.paths = paths
    }

    /// Checks that `outcome` is what reading and parsing file `index` directly gives.
    func expectSameAsReadingDirectly(
        _ outcome: ProviderFilePrefetch.Outcome, index: Int, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let file = paths[index]
        let direct = Result { () throws -> (bytes: [UInt8], document: YAMLDocument) in
            let bytes = try Workspace.readProviderFile(file)
            return (bytes, try YAMLDocument(bytes: bytes, path: file.shown))
        }
        switch (outcome, direct) {
        case (.success(let prefetched), .success(let read)):
            #expect(prefetched.bytes == read.bytes, "file \(index)", sourceLocation: sourceLocation)
            #expect(prefetched.document.bytes == read.bytes, "file \(index)", sourceLocation: sourceLocation)
        case (.failure(let prefetched), .failure(let read)):
            let prefetchedDiagnostic = try #require(
                (prefetched as? DiagnosticConvertible)?.diagnostic, sourceLocation: sourceLocation)
            let readDiagnostic = try #require(
                (read as? DiagnosticConvertible)?.diagnostic, sourceLocation: sourceLocation)
            #expect(prefetchedDiagnostic == readDiagnostic, "file \(index)", sourceLocation: sourceLocation)
            #expect(prefetchedDiagnostic.path == file.shown, "file \(index)", sourceLocation: sourceLocation)
        default:
            Issue.record(
                "file \(index): prefetched \(outcome) but reading directly gave \(direct)",
                sourceLocation: sourceLocation)
        }
    }
}

/// Holds the prefetch thread before one file until the test resumes it, and records the files the thread came to.
final class PauseGate: @unchecked Sendable {
    private let pausesBefore: ResolvedPath?
    private let paused = DispatchSemaphore(value: 0)
    private let resumed = DispatchSemaphore(value: 0)
    private let mutex = NSLock()
    private var seen: [ResolvedPath] = []

    init(pausesBefore: ResolvedPath?) {
        self.pausesBefore = pausesBefore
    }

    /// The `beforeEach` hook.
    var hook: @Sendable (ResolvedPath) -> Void {
        { [self] file in
            mutex.withLock { seen.append(file) }
            guard file == pausesBefore else { return }
            paused.signal()
            resumed.wait()
        }
    }

    /// Waits until the thread is held before the file.
    func waitUntilPaused() {
        if pausesBefore != nil { paused.wait() }
    }

    /// Lets the thread go on.
    func resume() {
        if pausesBefore != nil { resumed.signal() }
    }

    /// The files the thread came to, in order.
    var filesSeen: [ResolvedPath] { mutex.withLock { seen } }
}

/// A prefetch for its own hook to use, given once it is made; and what the hook got.
final class PrefetchBox: @unchecked Sendable {
    private let stored = DispatchSemaphore(value: 0)
    private var value: ProviderFilePrefetch?
    private let mutex = NSLock()
    private var outcome: ProviderFilePrefetch.Outcome?

    func store(_ prefetch: ProviderFilePrefetch) {
        value = prefetch
        stored.signal()
    }

    /// The prefetch, once stored.
    var prefetch: ProviderFilePrefetch? {
        stored.wait()
        defer { stored.signal() }
        return value
    }

    var claimedOutcome: ProviderFilePrefetch.Outcome? {
        get { mutex.withLock { outcome } }
        set { mutex.withLock { outcome = newValue } }
    }
}
