import Foundation

/// Finds the cache directory: `MODELSYNC_CACHE_DIR`, else `$XDG_CACHE_HOME/modelsync` (when set, non-empty and
/// absolute, per the XDG base directory spec), else `~/.cache/modelsync`.
public enum CacheDirectory {
    /// The cache directory for `environment`; a relative `MODELSYNC_CACHE_DIR` is taken from
    /// `workingDirectory`, and `~` is `HOME` (or the user's home directory when `HOME` is unset).
    public static func resolve(
        environment: [String: String],
        workingDirectory: String = FileManager.default.currentDirectoryPath
    ) -> URL {
        if let explicit = environment["MODELSYNC_CACHE_DIR"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit, relativeTo: URL(fileURLWithPath: workingDirectory, isDirectory: true))
                .standardizedFileURL
        }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("modelsync", isDirectory: true)
        }
        let home =
            environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileManager.default.homeDirectoryForCurrentUser.path
        return URL(fileURLWithPath: home, isDirectory: true)
            .appendingPathComponent(".cache", isDirectory: true)
            .appendingPathComponent("modelsync", isDirectory: true)
    }
}
