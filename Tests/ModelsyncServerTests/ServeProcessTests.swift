import Foundation
import TestSupport
import Testing

/// `modelsync serve` as the built binary (which runs `modelsync-serve` beside it): SIGTERM while a request is in
/// flight lets that request finish, then the process exits 0.
struct ServeProcessTests {
    /// The `modelsync` binary, next to the test bundle in the build products directory.
    static let executable: URL? = {
        var directories: [URL] = []
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        directories.append(Bundle.main.bundleURL)
        directories += Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        return directories.map { $0.appendingPathComponent("modelsync") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    @Test func sigtermDuringARequestLetsItFinishThenExitsZero() async throws {
        let executable = try #require(Self.executable, "the modelsync binary is not next to the test bundle")
        let root = try TemporaryDirectory("modelsync-serve-process")
        let catalog = try Fixtures.modelsDevData("api-2026-07-02.json")
        // The second download, the refresh's, waits at the gate: a request in flight for as long as the test needs.
        let gate = LoopbackHTTPServer.Gate()
        let upstream = try LoopbackHTTPServer(script: [
            .json(catalog, etag: "\"one\""), .after(gate, .json(catalog, etag: "\"two\"")),
        ])
        defer {
            gate.open()
            upstream.stop()
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = [
            "serve", "--port", "0", "--source", upstream.url().absoluteString, "--config-dir", root.file("config"),
            "--no-history",
        ]
        process.environment = [
            "HOME": root.file("home"), "MODELSYNC_CACHE_DIR": root.file("cache"), "MODELSYNC_SERVE_TOKEN": "t",
            "PATH": "/usr/bin:/bin",
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        var lines = Self.lines(of: errors).makeAsyncIterator()
        var port: Int?
        while port == nil, let line = await lines.next() {
            if line.hasPrefix("listening on http://127.0.0.1:") { port = Int(line.split(separator: ":").last!) }
        }
        let listening = try #require(port)

        let refresh = Task {
            try await LoopbackHTTPClient.fetch(
                port: listening, "/api/v1/refresh", method: "POST", headers: [("Authorization", "Bearer t")])
        }
        // The refresh has reached upstream: it is in flight.
        await Task.detached { upstream.waitForRequests(2) }.value
        kill(process.processIdentifier, SIGTERM)
        var signalled = false
        while !signalled, let line = await lines.next() {
            signalled = line.contains("received SIGTERM")
        }
        #expect(signalled)
        gate.open()

        let response = try await refresh.value
        #expect(response.status == 200, "\(response.text)")
        #expect(response.text.contains("\"result\":\"unchanged\""), "\(response.text)")
        await Task.detached { process.waitUntilExit() }.value
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        // Nothing listens any more.
        await #expect(throws: LoopbackHTTPClient.Failure.self) {
            try await LoopbackHTTPClient.fetch(port: listening, "/healthz")
        }
    }

    /// The lines `pipe` carries, read on a thread of their own so that no cooperative thread blocks.
    static func lines(of pipe: Pipe) -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self)
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread {
            var buffer = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer += chunk
                while let newline = buffer.firstIndex(of: 0x0A) {
                    continuation.yield(String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self))
                    buffer = Data(buffer[buffer.index(after: newline)...])
                }
            }
            continuation.finish()
        }
        return stream
    }
}
