import CatalogHistory
import Foundation
import ModelsDevCatalog
import ModelsyncApp
import ModelsyncServer
import ModelsyncService
import TestSupport
import Testing

/// `POST /api/v1/refresh` through the real server: a loopback catalog server sends the 2026-01-05 snapshot, then
/// the 2026-07-02 one; the refresh swaps the served catalog whole and records both in the history.
struct ServerRefreshTests {
    @Test func aRefreshSwapsTheCatalogAndRecordsItInTheHistory() async throws {
        let root = try TemporaryDirectory("modelsync-refresh")
        let upstream = try LoopbackHTTPServer(script: [
            .json(try Fixtures.modelsDevData("api-2026-01-05.json"), etag: "\"january\""),
            .json(try Fixtures.modelsDevData("api-2026-07-02.json"), etag: "\"july\""),
        ])
        defer { upstream.stop() }
        var options = RunOptions()
        options.source = upstream.url().absoluteString
        options.configDirectory = root.file("config")
        options.history = root.file("history.sqlite")
        let environment = RunEnvironment(
            workingDirectory: root.path,
            variables: [
                "HOME": root.file("home"), "MODELSYNC_CACHE_DIR": root.file("cache"),
                "MODELSYNC_SERVE_TOKEN": "s3cret",
            ])
        let configuration = try RunConfiguration.resolve(options, writes: false, in: environment)
        let loaded = try await CatalogReader(configuration).load()
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let run = ServeRun(configuration, host: "127.0.0.1", port: 0, shutdownSignals: [])
        let server = Task { try await run.run(loaded) { continuation.yield($0) } }
        defer { server.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let get = { (target: String) in try await LoopbackHTTPClient.fetch(port: port, target) }
        let post = { (headers: [(String, String)]) in
            try await LoopbackHTTPClient.fetch(port: port, "/api/v1/refresh", method: "POST", headers: headers)
        }

        // A model the July catalog added is not served yet.
        let added = "/api/v1/models/anthropic/claude-opus-4-7"
        #expect(try await get(added).status == 404)
        let before = try await get("/api/v1/providers")

        #expect(try await post([]).status == 401)
        #expect(try await post([("Authorization", "Bearer wrong")]).status == 401)
        let refreshed = try await post([("Authorization", "Bearer s3cret")])
        #expect(refreshed.status == 200, "\(refreshed.text)")
        #expect(refreshed.text.contains("\"result\":\"updated\""), "\(refreshed.text)")

        #expect(try await get(added).status == 200)
        let after = try await get("/api/v1/providers")
        #expect(after.header("etag") != before.header("etag"))
        let status = try await get("/api/v1/refresh/status")
        #expect(status.text.contains("\"attempts\":1") && status.text.contains("\"failures\":0"), "\(status.text)")
        let metrics = try await get("/metrics")
        #expect(metrics.text.contains("modelsync_catalog_refreshes_total 1"))
        #expect(metrics.text.contains("modelsync_http_requests_total{route=\"/api/v1/refresh\",status=\"401\"} 2"))

        // The history endpoints, against the two snapshots read independently.
        let january = try RawCatalog(Fixtures.modelsDevData("api-2026-01-05.json")).references
        let july = try RawCatalog(Fixtures.modelsDevData("api-2026-07-02.json")).references
        let changes = try await get("/api/v1/changes?since=2020-01-01")
        #expect(changes.status == 200)
        let counts = try #require(
            (try JSONSerialization.jsonObject(with: Data(changes.body)) as? [String: Any])?["counts"]
                as? [String: Any])
        #expect(counts["models_added"] as? Int == july.subtracting(january).count)
        #expect(counts["models_removed"] as? Int == january.subtracting(july).count)
        let timeline = try await get("/api/v1/history/anthropic/claude-opus-4-7")
        #expect(timeline.status == 200, "\(timeline.text)")
        #expect(timeline.text.contains("\"first_seen\":\""))
        let unchanged = try await LoopbackHTTPClient.fetch(
            port: port, "/api/v1/history/anthropic/claude-opus-4-7",
            headers: [("If-None-Match", timeline.header("etag") ?? "")])
        #expect(unchanged.status == 304)
        let badSince = try await get("/api/v1/changes?since=yesterday")
        #expect(badSince.status == 400)
        #expect(badSince.text.contains("since"), "\(badSince.text)")
        #expect(!badSince.text.contains("--"), "a parameter, not a flag: \(badSince.text)")
        #expect(try await get("/api/v1/history/anthropic/claude-opus-9").status == 404)

        // Both catalogs are in the history: the one served first, and the refresh's.
        let store = try SQLiteHistoryStore(path: root.file("history.sqlite"), create: false)
        let observations = try store.observations(source: upstream.url().absoluteString)
        #expect(observations.map(\.etag) == ["\"january\"", "\"july\""])
    }

    @Test func withoutATokenTheRefreshEndpointIsDisabled() async throws {
        let api = CatalogAPI(freshnessSeconds: 60)
        let response = await api.respond(to: APIRequest(method: "POST", path: "/api/v1/refresh"))
        #expect(response.status == 403)
        #expect(String(decoding: response.body, as: UTF8.self).contains("MODELSYNC_SERVE_TOKEN"))
        let get = await api.respond(to: APIRequest(path: "/api/v1/refresh"))
        #expect(get.status == 405)
        #expect(get.header("allow") == "POST")
    }
}
