import Foundation
import LosslessYAML
import ModelSync
import ModelsDevCatalog

/// The models.dev snapshots under `Tests/Fixtures/models-dev`, decoded once per test process.
enum CatalogSnapshots {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func snapshotURL(_ date: String) -> URL {
        testsDirectory.appendingPathComponent("Fixtures/models-dev/api-\(date).json")
    }

    /// The 2026-07-02 catalog (147 providers, 5,276 models): what the corpus is synced to.
    static let july2026: Result<Catalog, any Error> = decode("2026-07-02")

    static func decode(_ date: String) -> Result<Catalog, any Error> {
        Result {
            let data = try Data(contentsOf: snapshotURL(date))
            return try Catalog.decode(data, sourceName: "api-\(date).json")
        }
    }

    /// The desired managed data of a file tracking `provider` in the 2026-07-02 catalog.
    static func desired(_ provider: String) throws -> DesiredProvider {
        let catalog = try july2026.get()
        guard let upstream = catalog.provider(provider) else { throw MissingProvider(id: provider) }
        return CatalogMapping.desired(for: upstream)
    }

    struct MissingProvider: Error, CustomStringConvertible {
        var id: String
        var description: String { "the 2026-07-02 snapshot has no provider '\(id)'" }
    }
}
