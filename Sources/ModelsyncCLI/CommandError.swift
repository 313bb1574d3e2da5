import ModelsDevCatalog

/// Failures the commands add to the library's: each message names what failed and why.
enum CommandError: Error, CustomStringConvertible {
    /// `cache refresh` could not refresh; `cached` says what the cache still holds (`3 h old`), or `nil`.
    case refreshFailed(CatalogError, cached: String?)

    var description: String {
        switch self {
        case .refreshFailed(let error, let cached?):
            return "cache refresh failed: \(error); the cached catalog (\(cached)) was kept unchanged"
        case .refreshFailed(let error, nil):
            return "cache refresh failed: \(error)"
        }
    }
}
