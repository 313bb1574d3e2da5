import Foundation
import TestSupport
import Testing

@testable import ModelsDevCatalog

/// Cache files: naming, metadata round trip, corruption, clearing, status, and the accepted-count memory.
struct CatalogCacheTests {
    private let url = URL(string: "https://models.dev/api.json") ?? URL(fileURLWithPath: "/")

    @Test func namesFilesAfterTheURLWithAHash() {
        let cache = CatalogCache(directory: URL(fileURLWithPath: "/c"))
        #expect(cache.bodyFile(for: url).path == "/c/models.dev_api.json-f93268b2b9a7944a.json")
        #expect(cache.metadataFile(for: url).path == "/c/models.dev_api.json-f93268b2b9a7944a.meta.json")
        let other = URL(string: "https://models.dev/api.json?v=2") ?? url
        #expect(cache.bodyFile(for: other) != cache.bodyFile(for: url))
    }

    @Test func writesMetadataAsSmallJSON() throws {
        let bed = try CacheTestBed()
        let fetchedAt = try #require(Timestamp.parse("2026-07-02T09:30:00Z"))
        try bed.cache.store(
            Data("{}".utf8),
            metadata: CacheMetadata(
                url: url.absoluteString, fetchedAt: fetchedAt, etag: "\"e\"", lastModified: nil, size: 2))
        let text = try String(contentsOf: bed.cache.metadataFile(for: url), encoding: .utf8)
        #expect(
            text == """
                {
                  "url": "https://models.dev/api.json",
                  "fetched_at": "2026-07-02T09:30:00Z",
                  "etag": "\\"e\\"",
                  "last_modified": null,
                  "size": 2
                }

                """)
        #expect(bed.cache.metadata(for: url)?.fetchedAt == fetchedAt)
    }

    @Test func discardsEntriesWhoseFilesDisagree() throws {
        let bed = try CacheTestBed()
        try bed.seed(url)
        try Data("{}".utf8).write(to: bed.cache.bodyFile(for: url))
        guard case .discarded(let reason) = bed.cache.inspect(url) else {
            Issue.record("expected a corrupt entry")
            return
        }
        #expect(reason.hasPrefix("its body is 2 bytes, its metadata says "))
        #expect(bed.directory.files().count == 2, "inspect changes nothing")
        _ = bed.cache.read(url)
        #expect(bed.directory.files().isEmpty, "read discards")

        try bed.seed(url)
        try Data("not json".utf8).write(to: bed.cache.metadataFile(for: url))
        guard case .discarded(let reason) = bed.cache.read(url) else {
            Issue.record("expected a corrupt entry")
            return
        }
        #expect(reason == "its metadata file is not valid")
    }

    @Test func clearRemovesOnlyCacheFilesAndKeepsTheAcceptedCounts() throws {
        let bed = try CacheTestBed()
        try bed.seed(url)
        try bed.seed(URL(string: "http://127.0.0.1:1/api.json") ?? url)
        try Data("mine".utf8).write(to: bed.directory.path("notes-about-models.json"))
        try Data("x".utf8).write(to: bed.directory.path(".models.dev_api.json-f93268b2b9a7944a.json.tmp-1-abc"))
        let store = AcceptedCatalogStore(cacheDirectory: bed.directory.url)
        try store.recordAccepted(Catalog(providers: []), for: .url(url))

        #expect(try bed.cache.clear() == 2)
        #expect(bed.directory.files() == ["accepted", "notes-about-models.json"])
        #expect(store.lastAcceptedModelCount(for: .url(url)) == 0)
    }

    @Test func remembersTheModelCountPerURLAndAbsolutePath() throws {
        let bed = try CacheTestBed()
        let store = AcceptedCatalogStore(cacheDirectory: bed.directory.url, workingDirectory: "/work/project")
        let catalog = try Catalog.decode(Fixtures.smallCatalog(providers: 3, modelsPerProvider: 4), sourceName: "x")
        try store.recordAccepted(catalog, for: .url(url))
        try store.recordAccepted(catalog, for: .file("data/api.json"))
        try store.recordAccepted(catalog, for: .standardInput)
        try store.recordAccepted(catalog, for: .bundled)

        #expect(store.lastAcceptedModelCount(for: .url(url)) == 12)
        #expect(store.lastAccepted(for: .url(url))?.providerCount == 3)
        #expect(store.lastAcceptedModelCount(for: .file("/work/project/data/api.json")) == 12)
        #expect(store.lastAcceptedModelCount(for: .file("data/../data/api.json")) == 12)
        #expect(store.lastAcceptedModelCount(for: .file("other.json")) == nil)
        #expect(store.lastAcceptedModelCount(for: .standardInput) == nil)
        #expect(store.lastAcceptedModelCount(for: .bundled) == nil)
        #expect(bed.directory.files(in: "accepted").count == 2)
    }

    @Test func anUnchangedRecordIsNotWrittenAgain() throws {
        let bed = try CacheTestBed()
        let store = AcceptedCatalogStore(cacheDirectory: bed.directory.url)
        let first = Date(timeIntervalSince1970: 1_780_000_000)
        let catalog = try Catalog.decode(Fixtures.smallCatalog(providers: 3, modelsPerProvider: 4), sourceName: "x")
        try store.recordAccepted(catalog, for: .url(url), at: first)
        let name = try #require(bed.directory.files(in: "accepted").first)
        let file = bed.directory.url.appendingPathComponent("accepted").appendingPathComponent(name).path
        let written = try #require(FileManager.default.contents(atPath: file))

        // The same counts later: nothing is written, the record keeps the first time.
        try store.recordAccepted(catalog, for: .url(url), at: first.addingTimeInterval(3_600))
        #expect(FileManager.default.contents(atPath: file) == written)
        #expect(store.lastAccepted(for: .url(url))?.acceptedAt == first)

        // Other counts: the record is replaced.
        let bigger = try Catalog.decode(Fixtures.smallCatalog(providers: 3, modelsPerProvider: 5), sourceName: "x")
        try store.recordAccepted(bigger, for: .url(url), at: first.addingTimeInterval(7_200))
        #expect(store.lastAccepted(for: .url(url))?.modelCount == 15)
        #expect(store.lastAccepted(for: .url(url))?.acceptedAt == first.addingTimeInterval(7_200))
    }

    @Test func reportsStatusWithoutChangingAnything() throws {
        let bed = try CacheTestBed()
        let loader = bed.loader()
        #expect(loader.status(of: .url(url), maxAgeMinutes: 60).state == .missing)
        try bed.seed(url, age: 30 * 60)
        let fresh = loader.status(of: .url(url), maxAgeMinutes: 60)
        #expect(fresh.state == .fresh)
        #expect(fresh.ageSeconds.map { (1_800...1_805).contains($0) } == true)
        #expect(fresh.metadata?.etag == "\"v1\"")
        #expect(loader.status(of: .url(url), maxAgeMinutes: 20).state == .stale)
        #expect(loader.status(of: .url(url), maxAgeMinutes: 0).state == .stale)
        #expect(loader.status(of: .file("api.json"), maxAgeMinutes: 60).state == .notCacheable)
        try Data("{".utf8).write(to: bed.cache.bodyFile(for: url))
        #expect(loader.status(of: .url(url), maxAgeMinutes: 60).state.name == "corrupt")
        #expect(bed.directory.files().count == 2)
    }
}
