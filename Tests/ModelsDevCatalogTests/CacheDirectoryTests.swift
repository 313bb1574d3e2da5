import Foundation
import Testing

@testable import ModelsDevCatalog

/// Where the cache lives: `MODELSYNC_CACHE_DIR`, `XDG_CACHE_HOME` (absolute only), `~/.cache/modelsync`.
struct CacheDirectoryTests {
    private func resolve(_ environment: [String: String]) -> String {
        CacheDirectory.resolve(environment: environment, workingDirectory: "/work/project").path
    }

    @Test func prefersModelsyncCacheDirAndResolvesItAgainstTheWorkingDirectory() {
        #expect(
            resolve(["MODELSYNC_CACHE_DIR": "/var/cache/ms", "XDG_CACHE_HOME": "/x", "HOME": "/h"]) == "/var/cache/ms")
        #expect(resolve(["MODELSYNC_CACHE_DIR": "cache", "HOME": "/h"]) == "/work/project/cache")
    }

    @Test func usesAnAbsoluteNonEmptyXDGCacheHome() {
        #expect(resolve(["XDG_CACHE_HOME": "/xdg", "HOME": "/h"]) == "/xdg/modelsync")
        #expect(resolve(["XDG_CACHE_HOME": "", "HOME": "/h"]) == "/h/.cache/modelsync")
        #expect(resolve(["XDG_CACHE_HOME": "relative/cache", "HOME": "/h"]) == "/h/.cache/modelsync")
        #expect(resolve(["MODELSYNC_CACHE_DIR": "", "HOME": "/h"]) == "/h/.cache/modelsync")
    }
}
