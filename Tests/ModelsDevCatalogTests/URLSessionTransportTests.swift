import CatalogTestSupport
import Foundation
import Testing

@testable import ModelsDevCatalog

/// The URLSession transport's own timers, which replace URLSession's whole-second request timeout on Linux.
///
/// Upper time bounds leave 6 s of slack: tests run in parallel on two cores, and a task that awaits a network
/// failure resumes only when a thread of the cooperative pool is free.
struct URLSessionTransportTests {
    private func send(connectTimeout: Double, totalTimeout: Double, to server: LoopbackHTTPServer) async -> (
        String, Double
    ) {
        let start = Date()
        let request = HTTPRequest(
            url: server.url(), headers: [], connectTimeout: connectTimeout, totalTimeout: totalTimeout,
            maxBodyBytes: 1 << 20)
        do {
            _ = try await URLSessionTransport().send(request)
            return ("no error", Date().timeIntervalSince(start))
        } catch {
            return (error.reason, Date().timeIntervalSince(start))
        }
    }

    private func stallingServer() throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer(script: [.stall(status: 200, body: Data("{\"p\":".utf8), declaredLength: 1_000)])
    }

    @Test func theInactivityTimeoutEndsAStalledBodyBeforeTheTotalTimeout() async throws {
        let (reason, elapsed) = await send(connectTimeout: 0.3, totalTimeout: 5, to: try stallingServer())
        #expect(reason == "timed out: nothing received for 0.3 s")
        #expect(elapsed >= 0.3 && elapsed < 0.3 + 6, "took \(elapsed) s")
    }

    @Test func theTotalTimeoutHoldsForSubSecondValues() async throws {
        let (reason, elapsed) = await send(connectTimeout: 10, totalTimeout: 0.4, to: try stallingServer())
        #expect(reason == "timed out after 0.4 s")
        #expect(elapsed >= 0.4 && elapsed < 0.4 + 6, "took \(elapsed) s")
    }

    @Test func aCompleteResponseCarriesStatusHeadersAndBody() async throws {
        let server = try LoopbackHTTPServer(script: [.json(Data("{}".utf8), etag: "\"e\"")])
        let request = HTTPRequest(
            url: server.url(), headers: [("X-Test", "1")], connectTimeout: 2, totalTimeout: 2, maxBodyBytes: 100)
        let response = try await URLSessionTransport().send(request)
        #expect(response.status == 200)
        #expect(response.header("etag") == "\"e\"")
        #expect(response.body == Data("{}".utf8))
        #expect(server.requests.first?.headers["x-test"] == "1")
    }
}

extension Error {
    /// The transport failure's reason, or the error's description.
    fileprivate var reason: String {
        (self as? TransportFailure)?.reason ?? "\(self)"
    }
}
