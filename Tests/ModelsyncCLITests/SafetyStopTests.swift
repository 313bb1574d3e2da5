import Foundation
import TestSupport
import Testing

/// The safety stop against a broken catalog (docs/merge-rules.md#rule-5-safety-stop), with the built binary.
struct SafetyStopTests {
    /// `providers` of a snapshot as a catalog of their own.
    static func catalog(_ snapshot: String, providers: [String]) async throws -> Data {
        let source = try await Snapshot.load(snapshot)
        let members = try providers.map { id in PlainMember(id, try #require(source.provider(id))) }
        return Data(PlainValue.object(members).description.utf8)
    }

    @Test func aCatalogOfFewerThanTenProvidersIsRefusedUnlessAllowShrinkIsGiven() async throws {
        let runner = try await SyncBadInputTests.bootstrapped()
        try await Self.catalog("api-2026-01-05.json", providers: ["anthropic", "deepseek", "xai"])
            .write(to: runner.directory.path("three.json"))
        let before = try runner.modelsState()
        let cacheBefore = try DirectoryState.capture(runner.cacheDirectory)
        let message =
            "three.json: error: the catalog lists only 3 providers (fewer than 10); refusing it, no file touched. "
            + "If this is intended, pass --allow-shrink\n"

        for command in ["sync", "check"] {
            let result = try await runner.run([command, "--source", "three.json"])
            #expect(result.status == 2, "\(command)")
            #expect(result.stderr == message, "\(command)")
            #expect(result.stdout.isEmpty, "\(command)")
        }
        #expect(try runner.modelsState() == before)
        #expect(try DirectoryState.capture(runner.cacheDirectory) == cacheBefore)

        let allowed = try await runner.run(["sync", "--quiet", "--source", "three.json", "--allow-shrink"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(
            allowed.stdout.split(separator: "\n").filter { $0.hasPrefix("config/models/") }.count == 3,
            "\(allowed.stdout)")
        try await runner.run(["check", "--source", SyncBadInputTests.new], expecting: 0)
    }

    @Test func aCatalogWithUnderHalfTheModelsOfTheLastAcceptedOneFromTheSameSourceIsRefused() async throws {
        let runner = try CommandRunner()
        let path = runner.directory.path("api.json")
        try Fixtures.modelsDevData("api-2026-01-05.json").write(to: path)
        try await runner.run(
            ["sync", "--quiet", "--source", "api.json", "--provider", "anthropic", "--provider", "deepseek"],
            expecting: 0)

        // The same file now holds 452 models where 2,033 were accepted.
        try Fixtures.modelsDevData("api-2025-08-03.json").write(to: path)
        let before = try runner.modelsState()
        let cacheBefore = try DirectoryState.capture(runner.cacheDirectory)
        let refusal =
            "error: the catalog lists 452 models, fewer than half of the 2033 in the last catalog accepted from this "
            + "source; refusing it, no file touched. If this is intended, pass --allow-shrink\n"
        for arguments in [
            ["sync", "--source", "api.json"], ["check", "--source", "api.json"], ["check", "--source", path.path],
        ] {
            let result = try await runner.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr == "\(arguments[2]): \(refusal)", "\(arguments)")
        }

        // check applies the stop but records nothing: after an allowed check the stop still holds.
        let allowedCheck = try await runner.run(["check", "--quiet", "--source", "api.json", "--allow-shrink"])
        #expect(allowedCheck.status == 1, "\(allowedCheck.stderr)")
        #expect(try DirectoryState.capture(runner.cacheDirectory) == cacheBefore)
        let stillRefused = try await runner.run(["sync", "--source", "api.json"])
        #expect(stillRefused.status == 2, "\(stillRefused.stderr)")
        #expect(try runner.modelsState() == before)

        // Another source has no memory of its own yet.
        try Fixtures.modelsDevData("api-2025-08-03.json").write(to: runner.directory.path("other.json"))
        try await runner.run(["check", "--quiet", "--source", "other.json"], expecting: 1)

        // Accepting the smaller catalog makes it the new reference.
        try await runner.run(["sync", "--quiet", "--source", "api.json", "--allow-shrink"], expecting: 0)
        try await runner.run(["sync", "--quiet", "--source", "api.json"], expecting: 0)
        try await runner.run(["check", "--source", "api.json"], expecting: 0)
    }

    @Test func aRefusedDownloadNeverReplacesTheCachedCatalog() async throws {
        let runner = try CommandRunner()
        let big = try Fixtures.modelsDevData("api-2026-01-05.json")
        let small = try Fixtures.modelsDevData("api-2025-08-03.json")
        let server = try LoopbackHTTPServer(script: [.json(big, etag: "\"big\""), .json(small, etag: "\"small\"")])
        defer { server.stop() }
        let source = server.url().absoluteString

        let first = try await runner.run(
            ["sync", "--json", "--source", source, "--provider", "deepseek"], expecting: 0)
        let provenance = try #require(try PlainJSON.parse(Data(first.stdout.utf8))["source"])
        #expect(provenance["url"] == .string(source))
        #expect(provenance["from_cache"] == .bool(false))
        #expect(provenance["etag"] == .string("\"big\""))
        #expect(provenance["fetched_at"]?.stringValue?.hasSuffix("Z") == true, "\(provenance)")
        #expect((provenance["age_seconds"]?.doubleValue ?? -1) >= 0)
        let cache = try DirectoryState.capture(runner.cacheDirectory)
        let models = try runner.modelsState()

        let refused = try await runner.run(["sync", "--source", source, "--max-age", "0"])
        #expect(refused.status == 2)
        #expect(
            refused.stderr.hasSuffix(
                "\(source): error: the catalog lists 452 models, fewer than half of the 2033 in the last catalog "
                    + "accepted from this source; refusing it, no file touched. If this is intended, pass "
                    + "--allow-shrink\n"), "\(refused.stderr)")
        #expect(server.requestCount == 2)
        #expect(try DirectoryState.capture(runner.cacheDirectory) == cache, "the refused body is not cached")
        #expect(try runner.modelsState() == models)

        let offline = try await runner.run(["check", "--json", "--offline", "--source", source], expecting: 0)
        let cached = try #require(try PlainJSON.parse(Data(offline.stdout.utf8))["source"])
        #expect(cached["from_cache"] == .bool(true))
        #expect(cached["etag"] == .string("\"big\""))
    }
}
