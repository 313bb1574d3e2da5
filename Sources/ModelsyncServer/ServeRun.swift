import Diagnostics
import Foundation
import Logging
import ModelsDevCatalog
import ModelsyncApp
import ModelsyncService
import UnixSignals

/// One run of `modelsync serve`: the loaded catalog served over HTTP until a shutdown signal.
public struct ServeRun: Sendable {
    public let configuration: RunConfiguration
    public var host: String
    public var port: Int
    /// The signals that stop the server gracefully; tests give none and cancel the task instead.
    public var shutdownSignals: [UnixSignal]

    public init(
        _ configuration: RunConfiguration, host: String, port: Int, shutdownSignals: [UnixSignal] = [.sigterm, .sigint]
    ) {
        self.configuration = configuration
        self.host = host
        self.port = port
        self.shutdownSignals = shutdownSignals
    }

    /// Serves `loaded` (and then what the refreshes bring) on `host`:`port`; `onListening` receives the bound port.
    ///
    /// - Throws: ``RunFailure`` when the address cannot be bound, naming it and the system's reason.
    public func run(_ loaded: LoadedCatalog, onListening: @escaping @Sendable (Int) async -> Void)
        async throws(RunFailure)
    {
        let environment = configuration.environment
        let api = CatalogAPI(
            freshnessSeconds: configuration.load.maxAgeMinutes * 60,
            refreshToken: environment.variables["MODELSYNC_SERVE_TOKEN"], history: configuration,
            now: { environment.now() })
        api.serve(
            ServedCatalog(
                loaded, servedSince: environment.now(), providerAliases: configuration.locations.providerAliases))
        var logger = Logger(label: "modelsync.serve")
        logger.logLevel = .info
        let refresher = CatalogRefresher(
            configuration, api: api,
            onRefresh: { [logger] status, changed in
                switch status.result {
                case .failed:
                    logger.warning(
                        "catalog refresh failed; the served catalog stays",
                        metadata: ["reason": "\(status.message ?? "")"])
                case .updated, .unchanged, nil:
                    logger.info("catalog refreshed", metadata: ["changed": "\(changed)"])
                }
            })
        if refresher.refreshes { api.refresher = refresher }
        // The catalog served first is recorded like every later one.
        if let location = configuration.history {
            let recording = CatalogHistoryRecorder.Recording(
                location, loaded: loaded, source: configuration.historySource, now: environment.now())
            if let warning = await recording.finish() { logger.warning("\(warning.message)") }
        }
        let server = ModelsyncHTTPServer(
            api: api, host: host, port: port, logger: logger, shutdownSignals: shutdownSignals)
        let (host, port, shutdownSignals) = (self.host, self.port, self.shutdownSignals)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await refresher.run() }
                if !shutdownSignals.isEmpty {
                    // Says when a shutdown starts; the server itself takes the same signal and stops accepting.
                    group.addTask { [shutdownSignals, logger] in
                        for await signal in await UnixSignalsSequence(trapping: shutdownSignals) {
                            logger.info("received \(signal); finishing the requests in flight, then stopping")
                            return
                        }
                    }
                }
                // The server returns after a shutdown signal, once the requests in flight are answered; the
                // refreshes stop with it.
                try await server.run(onListening: onListening)
                group.cancelAll()
            }
        } catch {
            throw RunFailure(
                Diagnostic(
                    message: "cannot serve on \(host):\(port): \(SystemErrorText.lowercasingFirstWord("\(error)"))"))
        }
    }
}
