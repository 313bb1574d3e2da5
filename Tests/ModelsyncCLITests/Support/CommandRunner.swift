import Foundation
import ModelsDevCatalog
import ModelsyncApp
import SafeFiles
import TestSupport
import Testing

@testable import ModelsyncCLI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs `modelsync` commands in a temporary directory of their own, with a cache directory of their own: in-process
/// by default (``run(_:environment:stdin:terminal:typing:)``), or as the built binary where only a process shows what
/// is tested (``runProcess(_:environment:stdin:onStart:)``, the pseudo-terminal runs).
///
/// In-process runs go through the same entry point as the binary's `main` (``CommandLineEntry``), with the
/// directory as their working directory, the runner's environment variables, the given standard input, captured
/// output streams, and catalog files decoded once per test process.
final class CommandRunner: Sendable {
    /// What a run printed and how it ended.
    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
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

    /// Catalog files decoded by the in-process runs of this test process, shared by every runner.
    static let decodedCatalogs = DecodedCatalogMemo()

    let directory: TemporaryDirectory
    /// `MODELSYNC_CACHE_DIR` for every run.
    let cacheDirectory: URL
    /// The `nice` value of every process run: heavy end-to-end runs yield the processor to the rest of the suite.
    let niceness: Int32

    /// Where this runner's processes wait for their turn.
    let slots: ProcessSlots

    /// A runner whose processes run with `nice` value `niceness`, taking turns in `slots`.
    init(niceness: Int32 = 10, slots: ProcessSlots = .shared) throws {
        directory = try TemporaryDirectory("modelsync-cli")
        cacheDirectory = directory.path("cache")
        self.niceness = niceness
        self.slots = slots
    }

    /// The environment of every run: `HOME` and the cache inside the temporary directory, nothing inherited but
    /// `PATH`, no catalog history (the history's own tests name one with `--history` or `MODELSYNC_HISTORY`), plus
    /// `extra`.
    func environment(_ extra: [String: String]) -> [String: String] {
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": directory.url.path,
            "MODELSYNC_CACHE_DIR": cacheDirectory.path,
            "MODELSYNC_HISTORY": "off",
        ]
        environment.merge(extra) { _, new in new }
        return environment
    }

    /// Runs `modelsync arguments…` in-process in the temporary directory (or its `subdirectory`) with `stdin` as
    /// standard input (empty if `nil`); `terminal` says which streams are terminals (none by default); `typing` are
    /// the lines a prompt reads; `now` is the run's clock.
    func run(
        _ arguments: [String], environment extra: [String: String] = [:], stdin: Data? = nil,
        terminal: TerminalDescription = .none, typing lines: [String] = [],
        lockWaiting: DirectoryLock.Waiting = .system, in subdirectory: String? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) async throws -> Result {
        let output = CapturedStream()
        let errors = CapturedStream()
        let input = stdin ?? Data()
        let typed = ScriptedLines(lines)
        let workingDirectory = subdirectory.map { directory.path($0).path } ?? directory.url.path
        let environment = RunEnvironment(
            workingDirectory: workingDirectory, variables: self.environment(extra),
            readStandardInput: { limit throws(CatalogError) in
                guard input.count <= limit else {
                    throw CatalogError.unreadable(path: "standard input", reason: "it is larger than the limit")
                }
                return input
            }, now: now, lockWaiting: lockWaiting, decodedCatalogs: Self.decodedCatalogs)
        let context = CommandContext(
            environment: environment, output: output, errors: errors, readLine: { typed.next() }, terminal: terminal,
            helpWidth: 80)
        let status = await CommandLineEntry.run(arguments, context: context)
        return Result(status: status, stdout: output.text, stderr: errors.text)
    }

    /// Runs the built `modelsync arguments…` as a process in the temporary directory with `stdin` as standard input
    /// (empty if `nil`).
    ///
    /// Waits for one of the ``ProcessSlots``, then waits for the process without holding a thread of the
    /// cooperative pool. `onStart` is called once the process runs.
    func runProcess(
        _ arguments: [String], environment extra: [String: String] = [:], stdin: Data? = nil,
        launcher: URL? = nil, onStart: (@Sendable () -> Void)? = nil
    ) async throws -> Result {
        try await slots.run {
            try await self.launch(arguments, environment: extra, stdin: stdin, launcher: launcher, onStart: onStart)
        }
    }

    private func launch(
        _ arguments: [String], environment extra: [String: String], stdin: Data?, launcher: URL?,
        onStart: (@Sendable () -> Void)?
    ) async throws -> Result {
        let process = try makeProcess(arguments, environment: extra, launcher: launcher)
        let output = Pipe()
        let errors = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        let outputData = ReadAll(output.fileHandleForReading)
        let errorData = ReadAll(errors.fileHandleForReading)
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { process in
                continuation.resume(
                    returning: Result(
                        status: process.terminationStatus, stdout: String(decoding: outputData.wait(), as: UTF8.self),
                        stderr: String(decoding: errorData.wait(), as: UTF8.self)))
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

    /// Runs the built `modelsync arguments…` with stdout and stderr on a pseudo-terminal; returns what it printed.
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

    /// Runs the built binary as a user without privileges (`nobody`, through `setpriv`) when the tests run as root,
    /// so that file permissions apply to it; as the tests' own user otherwise.
    func runProcessUnprivileged(_ arguments: [String], environment extra: [String: String] = [:]) async throws
        -> Result
    {
        guard geteuid() == 0 else { return try await runProcess(arguments, environment: extra) }
        let executable = try #require(Self.executable, "the modelsync binary is not next to the test bundle")
        return try await runProcess(
            ["--reuid=65534", "--regid=65534", "--clear-groups", executable.path] + arguments, environment: extra,
            launcher: URL(fileURLWithPath: "/usr/bin/setpriv"))
    }

    func makeProcess(_ arguments: [String], environment extra: [String: String], launcher: URL? = nil) throws
        -> Process
    {
        let executable = try #require(Self.executable, "the modelsync binary is not next to the test bundle")
        let process = Process()
        process.executableURL = launcher ?? executable
        process.arguments = arguments
        process.environment = environment(extra)
        process.currentDirectoryURL = directory.url
        return process
    }
}

/// Lines a prompt reads, one per call, then the end of input.
private final class ScriptedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String]

    init(_ lines: [String]) {
        self.lines = lines
    }

    func next() -> String? {
        lock.withLock { lines.isEmpty ? nil : lines.removeFirst() }
    }
}

extension TerminalDescription {
    /// Standard input, output and error all on one terminal `width` columns wide.
    static func interactive(width: Int = 80) -> TerminalDescription {
        TerminalDescription(
            outputIsTerminal: true, errorsAreTerminal: true, inputIsTerminal: true, outputWidth: width)
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
        let slave = open(
            String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self), O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw ServerError(operation: "open pty") }
        return (master, slave)
    }
}
