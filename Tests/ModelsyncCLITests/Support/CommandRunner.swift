import CatalogTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs the built `modelsync` binary in its own temporary directory, with its own cache directory.
final class CommandRunner: Sendable {
    /// What a run printed and how it ended.
    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Seconds from starting the process to its end (not counting the wait for a free slot).
        var elapsed: TimeInterval = 0
    }

    /// The binary, next to the test bundle in the build products directory.
    static let executable: URL? = {
        var directories: [URL] = []
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        directories.append(Bundle.main.bundleURL)
        directories += Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        return directories.map { $0.appendingPathComponent("modelsync") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    let directory: TemporaryDirectory
    /// `MODELSYNC_CACHE_DIR` for every run.
    let cacheDirectory: URL
    /// The `nice` value of every run: heavy end-to-end runs yield the processor to tests that measure time.
    let niceness: Int32

    /// Where this runner's processes wait for their turn.
    let slots: ProcessSlots

    /// A runner whose processes run with `nice` value `niceness` (10 unless told: these tests measure behaviour,
    /// not speed, and share the machine with tests that do measure time), taking turns in `slots`.
    init(niceness: Int32 = 10, slots: ProcessSlots = .shared) throws {
        directory = try TemporaryDirectory("modelsync-cli")
        cacheDirectory = directory.path("cache")
        self.niceness = niceness
        self.slots = slots
    }

    /// The environment of every run: `HOME` and the cache inside the temporary directory, nothing inherited but
    /// `PATH`, plus `extra`.
    func environment(_ extra: [String: String]) -> [String: String] {
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": directory.url.path,
            "MODELSYNC_CACHE_DIR": cacheDirectory.path,
        ]
        environment.merge(extra) { _, new in new }
        return environment
    }

    /// Runs `modelsync arguments…` in the temporary directory with `stdin` as standard input (empty if `nil`).
    ///
    /// Waits for one of the ``ProcessSlots``, then waits for the process without holding a thread of the
    /// cooperative pool, so that tests running beside it keep theirs.
    /// `onStart` is called once the process runs.
    func run(
        _ arguments: [String], environment extra: [String: String] = [:], stdin: Data? = nil,
        onStart: (@Sendable () -> Void)? = nil
    ) async throws -> Result {
        try await slots.run {
            try await self.launch(arguments, environment: extra, stdin: stdin, onStart: onStart)
        }
    }

    private func launch(
        _ arguments: [String], environment extra: [String: String], stdin: Data?, onStart: (@Sendable () -> Void)?
    ) async throws -> Result {
        let process = try makeProcess(arguments, environment: extra)
        let output = Pipe()
        let errors = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        let outputData = ReadAll(output.fileHandleForReading)
        let errorData = ReadAll(errors.fileHandleForReading)
        let start = Date()
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { process in
                let elapsed = Date().timeIntervalSince(start)
                continuation.resume(
                    returning: Result(
                        status: process.terminationStatus, stdout: String(decoding: outputData.wait(), as: UTF8.self),
                        stderr: String(decoding: errorData.wait(), as: UTF8.self), elapsed: elapsed))
            }
            do {
                try process.run()
                lowerPriority(of: process)
                onStart?()
                input.fileHandleForWriting.write(stdin ?? Data())
                try input.fileHandleForWriting.close()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
    }

    /// Runs `modelsync arguments…` with stdout and stderr on a pseudo-terminal; returns what it printed.
    func runOnTerminal(_ arguments: [String], environment extra: [String: String] = [:]) async throws -> Result {
        try await slots.run {
            try await self.converse(arguments, turns: [], environment: extra, timeout: 120, inputFromTerminal: false)
        }
    }

    /// Gives a started process this runner's `nice` value.
    func lowerPriority(of process: Process) {
        guard niceness > 0 else { return }
        #if canImport(Glibc)
            setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(process.processIdentifier), niceness)
        #else
            setpriority(PRIO_PROCESS, id_t(process.processIdentifier), niceness)
        #endif
    }

    func makeProcess(_ arguments: [String], environment extra: [String: String]) throws -> Process {
        let executable = try #require(Self.executable, "the modelsync binary is not next to the test bundle")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment(extra)
        process.currentDirectoryURL = directory.url
        return process
    }
}

/// Reads a pipe to its end on a background thread, so that a full pipe never blocks the child.
private final class ReadAll: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }.start()
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}

/// Opens a pseudo-terminal pair through the C library's POSIX functions, which Swift's Glibc module leaves out
/// (they need `_XOPEN_SOURCE`).
enum PseudoTerminal {
    private typealias OpenFunction = @convention(c) (Int32) -> Int32
    private typealias NameFunction = @convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32

    /// The controlling side and the terminal side, both open for reading and writing.
    static func make() throws -> (master: Int32, slave: Int32) {
        let library = dlopen(nil, RTLD_NOW)
        guard let openSymbol = dlsym(library, "posix_openpt"), let grantSymbol = dlsym(library, "grantpt"),
            let unlockSymbol = dlsym(library, "unlockpt"), let nameSymbol = dlsym(library, "ptsname_r")
        else { throw ServerError(operation: "dlsym posix_openpt") }
        let openPT = unsafeBitCast(openSymbol, to: OpenFunction.self)
        let grantPT = unsafeBitCast(grantSymbol, to: OpenFunction.self)
        let unlockPT = unsafeBitCast(unlockSymbol, to: OpenFunction.self)
        let ptsName = unsafeBitCast(nameSymbol, to: NameFunction.self)
        let master = openPT(O_RDWR | O_NOCTTY)
        guard master >= 0, grantPT(master) == 0, unlockPT(master) == 0 else {
            throw ServerError(operation: "posix_openpt")
        }
        var name = [CChar](repeating: 0, count: 128)
        guard ptsName(master, &name, name.count) == 0 else { throw ServerError(operation: "ptsname_r") }
        let slave = open(String(cString: name), O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw ServerError(operation: "open pty") }
        return (master, slave)
    }
}
