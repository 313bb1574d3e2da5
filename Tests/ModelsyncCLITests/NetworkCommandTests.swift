import Foundation
import TestSupport
import Testing

@testable import ModelsDevCatalog

/// The built binary against a real loopback server: cache status and refresh, offline, require-fresh, no network.
struct NetworkCommandTests {
    private let catalog = Fixtures.smallCatalog(providers: 2, modelsPerProvider: 2)

    /// Seeds the runner's cache with a catalog of `url` fetched `age` seconds ago.
    private func seed(_ runner: CommandRunner, _ url: URL, age: Double = 3 * 3_600 + 60) throws {
        let body = Fixtures.smallCatalog(providers: 3, tag: "cached")
        try CatalogCache(directory: runner.cacheDirectory).store(
            body,
            metadata: CacheMetadata(
                url: url.absoluteString, fetchedAt: Date().addingTimeInterval(-age), etag: "\"old\"",
                lastModified: nil, size: body.count))
    }

    private func cacheFiles(_ runner: CommandRunner) -> [String: Data] {
        var files: [String: Data] = [:]
        for name in runner.directory.files(in: "cache") where name != "accepted" {
            files[name] = FileManager.default.contents(atPath: runner.cacheDirectory.appendingPathComponent(name).path)
        }
        return files
    }

    @Test func cacheStatusBeforeAndAfterARefresh() async throws {
        let runner = try CommandRunner()
        let server = try LoopbackHTTPServer(script: [.json(catalog, etag: "\"abc\"")])
        let source = server.url().absoluteString
        let body = CatalogCache(directory: runner.cacheDirectory).bodyFile(for: server.url()).path

        let before = try await runner.run(["cache", "status", "--source", source])
        #expect(before.status == 0)
        #expect(before.stdout.contains("state:     missing (nothing cached yet; the next run downloads it)\n"))
        #expect(before.stdout.hasPrefix("directory: \(runner.cacheDirectory.path)\nsource:    \(source)\n"))

        let refresh = try await runner.run(["cache", "refresh", "--source", source])
        #expect(refresh.status == 0)
        #expect(refresh.stdout == "refreshed \(source): downloaded 2 providers, 4 models\n")
        #expect(refresh.stderr == "catalog: \(source) (downloaded, ETag \"abc\")\n")

        let after = try await runner.run(["cache", "status", "--source", source])
        #expect(after.status == 0)
        #expect(after.stdout.contains("state:         fresh (fetched "))
        #expect(after.stdout.contains("ago; fresh for 60 min)\n"))
        #expect(after.stdout.contains("body:          \(body)\n"))
        #expect(after.stdout.contains("size:          \(catalog.count) bytes\n"))
        #expect(after.stdout.contains("etag:          \"abc\"\n"))

        let json = try await runner.run(["cache", "status", "--source", source, "--json", "--max-age", "0"])
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["state"] as? String == "stale")
        #expect(object["fresh"] as? Bool == false)
        #expect(object["etag"] as? String == "\"abc\"")
        #expect(object["size_bytes"] as? Int == catalog.count)
        #expect(object["body_file"] as? String == body)
        #expect(server.requestCount == 1, "status never touches the network")
    }

    @Test func aSecondRefreshRevalidatesWithTheETag() async throws {
        let runner = try CommandRunner()
        let server = try LoopbackHTTPServer(script: [.json(catalog, etag: "\"abc\""), .status(304)])
        let source = server.url().absoluteString
        _ = try await runner.run(["cache", "refresh", "--source", source])

        let second = try await runner.run(["cache", "refresh", "--source", source, "--json"])

        #expect(second.status == 0)
        #expect(server.requests.last?.headers["if-none-match"] == "\"abc\"")
        let object = try #require(JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
        #expect(object["result"] as? String == "not_modified")
        #expect((object["source"] as? [String: Any])?["from_cache"] as? Bool == true)
    }

    @Test func aFailedRefreshExits2AndNeverSaysDone() async throws {
        let runner = try CommandRunner()
        let server = try LoopbackHTTPServer(script: [.status(404)])
        try seed(runner, server.url())
        let before = cacheFiles(runner)

        let result = try await runner.run(["cache", "refresh", "--source", server.url().absoluteString])

        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr
                == "error: cache refresh failed: cannot fetch \(server.url()): HTTP 404 Not Found; the cached catalog"
                + " (3 h old) was kept unchanged\n")
        #expect(cacheFiles(runner) == before)
    }

    @Test func aStaleCacheIsUsedWithAWarningWhenTheServerFails() async throws {
        let runner = try CommandRunner()
        let server = try LoopbackHTTPServer(script: [.status(404)])
        try seed(runner, server.url())

        let result = try await runner.run(["providers", "--source", server.url().absoluteString])

        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 4)
        #expect(
            result.stderr.hasSuffix(
                "warning: 127.0.0.1:\(server.port) unreachable: HTTP 404 Not Found; using the catalog cached 3 h ago\n")
        )
    }

    @Test func serverDownAndNoCacheExits2WithTheHint() async throws {
        let runner = try CommandRunner()
        let port = try LoopbackHTTPServer.refusedPort()
        let source = "http://127.0.0.1:\(port)/api.json"

        let result = try await runner.run(["providers", "--source", source])

        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr
                == "error: cannot fetch \(source): cannot connect to 127.0.0.1:\(port) (gave up after 3 attempts);"
                + " no cached catalog to fall back on (hint: --source FILE reads a saved api.json)\n")
    }

    @Test func offlineMakesNoConnection() async throws {
        let runner = try CommandRunner()
        let server = try LoopbackHTTPServer(script: [.json(catalog)])
        try seed(runner, server.url())

        let cached = try await runner.run(["providers", "--offline", "--source", server.url().absoluteString])
        #expect(cached.status == 0)
        #expect(cached.stdout.split(separator: "\n").count == 4)
        #expect(cached.stderr == "catalog: \(server.url()) (cached 3 h ago, stale, --offline, ETag \"old\")\n")

        let emptyRunner = try CommandRunner()
        let none = try await emptyRunner.run(["providers", "--offline", "--source", server.url().absoluteString])
        #expect(none.status == 2)
        #expect(
            none.stderr
                == "error: --offline: no cached catalog for \(server.url()) (hint: run once without --offline,"
                + " or use --source FILE to read a saved api.json)\n")
        #expect(server.requestCount == 0)
    }

    @Test func requireFreshWithAStaleCacheAndTheServerDownExits2() async throws {
        let runner = try CommandRunner()
        let port = try LoopbackHTTPServer.refusedPort()
        let url = try #require(URL(string: "http://127.0.0.1:\(port)/api.json"))
        try seed(runner, url)
        let before = cacheFiles(runner)

        let result = try await runner.run(["providers", "--require-fresh", "--source", url.absoluteString])

        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr
                == "error: 127.0.0.1:\(port) unreachable: cannot connect to 127.0.0.1:\(port) (gave up after 3 attempts);"
                + " the catalog cached from \(url) is 3 h old and --require-fresh forbids using it\n")
        #expect(cacheFiles(runner) == before)
    }

    @Test func cachePathAndClearUseTheCacheDirectory() async throws {
        let runner = try CommandRunner()
        let server = try LoopbackHTTPServer(script: [.json(catalog)])
        try seed(runner, server.url())

        let path = try await runner.run(["cache", "path"])
        #expect(path.status == 0)
        #expect(path.stdout == runner.cacheDirectory.path + "\n")

        let clear = try await runner.run(["cache", "clear"])
        #expect(clear.status == 0)
        #expect(clear.stdout == "removed 1 cached catalog from \(runner.cacheDirectory.path)\n")
        #expect(runner.directory.files(in: "cache").isEmpty)

        let xdg = try await runner.run(
            ["cache", "path", "--json"], environment: ["MODELSYNC_CACHE_DIR": "", "XDG_CACHE_HOME": "/xdg"])
        #expect(xdg.stdout == "{\n  \"directory\": \"/xdg/modelsync\"\n}\n")
    }
}
