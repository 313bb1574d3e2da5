import Foundation
import Testing

@testable import ModelsDevCatalog

/// Which sources are accepted and which one wins.
struct CatalogSourceTests {
    @Test func acceptsHTTPSFilesStdinAndBundled() throws {
        #expect(
            try CatalogSource(parsing: "https://models.dev/api.json")
                == .url(try #require(URL(string: "https://models.dev/api.json"))))
        #expect(try CatalogSource(parsing: "config/api.json") == .file("config/api.json"))
        #expect(try CatalogSource(parsing: "/tmp/api.json") == .file("/tmp/api.json"))
        #expect(try CatalogSource(parsing: "file:///tmp/api.json") == .file("/tmp/api.json"))
        #expect(try CatalogSource(parsing: "-") == .standardInput)
        #expect(try CatalogSource(parsing: "bundled") == .bundled)
        #expect(try CatalogSource(parsing: "./bundled") == .file("./bundled"))
    }

    @Test(arguments: [
        "http://127.0.0.1:8080/api.json", "http://127.1.2.3/api.json", "http://localhost:9/api.json",
        "http://[::1]:8080/api.json", "HTTP://LOCALHOST/api.json",
    ])
    func acceptsPlainHTTPOnLoopbackHosts(text: String) throws {
        guard case .url = try CatalogSource(parsing: text) else {
            Issue.record("\(text) should be a URL source")
            return
        }
    }

    @Test(arguments: [
        "http://models.dev/api.json", "http://128.0.0.1/api.json", "http://127.0.0.1.example.com/api.json",
        "http://localhost.example/api.json", "http://10.0.0.1/api.json",
    ])
    func refusesPlainHTTPElsewhere(text: String) {
        #expect(
            throws: CatalogError.invalidSource(
                text, reason: "http:// is allowed only on a loopback host (127.0.0.0/8, localhost, [::1]); use https://"
            )
        ) {
            try CatalogSource(parsing: text)
        }
    }

    @Test func refusesOtherSchemesAndEmptyText() {
        #expect(
            throws: CatalogError.invalidSource(
                "ftp://models.dev/api.json",
                reason: "unsupported scheme ftp://; use https://, a file path, - or bundled")
        ) {
            try CatalogSource(parsing: "ftp://models.dev/api.json")
        }
        #expect(throws: CatalogError.invalidSource("\"\"", reason: "the source is empty")) {
            try CatalogSource(parsing: "")
        }
        #expect(
            CatalogError.invalidSource("https://", reason: "not a valid URL with a host").description
                == "invalid catalog source https://: not a valid URL with a host")
        #expect(throws: CatalogError.invalidSource("https://", reason: "not a valid URL with a host")) {
            try CatalogSource(parsing: "https://")
        }
    }

    @Test func takesTheFlagThenTheEnvironmentThenTheSettingsThenTheDefault() throws {
        let environment = ["MODELSYNC_SOURCE": "env.json"]
        #expect(
            try CatalogSource.resolve(flag: "flag.json", environment: environment, settings: "s.json")
                == .file("flag.json"))
        #expect(try CatalogSource.resolve(flag: nil, environment: environment, settings: "s.json") == .file("env.json"))
        #expect(try CatalogSource.resolve(flag: nil, environment: [:], settings: "s.json") == .file("s.json"))
        #expect(
            try CatalogSource.resolve(flag: nil, environment: [:], settings: nil)
                == .url(try #require(URL(string: "https://models.dev/api.json"))))
        #expect(
            try CatalogSource.resolve(flag: "", environment: ["MODELSYNC_SOURCE": ""], settings: "s.json")
                == .file("s.json"))
    }
}
