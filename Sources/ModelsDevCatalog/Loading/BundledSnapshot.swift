import Foundation

/// The catalog snapshot shipped inside the package (`--source bundled`), for air-gapped first runs and demos.
///
/// It is used only when asked for by name, never as a fallback, and its date is stated on every use.
public enum BundledSnapshot {
    /// The date of the snapshot, `YYYY-MM-DD`.
    public static let date = "2026-07-02"

    static let resourceName = "api-2026-07-02"

    /// The snapshot file, or an error naming where it should be.
    ///
    /// SwiftPM installs resources in a directory next to the executable; when that directory
    /// is missing (only the executable was copied), this fails with a message instead of `Bundle.module`'s crash.
    public static func file() throws(CatalogError) -> URL {
        let bundleName = "modelsync_ModelsDevCatalog"
        let candidates = [".resources", ".bundle"].map {
            Bundle.main.bundleURL.appendingPathComponent(bundleName + $0).path
        }
        guard candidates.contains(where: { FileManager.default.fileExists(atPath: $0) }),
            let url = Bundle.module.url(forResource: resourceName, withExtension: "json")
        else {
            throw .bundledSnapshotMissing(path: candidates[0] + "/\(resourceName).json")
        }
        return url
    }
}
