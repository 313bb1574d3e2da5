import Foundation
import TestSupport
import Testing

@testable import ModelsDevCatalog

/// The discovery commands load the catalog like sync does: a progress line on a terminal while downloading, and the
/// stale-cache warning when models.dev cannot be reached.
struct DiscoveryNetworkTests {
    @Test func listShowsDownloadProgressOnATerminalOnly() async throws {
        let snapshot = try Fixtures.modelsDevData("api-2026-07-02.json")
        let server = try LoopbackHTTPServer(script: [.json(snapshot), .json(snapshot)])
        defer { server.stop() }
        let source = server.url().absoluteString

        let onTerminal = try await CommandRunner().run(
            ["list", "--provider", "anthropic", "--limit", "1", "--source", source], environment: ["COLUMNS": "120"],
            terminal: .interactive())
        #expect(onTerminal.status == 0)
        // The line is drawn (`\r`, erase line, label, megabytes received) and erased again before the table.
        #expect(onTerminal.stderr.contains("\r\u{1B}[2Kdownloading \(source) "), "\(onTerminal.stderr)")
        #expect(onTerminal.stderr.contains(" MB\r\u{1B}[2K"))
        #expect(onTerminal.stdout.contains("anthropic/"))

        let piped = try await CommandRunner().run([
            "list", "--provider", "anthropic", "--limit", "1", "--source", source,
        ])
        #expect(piped.status == 0)
        #expect(!piped.stderr.contains("\u{1B}"))
        #expect(!piped.stderr.contains("downloading"))
        #expect(server.requestCount == 2)
    }

    @Test(arguments: [
        ["list", "--limit", "1"], ["search", "model"], ["info", "provider-1/model-0"],
        ["compare", "provider-0/model-0", "provider-2/model-1"],
    ])
    func discoveryCommandsUseAStaleCacheWithAWarningWhenTheServerFails(_ arguments: [String]) async throws {
        let runner = try CommandRunner()
        let server = try LoopbackHTTPServer(script: [.status(503), .status(503), .status(503)])
        defer { server.stop() }
        let body = Fixtures.smallCatalog(providers: 3, tag: "cached")
        try CatalogCache(directory: runner.cacheDirectory).store(
            body,
            metadata: CacheMetadata(
                url: server.url().absoluteString, fetchedAt: Date().addingTimeInterval(-(3 * 3_600 + 60)),
                etag: nil, lastModified: nil, size: body.count))

        let result = try await runner.run(arguments + ["--source", server.url().absoluteString])

        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.isEmpty)
        let warning =
            "warning: 127.0.0.1:\(server.port) unreachable: HTTP 503 Service Unavailable (gave up after 3 attempts);"
            + " using the catalog cached 3 h ago"
        #expect(result.stderr.split(separator: "\n").map(String.init).contains(warning), "\(result.stderr)")
        #expect(server.requestCount == 3)
    }
}
