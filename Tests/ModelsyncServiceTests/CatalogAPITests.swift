import Foundation
import ModelsDevCatalog
import ModelsyncService
import Testing

/// ``CatalogAPI`` without a socket: requests as values, on a small catalog, with an injected clock.
struct CatalogAPITests {
    private static func loaded(_ json: String) async throws -> LoadedCatalog {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("modelsync-api-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("api.json")
        try Data(json.utf8).write(to: file)
        let loader = CatalogLoader(cacheDirectory: directory.appendingPathComponent("cache"))
        return try await loader.load(.file(file.path))
    }

    private static let catalog = """
        {"acme":{"id":"acme","name":"Acme","models":{
          "m/one":{"id":"m/one","name":"One","limit":{"context":200000,"output":8000},"cost":{"input":1,"output":2}},
          "two:free":{"id":"two:free","name":"Two","limit":{"context":8000,"output":1000},"cost":{"input":0,"output":0}}}},
         "zeta":{"id":"zeta","name":"Zeta","models":{"z":{"id":"z","name":"Z"}}}}
        """

    @Test func answers503UntilACatalogIsServedThenReady() async throws {
        let api = CatalogAPI(freshnessSeconds: 60)
        #expect(await api.respond(to: APIRequest(path: "/healthz")).status == 200)
        #expect(await api.respond(to: APIRequest(path: "/readyz")).status == 503)
        #expect(await api.respond(to: APIRequest(path: "/api/v1/models")).status == 503)
        api.serve(ServedCatalog(try await Self.loaded(Self.catalog), servedSince: Date()))
        #expect(await api.respond(to: APIRequest(path: "/readyz")).status == 200)
        #expect(await api.respond(to: APIRequest(path: "/api/v1/models")).status == 200)
    }

    @Test func cacheControlCountsDownAndTheETagChangesWithTheCatalog() async throws {
        let clock = Clock(Date(timeIntervalSince1970: 1_000_000))
        let api = CatalogAPI(freshnessSeconds: 600, now: { clock.now })
        api.serve(ServedCatalog(try await Self.loaded(Self.catalog), servedSince: clock.now))
        let first = await api.respond(to: APIRequest(target: "/api/v1/models/acme/m/one"))
        #expect(first.status == 200)
        #expect(first.header("cache-control") == "max-age=600")
        #expect(first.header("x-catalog-age") == nil)
        clock.now += 700
        let later = await api.respond(to: APIRequest(target: "/api/v1/models/acme/m/one"))
        #expect(later.header("cache-control") == "max-age=0")
        #expect(later.header("x-catalog-age") == "700")
        #expect(later.header("etag") == first.header("etag"))
        let changed = Self.catalog.replacingOccurrences(of: "\"input\":1,", with: "\"input\":1.5,")
        api.serve(ServedCatalog(try await Self.loaded(changed), servedSince: clock.now))
        let next = await api.respond(to: APIRequest(target: "/api/v1/models/acme/m/one"))
        #expect(next.header("etag") != first.header("etag"))
        let notModified = await api.respond(
            to: APIRequest(target: "/api/v1/models/acme/m/one", headers: [("If-None-Match", first.header("etag")!)]))
        #expect(notModified.status == 200, "an ETag of the old catalog must not match the new one")
    }

    @Test func aBareModelIDResolvesWhenOneProviderListsIt() async throws {
        let api = CatalogAPI(freshnessSeconds: 60)
        api.serve(ServedCatalog(try await Self.loaded(Self.catalog), servedSince: Date()))
        let response = await api.respond(to: APIRequest(path: "/api/v1/models/two:free"))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self).contains("\"reference\":\"acme/two:free\""))
    }

    @Test func pagesLinkToTheNextWithTheCanonicalQuery() async throws {
        let api = CatalogAPI(freshnessSeconds: 60)
        api.serve(ServedCatalog(try await Self.loaded(Self.catalog), servedSince: Date()))
        let first = await api.respond(to: APIRequest(target: "/api/v1/models?limit=1&sort=name&desc=true"))
        let text = String(decoding: first.body, as: UTF8.self)
        #expect(text.contains("\"total\":3"), "\(text)")
        #expect(text.contains("\"next\":\"/api/v1/models?desc=true&limit=1&offset=1&sort=name\""), "\(text)")
        let last = await api.respond(to: APIRequest(target: "/api/v1/models?limit=1&sort=name&desc=true&offset=2"))
        #expect(String(decoding: last.body, as: UTF8.self).contains("\"next\":null"))
    }

    @Test func headAnswersTheHeadersWithoutTheBody() async throws {
        let api = CatalogAPI(freshnessSeconds: 60)
        api.serve(ServedCatalog(try await Self.loaded(Self.catalog), servedSince: Date()))
        let get = await api.respond(to: APIRequest(path: "/api/v1/providers"))
        let head = await api.respond(to: APIRequest(method: "HEAD", path: "/api/v1/providers"))
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(!get.body.isEmpty)
        #expect(head.header("etag") == get.header("etag"))
    }

    @Test func queryValuesAreDecodedOnceAndBadEscapesNamed() async throws {
        let api = CatalogAPI(freshnessSeconds: 60)
        api.serve(ServedCatalog(try await Self.loaded(Self.catalog), servedSince: Date()))
        let spaced = await api.respond(to: APIRequest(target: "/api/v1/models?q=One+%2B"))
        #expect(spaced.status == 200)
        let bad = await api.respond(to: APIRequest(target: "/api/v1/models?q=%zz"))
        #expect(bad.status == 400)
        #expect(String(decoding: bad.body, as: UTF8.self).contains("the value of q has a bad percent-escape at byte 1"))
        let twice = await api.respond(to: APIRequest(target: "/api/v1/models?limit=1&limit=2"))
        #expect(twice.status == 400)
        let notUTF8 = await api.respond(to: APIRequest(target: "/api/v1/models/acme/%FF"))
        #expect(notUTF8.status == 400)
    }
}

/// A clock a test moves by hand.
private final class Clock: @unchecked Sendable {
    private let lock = NSLock()
    private var time: Date

    init(_ start: Date) { time = start }

    var now: Date {
        get { lock.withLock { time } }
        set { lock.withLock { time = newValue } }
    }
}
