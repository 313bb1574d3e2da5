import Foundation
import TestSupport
import Testing

/// `modelsync serve`'s API through the real server on loopback, checked against the 2026-07-02 snapshot read
/// independently (docs/service.md).
@Suite struct ServerEndToEndTests {
    /// Every page of `target` (which must have no `offset`), following `links.next`: the references in order.
    private func allPages(_ served: ServedSnapshot, _ target: String) async throws -> (references: [String], total: Int)
    {
        var references: [String] = []
        var next: String? = target
        var total = -1
        var pages = 0
        while let page = next {
            let object = try await served.json(page)
            let data = object["data"] as? [[String: Any]] ?? []
            references += data.compactMap { $0["reference"] as? String }
            total = object["total"] as? Int ?? -1
            next = (object["links"] as? [String: Any])?["next"] as? String
            pages += 1
            #expect(pages < 1_000, "paging does not end")
            if pages >= 1_000 { break }
        }
        return (references, total)
    }

    @Test func pagingCoversEveryModelExactlyOnce() async throws {
        let served = try await ServedSnapshot.shared.value
        let (references, total) = try await allPages(served, "/api/v1/models?limit=337")
        #expect(references.count == Set(references).count, "a model on two pages")
        #expect(Set(references) == served.raw.references)
        #expect(total == served.raw.references.count)
        #expect(references.count > 5_000)
    }

    @Test func aFilterEqualsTheSameFilterComputedFromTheRawJSON() async throws {
        let served = try await ServedSnapshot.shared.value
        let (references, total) = try await allPages(
            served, "/api/v1/models?modality=input:image&min_context=200k&max_input_price=3&sort=price&limit=100")
        var expected: [(reference: String, price: Double)] = []
        for (provider, models) in served.raw.models {
            for (id, model) in models {
                let input = (model["modalities"] as? [String: Any])?["input"] as? [String] ?? []
                let context = ((model["limit"] as? [String: Any])?["context"] as? NSNumber)?.intValue
                let price = ((model["cost"] as? [String: Any])?["input"] as? NSNumber)?.doubleValue
                if input.contains("image"), let context, context >= 200_000, let price, price <= 3 {
                    expected.append((provider + "/" + id, price))
                }
            }
        }
        #expect(Set(references) == Set(expected.map(\.reference)))
        #expect(total == expected.count)
        #expect(expected.count > 100, "the filter should keep a real number of models")
        // Sorted by input price, cheapest first.
        let prices = Dictionary(uniqueKeysWithValues: expected.map { ($0.reference, $0.price) })
        let ordered = references.compactMap { prices[$0] }
        #expect(ordered == ordered.sorted())
    }

    /// Every model of the snapshot by its path; the default tier takes every id with `:`, `@`, `~` or a byte
    /// outside ASCII, and one in ten of the others (the long tier all of them).
    @Test func everyModelResolvesByItsPathWhateverItsIDHolds() async throws {
        let served = try await ServedSnapshot.shared.value
        var tricky = 0
        var requested = 0
        var failures: [String] = []
        for (index, reference) in served.raw.references.sorted().enumerated() {
            let slash = reference.firstIndex(of: "/")!
            let (provider, id) = (String(reference[..<slash]), String(reference[reference.index(after: slash)...]))
            let rare = id.contains(where: { ":@~".contains($0) }) || !id.utf8.allSatisfy { $0 < 0x80 }
            if id.contains(where: { "/:@~".contains($0) }) { tricky += 1 }
            guard rare || index % 10 == 0 || TestTier.runsLongSuites else { continue }
            requested += 1
            let response = try await served.get("/api/v1/models/\(provider)/\(Self.pathEncoded(id))")
            let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
            if response.status != 200 || object?["reference"] as? String != reference {
                failures.append("\(reference): \(response.status)")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
        #expect(tricky > 2_500, "the snapshot's ids with /, :, @ or ~: \(tricky)")
        #expect(requested > 500)
    }

    @Test func anEscapedSlashInAModelIDMeansASlash() async throws {
        let served = try await ServedSnapshot.shared.value
        let plain = try await served.get("/api/v1/models/openrouter/anthropic/claude-haiku-4.5")
        let escaped = try await served.get("/api/v1/models/openrouter/anthropic%2Fclaude-haiku-4.5")
        #expect(plain.status == 200)
        #expect(escaped.status == 200)
        #expect(plain.body == escaped.body)
        #expect(plain.header("etag") == escaped.header("etag"))
    }

    @Test func providersAndTheirModelsMatchTheRawCounts() async throws {
        let served = try await ServedSnapshot.shared.value
        let providers = try await served.json("/api/v1/providers")
        let list = providers["data"] as? [[String: Any]] ?? []
        #expect(Set(list.compactMap { $0["id"] as? String }) == Set(served.raw.providers.keys))
        for (id, models) in served.raw.models where ["openai", "anthropic", "openrouter"].contains(id) {
            let one = try await served.json("/api/v1/providers/\(id)")
            #expect(one["models"] as? Int == models.count)
            let (references, total) = try await allPages(served, "/api/v1/providers/\(id)/models?limit=1000")
            #expect(total == models.count)
            #expect(Set(references) == Set(models.keys.map { id + "/" + $0 }))
        }
    }

    @Test func aSecondRequestWithTheETagGets304AndNoBody() async throws {
        let served = try await ServedSnapshot.shared.value
        let first = try await served.get("/api/v1/models?provider=openai&capability=vision")
        let tag = try #require(first.header("etag"))
        #expect(tag.hasPrefix("\"") && tag.hasSuffix("\"") && !tag.hasPrefix("W/"))
        #expect(first.header("cache-control")?.hasPrefix("max-age=") == true)
        let again = try await served.get(
            "/api/v1/models?provider=openai&capability=vision", headers: [("If-None-Match", tag)])
        #expect(again.status == 304)
        #expect(again.body.isEmpty)
        #expect(again.header("etag") == tag)
        // The same query written otherwise has the same ETag; another query another.
        let reordered = try await served.get(
            "/api/v1/models?capability=vision&provider=%6Fpenai", headers: [("If-None-Match", tag)])
        #expect(reordered.status == 304)
        let other = try await served.get("/api/v1/models?provider=openai", headers: [("If-None-Match", tag)])
        #expect(other.status == 200)
        #expect(other.header("etag") != tag)
        // A list of tags, and a weak one, match too (If-None-Match compares weakly).
        let listed = try await served.get(
            "/api/v1/models?provider=openai&capability=vision", headers: [("If-None-Match", "\"nope\", W/\(tag)")])
        #expect(listed.status == 304)
    }

    @Test func gzipWhenAcceptedIsTheSameBytesCompressedWithItsOwnETag() async throws {
        let served = try await ServedSnapshot.shared.value
        let target = "/api/v1/models?limit=200"
        let plain = try await served.get(target)
        let zipped = try await served.get(target, headers: [("Accept-Encoding", "br, gzip;q=0.8")])
        #expect(plain.header("content-encoding") == nil)
        #expect(zipped.header("content-encoding") == "gzip")
        #expect(zipped.header("vary") == "accept-encoding")
        #expect(zipped.body.count * 3 < plain.body.count, "\(zipped.body.count) of \(plain.body.count) bytes")
        #expect(try Self.gunzip(zipped.body) == plain.body)
        let tag = try #require(zipped.header("etag"))
        #expect(tag != plain.header("etag"))
        let again = try await served.get(target, headers: [("Accept-Encoding", "gzip"), ("If-None-Match", tag)])
        #expect(again.status == 304)
        // The compressed representation's tag does not name the plain one.
        #expect(try await served.get(target, headers: [("If-None-Match", tag)]).status == 200)
        let refused = try await served.get(target, headers: [("Accept-Encoding", "gzip;q=0")])
        #expect(refused.header("content-encoding") == nil)
    }

    /// `bytes` decompressed by the system's gzip, a reader that shares no code with the server.
    static func gunzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let directory = try TemporaryDirectory("modelsync-gzip")
        let file = directory.file("body.gz")
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", file]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Array(data)
    }

    @Test func refusalsHaveAStatusAMessageAndSuggestions() async throws {
        let served = try await ServedSnapshot.shared.value
        func error(_ target: String, method: String = "GET") async throws -> (Int, String, [String]) {
            let response = try await served.get(target, method: method)
            let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
            let error = object?["error"] as? [String: Any] ?? [:]
            #expect(error["status"] as? Int == response.status)
            return (response.status, error["message"] as? String ?? "", error["suggestions"] as? [String] ?? [])
        }
        let badValue = try await error("/api/v1/models?min_context=lots")
        #expect(badValue.0 == 400)
        #expect(badValue.1.contains("min_context") && badValue.1.contains("lots"), "\(badValue.1)")
        let unknownParameter = try await error("/api/v1/models?capabilty=vision")
        #expect(unknownParameter.0 == 400)
        #expect(unknownParameter.2 == ["capability"])
        let limit = try await error("/api/v1/models?limit=1001")
        #expect(limit.0 == 400 && limit.1.contains("limit"))
        let descending = try await error("/api/v1/models?desc")
        #expect(descending.0 == 400 && descending.1.contains("sort"), "\(descending.1)")
        let model = try await error("/api/v1/models/openai/gpt-4oo")
        #expect(model.0 == 404)
        #expect(model.2.first == "openai/gpt-4o")
        let provider = try await error("/api/v1/providers/anthropc")
        #expect(provider.0 == 404 && provider.2.contains("anthropic"))
        let path = try await error("/api/v1/model")
        #expect(path.0 == 404 && path.2.contains("/api/v1/models"))
        let escape = try await error("/api/v1/models/openai/gpt%4")
        #expect(escape.0 == 400 && escape.1.contains("percent"))
        let method = try await error("/api/v1/models", method: "POST")
        #expect(method.0 == 405)
        let compare = try await error("/api/v1/compare?ids=openai/gpt-4o")
        #expect(compare.0 == 400 && compare.1.contains("ids"))
    }

    @Test func compareAndTheHealthChecks() async throws {
        let served = try await ServedSnapshot.shared.value
        let compared = try await served.json("/api/v1/compare?ids=openai/gpt-4o,anthropic/claude-sonnet-4-5")
        let models = compared["models"] as? [[String: Any]] ?? []
        #expect(models.compactMap { $0["reference"] as? String } == ["openai/gpt-4o", "anthropic/claude-sonnet-4-5"])
        #expect((compared["rows"] as? [Any])?.isEmpty == false)
        #expect(try await served.get("/healthz").text == "ok\n")
        #expect(try await served.get("/readyz").status == 200)
    }

    /// `id` as a path: each segment percent-encoded where a path needs it, the `/` between them kept.
    static func pathEncoded(_ id: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "%?#")
        return id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id
    }
}
