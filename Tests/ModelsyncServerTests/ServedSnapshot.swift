import Foundation
import ModelsDevCatalog
import ModelsyncApp
import ModelsyncServer
import ModelsyncService
import TestSupport

/// The real server, in this process, on 127.0.0.1 and a free port, serving the 2026-07-02 snapshot loaded the way
/// `modelsync serve` loads it (a file source through the application layer).
///
/// Started once for the tests of this target; the port is known once the server accepts connections (an event,
/// not a wait).
final class ServedSnapshot: Sendable {
    static let shared = Task { try await ServedSnapshot() }

    let port: Int
    let api: CatalogAPI
    let raw: RawCatalog
    private let server: Task<Void, any Error>
    private let root: TemporaryDirectory

    private init() async throws {
        root = try TemporaryDirectory("modelsync-serve")
        var options = RunOptions()
        options.source = Fixtures.modelsDev("api-2026-07-02.json").path
        options.configDirectory = root.file("config")
        options.noHistory = true
        let environment = RunEnvironment(
            workingDirectory: root.path,
            variables: ["HOME": root.file("home"), "MODELSYNC_CACHE_DIR": root.file("cache")])
        let configuration = try RunConfiguration.resolve(options, writes: false, in: environment)
        let loaded = try await CatalogReader(configuration).load()
        api = CatalogAPI(freshnessSeconds: 3_600)
        api.serve(ServedCatalog(loaded, servedSince: Date()))
        raw = try RawCatalog(Fixtures.modelsDevData("api-2026-07-02.json"))
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = ModelsyncHTTPServer(api: api, host: "127.0.0.1", port: 0, shutdownSignals: [])
        self.server = Task { try await server.run { continuation.yield($0) } }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw LoopbackHTTPClient.Failure(description: "no port") }
        self.port = port
    }

    func get(_ target: String, method: String = "GET", headers: [(String, String)] = []) async throws
        -> LoopbackHTTPClient.Response
    {
        try await LoopbackHTTPClient.fetch(port: port, target, method: method, headers: headers)
    }

    /// `target`'s body as a JSON object.
    func json(_ target: String) async throws -> [String: Any] {
        let response = try await get(target)
        guard let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] else {
            throw LoopbackHTTPClient.Failure(description: "\(target): not a JSON object: \(response.text)")
        }
        return object
    }
}

/// The snapshot read with `JSONSerialization`, independently of the service: providers and their models' objects.
struct RawCatalog: @unchecked Sendable {
    /// Provider id to its object.
    let providers: [String: [String: Any]]

    init(_ data: Data) throws {
        providers = (try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]).compactMapValues {
            $0 as? [String: Any]
        }
    }

    /// Provider id to model id to the model's object.
    var models: [String: [String: [String: Any]]] {
        providers.mapValues { ($0["models"] as? [String: Any] ?? [:]).compactMapValues { $0 as? [String: Any] } }
    }

    /// Every `provider/model` reference.
    var references: Set<String> {
        Set(models.flatMap { provider, models in models.keys.map { provider + "/" + $0 } })
    }
}
