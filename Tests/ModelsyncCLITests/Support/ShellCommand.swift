import Foundation

/// A program found on `PATH` (`git`, `bash`, `pre-commit`) run in a directory with exactly the environment a test
/// gives it: the workflow scripts and the integrations, run as a person or a CI job would run them.
enum ShellCommand {
    /// What a run printed and how it ended.
    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// A run that was expected to succeed and did not.
    struct Failed: Error, CustomStringConvertible {
        var command: String
        var result: Result
        var description: String { "\(command) exited \(result.status): \(result.stderr)\(result.stdout)" }
    }

    /// Runs `program arguments…` in `directory` with `environment` (its `PATH` finds the program), off the
    /// cooperative pool; never throws for a non-zero exit.
    static func run(
        _ program: String, _ arguments: [String], in directory: URL, environment: [String: String]
    ) async throws -> Result {
        try await offPool { try runBlocking(program, arguments, in: directory, environment: environment) }
    }

    /// Runs `program arguments…` like ``run(_:_:in:environment:)`` and returns its standard output, or throws
    /// ``Failed`` when it exits non-zero.
    @discardableResult
    static func output(
        _ program: String, _ arguments: [String], in directory: URL, environment: [String: String]
    ) async throws -> String {
        let result = try await run(program, arguments, in: directory, environment: environment)
        guard result.status == 0 else {
            throw Failed(command: ([program] + arguments).joined(separator: " "), result: result)
        }
        return result.stdout
    }

    /// Standard output and error go to files, so that a full pipe never blocks the program.
    private static func runBlocking(
        _ program: String, _ arguments: [String], in directory: URL, environment: [String: String]
    ) throws -> Result {
        let streams = FileManager.default.temporaryDirectory
            .appendingPathComponent("modelsync-shell-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: streams, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: streams) }
        let outputURL = streams.appendingPathComponent("stdout")
        let errorURL = streams.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        let errors = try FileHandle(forWritingTo: errorURL)
        defer {
            try? output.close()
            try? errors.close()
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        process.environment = environment
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
    }
}
