import HTTPTypes
import Hummingbird
import Logging
import ModelsyncService
import NIOCore
import UnixSignals

/// `modelsync serve`'s HTTP/1.1 server: Hummingbird carrying ``CatalogAPI`` (docs/service.md).
///
/// Binds `host` (127.0.0.1 unless told otherwise) and `port` (0: a free one, which ``run(onListening:)`` reports).
/// On one of `shutdownSignals`, it stops accepting connections and lets the requests in flight finish.
public struct ModelsyncHTTPServer: Sendable {
    public let api: CatalogAPI
    public var host: String
    public var port: Int
    public var logger: Logger
    /// The signals that shut the server down gracefully; tests give none and cancel the task instead.
    public var shutdownSignals: [UnixSignal]

    public init(
        api: CatalogAPI, host: String = "127.0.0.1", port: Int = 8080,
        logger: Logger = Logger(label: "modelsync.serve"),
        shutdownSignals: [UnixSignal] = [.sigterm, .sigint]
    ) {
        self.api = api
        self.host = host
        self.port = port
        self.logger = logger
        self.shutdownSignals = shutdownSignals
    }

    /// Serves until a shutdown signal (or the task's cancellation); `onListening` receives the bound port once
    /// the server accepts connections.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let port = self.port
        let app = Application(
            responder: APIResponder(api: api),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) },
            logger: logger)
        try await app.runService(gracefulShutdownSignals: shutdownSignals)
    }
}

/// Hands each request to the API as an ``APIRequest`` and sends back its ``APIResponse``.
struct APIResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let api: CatalogAPI

    func respond(to request: Request, context: Context) async throws -> Response {
        var headers: [(name: String, value: String)] = []
        for field in request.headers { headers.append((field.name.canonicalName, field.value)) }
        let answer = await api.respond(
            to: APIRequest(method: request.method.rawValue, target: request.head.path ?? "/", headers: headers))
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        return Response(
            status: HTTPResponse.Status(code: answer.status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
