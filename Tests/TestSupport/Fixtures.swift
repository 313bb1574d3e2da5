import Foundation

/// The files under `Tests/Fixtures`, found from this source file's path so that tests run from any directory.
public enum Fixtures {
    /// `Tests/Fixtures`.
    public static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures", isDirectory: true)

    /// A models.dev snapshot, such as `api-2026-07-02.json`.
    public static func modelsDev(_ name: String) -> URL {
        directory.appendingPathComponent("models-dev").appendingPathComponent(name)
    }

    /// The bytes of a models.dev snapshot.
    public static func modelsDevData(_ name: String) throws -> Data {
        try Data(contentsOf: modelsDev(name))
    }

    /// A small valid catalog: `providers` providers, each with `modelsPerProvider` models.
    public static func smallCatalog(providers: Int = 2, modelsPerProvider: Int = 2, tag: String = "a") -> Data {
        let entries = (0..<providers).map { provider -> String in
            let models = (0..<modelsPerProvider).map { model in
                "\"model-\(model)\":{\"id\":\"model-\(model)\",\"name\":\"Model \(model) \(tag)\","
                    + "\"limit\":{\"context\":128000,\"output\":4096},\"cost\":{\"input\":0.3,\"output\":1.5}}"
            }
            return "\"provider-\(provider)\":{\"id\":\"provider-\(provider)\",\"name\":\"Provider \(provider)\","
                + "\"env\":[\"P\(provider)_API_KEY\"],\"models\":{\(models.joined(separator: ","))}}"
        }
        return Data(("{" + entries.joined(separator: ",") + "}").utf8)
    }
}
