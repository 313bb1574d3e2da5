import Diagnostics
import Foundation
import ModelsDevCatalog
import ModelsyncApp
import TestSupport
import Testing

/// `SafetyStop.refusal(of:from:)`: a catalog with fewer than 10 providers, or fewer than half the models of the last
/// catalog accepted from the source, is refused with a message naming the source and the way past it; exactly half
/// passes.
@Suite struct SafetyStopTests {
    private func catalog(providers: Int, modelsPerProvider: Int = 2) throws -> Catalog {
        try Catalog.decode(
            Fixtures.smallCatalog(providers: providers, modelsPerProvider: modelsPerProvider), sourceName: "test")
    }

    private func modelsDev() throws -> CatalogSource {
        try CatalogSource(parsing: "https://models.dev/api.json")
    }

    @Test func aCatalogWithFewerThanTenProvidersIsRefused() throws {
        let small = try catalog(providers: 9)
        #expect(small.providerCount == 9)
        let refusal = try #require(SafetyStop(lastAcceptedModelCount: nil).refusal(of: small, from: try modelsDev()))
        #expect(refusal.severity == .error)
        #expect(refusal.path == "https://models.dev/api.json")
        #expect(
            commandLineRenderer.render(refusal)
                == "https://models.dev/api.json: error: the catalog lists only 9 providers (fewer than 10); refusing "
                + "it, no file touched. If this is intended, pass --allow-shrink")
    }

    @Test func tenProvidersWithoutAnEarlierCatalogPass() throws {
        #expect(
            SafetyStop(lastAcceptedModelCount: nil).refusal(of: try catalog(providers: 10), from: try modelsDev())
                == nil)
        #expect(SafetyStop.minimumProviderCount == 10)
    }

    @Test func aCatalogWithUnderHalfTheLastAcceptedModelsIsRefused() throws {
        let shrunk = try catalog(providers: 10, modelsPerProvider: 2)
        #expect(shrunk.modelCount == 20)
        let refusal = try #require(SafetyStop(lastAcceptedModelCount: 41).refusal(of: shrunk, from: try modelsDev()))
        #expect(
            commandLineRenderer.render(refusal)
                == "https://models.dev/api.json: error: the catalog lists 20 models, fewer than half of the 41 in the "
                + "last catalog accepted from this source; refusing it, no file touched. If this is intended, pass "
                + "--allow-shrink")
        #expect(refusal.message.fragments.last == .option(SafetyStop.allowShrinkOption, value: nil))
    }

    @Test func exactlyHalfTheLastAcceptedModelsPasses() throws {
        let shrunk = try catalog(providers: 10, modelsPerProvider: 2)
        #expect(SafetyStop(lastAcceptedModelCount: 40).refusal(of: shrunk, from: try modelsDev()) == nil)
        #expect(SafetyStop(lastAcceptedModelCount: 39).refusal(of: shrunk, from: try modelsDev()) == nil)
        #expect(SafetyStop(lastAcceptedModelCount: 0).refusal(of: shrunk, from: try modelsDev()) == nil)
    }

    @Test func tooFewProvidersIsTheReasonGivenWhenBothChecksFail() throws {
        let refusal = try #require(
            SafetyStop(lastAcceptedModelCount: 1_000).refusal(of: try catalog(providers: 3), from: try modelsDev()))
        #expect(refusal.message.description.hasPrefix("the catalog lists only 3 providers"))
    }
}

/// `CatalogAcceptance`: a download from a loopback server leaves the cache unwritten until `accept`; a catalog the
/// safety stop refuses never replaces the cache; `record` makes the count the next safety stop compares with.
@Suite struct CatalogAcceptanceTests {
    /// A configuration reading `source`, with its cache inside `root`.
    private func configuration(
        _ source: String, in root: TemporaryDirectory, configure: (inout RunOptions) -> Void = { _ in }
    ) throws -> RunConfiguration {
        var options = RunOptions()
        options.source = source
        configure(&options)
        return try RunConfiguration.resolve(
            options, writes: true, in: environment(in: root, ["MODELSYNC_CACHE_DIR": "cache"]))
    }

    private func bodyFile(_ acceptance: CatalogAcceptance, _ url: URL) -> String {
        acceptance.loader.cache.bodyFile(for: url).path
    }

    @Test func aDownloadLeavesTheCacheUnwrittenUntilAccepted() async throws {
        let root = try TemporaryDirectory()
        let body = Fixtures.smallCatalog(providers: 12)
        let server = try LoopbackHTTPServer(script: [.json(body, etag: "\"v1\"")])
        defer { server.stop() }
        let configuration = try configuration(server.url().absoluteString, in: root)
        #expect(configuration.cacheDirectory.path == root.file("cache"))
        let acceptance = CatalogAcceptance(configuration)

        var loaded = try await acceptance.load(configuration.source, options: configuration.load)
        #expect(loaded.provenance.origin == .downloaded)
        #expect(loaded.catalog.providerCount == 12)
        #expect(loaded.pendingCacheWrite != nil)
        #expect(!FileManager.default.fileExists(atPath: bodyFile(acceptance, server.url())))
        #expect(root.files(in: "cache").isEmpty)

        try acceptance.accept(&loaded, source: configuration.source, allowShrink: false)
        #expect(loaded.pendingCacheWrite == nil)
        #expect(loaded.warnings.isEmpty)
        #expect(FileManager.default.contents(atPath: bodyFile(acceptance, server.url())) == body)

        // The next run finds the accepted catalog fresh in the cache and asks nothing.
        let next = try await acceptance.load(configuration.source, options: configuration.load)
        #expect(next.provenance.origin == .cached)
        #expect(server.requestCount == 1)
    }

    @Test func aRefusedCatalogIsNeverCached() async throws {
        let root = try TemporaryDirectory()
        let server = try LoopbackHTTPServer(script: [.json(Fixtures.smallCatalog(providers: 3))])
        defer { server.stop() }
        let configuration = try configuration(server.url().absoluteString, in: root)
        let acceptance = CatalogAcceptance(configuration)
        var loaded = try await acceptance.load(configuration.source, options: configuration.load)
        let failure = try #require(throws: RunFailure.self) {
            try acceptance.accept(&loaded, source: configuration.source, allowShrink: false)
        }
        #expect(failure.status == .failure)
        #expect(failure.diagnostics.first?.message.description.hasPrefix("the catalog lists only 3 providers") == true)
        #expect(!FileManager.default.fileExists(atPath: bodyFile(acceptance, server.url())))
        #expect(root.files(in: "cache").isEmpty)
    }

    @Test func aRefusedCatalogDoesNotReplaceTheCachedOne() async throws {
        let root = try TemporaryDirectory()
        let accepted = Fixtures.smallCatalog(providers: 12, tag: "accepted")
        let server = try LoopbackHTTPServer(script: [
            .json(accepted), .json(Fixtures.smallCatalog(providers: 4, tag: "refused")),
        ])
        defer { server.stop() }
        let first = try configuration(server.url().absoluteString, in: root)
        let acceptance = CatalogAcceptance(first)
        var loaded = try await acceptance.load(first.source, options: first.load)
        try acceptance.accept(&loaded, source: first.source, allowShrink: false)
        let metadata = try #require(acceptance.loader.cache.metadata(for: server.url()))

        let refreshing = try configuration(server.url().absoluteString, in: root) { $0.refresh = true }
        var refused = try await acceptance.load(refreshing.source, options: refreshing.load)
        #expect(refused.provenance.origin == .downloaded)
        #expect(refused.catalog.providerCount == 4)
        #expect(throws: RunFailure.self) {
            try acceptance.accept(&refused, source: refreshing.source, allowShrink: false)
        }
        #expect(server.requestCount == 2)
        #expect(FileManager.default.contents(atPath: bodyFile(acceptance, server.url())) == accepted)
        #expect(acceptance.loader.cache.metadata(for: server.url()) == metadata)
    }

    @Test func aRecordedCatalogIsTheOneTheNextSafetyStopComparesWith() async throws {
        let root = try TemporaryDirectory()
        try root.write(
            "catalog.json", String(decoding: Fixtures.smallCatalog(providers: 12, modelsPerProvider: 1), as: UTF8.self))
        let configuration = try configuration("catalog.json", in: root)
        let acceptance = CatalogAcceptance(configuration)
        #expect(acceptance.acceptedCatalogs.lastAcceptedModelCount(for: configuration.source) == nil)

        let earlier = try Catalog.decode(
            Fixtures.smallCatalog(providers: 12, modelsPerProvider: 3), sourceName: "earlier")
        #expect(acceptance.record(earlier, from: configuration.source, at: Date(timeIntervalSince1970: 0)) == nil)
        #expect(acceptance.acceptedCatalogs.lastAcceptedModelCount(for: configuration.source) == 36)
        // A relative file source is remembered by its path under the run's working directory.
        #expect(acceptance.acceptedCatalogs.lastAcceptedModelCount(for: .file(root.file("catalog.json"))) == 36)

        // 12 models now, fewer than half of 36: refused, unless the shrink is allowed.
        var loaded = try await acceptance.load(configuration.source, options: configuration.load)
        #expect(loaded.catalog.modelCount == 12)
        let failure = try #require(throws: RunFailure.self) {
            try acceptance.accept(&loaded, source: configuration.source, allowShrink: false)
        }
        #expect(failure.diagnostics.first?.message.description.contains("fewer than half of the 36") == true)
        try acceptance.accept(&loaded, source: configuration.source, allowShrink: true)

        #expect(acceptance.record(loaded.catalog, from: configuration.source, at: Date()) == nil)
        #expect(acceptance.acceptedCatalogs.lastAcceptedModelCount(for: configuration.source) == 12)
    }

    @Test func aRecordThatCannotBeWrittenIsAWarning() throws {
        let root = try TemporaryDirectory()
        try root.write("cache", "a file where the cache directory should be\n")
        let configuration = try configuration("catalog.json", in: root)
        let catalog = try Catalog.decode(Fixtures.smallCatalog(providers: 12), sourceName: "test")
        let warning = try #require(
            CatalogAcceptance(configuration).record(catalog, from: configuration.source, at: Date()))
        #expect(warning.severity == .warning)
        #expect(warning.message.description.hasPrefix("could not remember the accepted catalog: "))
    }
}
