import Diagnostics
import Foundation
import Logging
import ModelsDevCatalog
import ModelsyncApp
import ModelsyncService

/// One run of `modelsync serve`: the loaded catalog served over HTTP until a shutdown signal.
public struct ServeRun: Sendable {
    public let configuration: RunConfiguration
    public var host: String
    public var port: Int

    public init(_ configuration: RunConfiguration, host: String, port: Int) {
        self.configuration = configuration
        self.host = host
        self.port = port
    }

    /// Serves `loaded` (and then what the refreshes bring) on `host`:`port`; `onListening` receives the bound port.
    ///
    /// - Throws: ``RunFailure`` when the address cannot be bound, naming it and the system's reason.
    public func run(_ loaded: LoadedCatalog, onListening: @escaping @Sendable (Int) async -> Void)
        async throws(RunFailure)
    {
        let environment = configuration.environment
        let api = CatalogAPI(freshnessSeconds: configuration.load.maxAgeMinutes * 60, now: { environment.now() })
        api.serve(
            ServedCatalog(
                loaded, servedSince: environment.now(), providerAliases: configuration.locations.providerAliases))
        var logger = Logger(label: "modelsync.serve")
        logger.logLevel = .info
        let server = ModelsyncHTTPServer(api: api, host: host, port: port, logger: logger)
        do {
            try await server.run(onListening: onListening)
        } catch {
            throw RunFailure(
                Diagnostic(
                    message: "cannot serve on \(host):\(port): \(SystemErrorText.lowercasingFirstWord("\(error)"))"))
        }
    }
}
