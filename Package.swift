// swift-tools-version:6.1
import PackageDescription

// Linux only (Debian and Ubuntu are what CI and the README use): the network client opens libcurl.so.4 with dlopen,
// and the tests' loopback server and pseudo-terminals use Glibc. No Apple platform is declared or supported.
let package = Package(
    name: "modelsync",
    products: [
        .library(name: "LosslessYAML", targets: ["LosslessYAML"]),
        .library(name: "ModelsDevCatalog", targets: ["ModelsDevCatalog"]),
        .library(name: "ModelSync", targets: ["ModelSync"]),
        .library(name: "ModelDiscovery", targets: ["ModelDiscovery"]),
        .library(name: "CatalogHistory", targets: ["CatalogHistory"]),
        .executable(name: "modelsync", targets: ["modelsync"]),
        .executable(name: "modelsync-serve", targets: ["modelsync-serve"]),
    ],
    dependencies: [
        // The command line.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // `modelsync serve`: HTTP/1.1 on SwiftNIO, without its optional configuration and Foundation traits
        // (docs/service.md#hummingbird).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        // Hummingbird's own dependencies, named for the types the server uses from them.
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // libyaml from the system: Debian/Ubuntu `libyaml-dev`, pkg-config `yaml-0.1`.
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),

        // Messages for people: severity, file and position, text with options named symbolically, notes, "did you
        // mean" suggestions, and the compiler-style renderer. Every library's errors describe themselves with it.
        .target(name: "Diagnostics"),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),

        // Lossless YAML editing on libyaml. Knows nothing of models.dev.
        .target(name: "LosslessYAML", dependencies: ["CLibYAML", "Diagnostics"]),
        .testTarget(
            name: "LosslessYAMLTests", dependencies: ["LosslessYAML", "Diagnostics", "TestSupport"], exclude: ["Golden"]
        ),

        // libcurl, opened with dlopen on the first request, so that runs without one never load it and its ~30
        // libraries. Needs no curl headers: it declares the few types and constants it uses.
        .target(name: "CLibCurl", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),

        // The models.dev catalog, its sources and its cache. Knows nothing of YAML.
        .target(
            name: "ModelsDevCatalog", dependencies: ["Diagnostics", "SafeFiles", "CLibCurl"],
            resources: [.copy("Resources/api-2026-07-02.json")]
        ),
        .testTarget(name: "ModelsDevCatalogTests", dependencies: ["ModelsDevCatalog", "Diagnostics", "TestSupport"]),

        // The application layer: one run of every command, from the options as written to the result, without a
        // terminal: resolution, the models directory's workspace, catalog acceptance, the sync, add, discovery.
        .target(
            name: "ModelsyncApp",
            dependencies: [
                "CatalogHistory", "Diagnostics", "LosslessYAML", "ModelsDevCatalog", "ModelSync", "ModelDiscovery",
                "SafeFiles",
            ]
        ),

        .testTarget(
            name: "ModelsyncAppTests",
            dependencies: [
                "ModelsyncApp", "CatalogHistory", "Diagnostics", "LosslessYAML", "ModelSync", "ModelsDevCatalog",
                "SafeFiles", "TestSupport", "MergeFuzzing",
            ]
        ),

        // zlib from the system: Debian/Ubuntu `zlib1g-dev`, pkg-config `zlib`; the API's gzip.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),

        // The HTTP API over the application layer: requests as values in, responses as bytes out, no sockets.
        // Knows nothing of the HTTP server that carries it.
        .target(
            name: "ModelsyncService",
            dependencies: [
                "CatalogHistory", "CZlib", "Diagnostics", "ModelsDevCatalog", "ModelSync", "ModelDiscovery",
                "ModelsyncApp",
            ]
        ),
        .testTarget(
            name: "ModelsyncServiceTests",
            dependencies: ["ModelsyncService", "ModelsyncApp", "ModelsDevCatalog", "ModelDiscovery", "TestSupport"]
        ),

        // `modelsync serve`'s HTTP server: Hummingbird carrying ``ModelsyncService``, its lifecycle and signals.
        .target(
            name: "ModelsyncServer",
            dependencies: [
                "ModelsyncService", "ModelsyncApp", "ModelsDevCatalog",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "ModelsyncServerTests",
            dependencies: [
                "ModelsyncServer", "ModelsyncService", "ModelsyncApp", "ModelsDevCatalog", "CatalogHistory",
                "TestSupport",
            ]
        ),

        // The `modelsync` command: argument declarations, `run()` bodies of a few lines, and terminal rendering.
        .target(
            name: "ModelsyncCLI",
            dependencies: [
                "Diagnostics", "LosslessYAML", "ModelsDevCatalog", "ModelSync", "ModelDiscovery", "ModelsyncApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The two binaries: `modelsync` without the HTTP server, so that no command pays for loading it, and
        // `modelsync-serve` with it, which `modelsync serve` runs (docs/service.md).
        .executableTarget(name: "modelsync", dependencies: ["ModelsyncCLI"], path: "Sources/Main"),
        .executableTarget(
            name: "modelsync-serve", dependencies: ["ModelsyncCLI", "ModelsyncServer"], path: "Sources/ServeMain"),
        .testTarget(
            name: "ModelsyncCLITests",
            dependencies: [
                "ModelsyncCLI", "ModelsyncApp", "Diagnostics", "LosslessYAML", "ModelSync", "ModelsDevCatalog",
                "SafeFiles", "TestSupport",
            ],
            exclude: ["Golden"]
        ),

        // Test-only helpers shared by every test target (and the benchmarks): a loopback HTTP server with fault modes,
        // fixtures, temporary directories, golden files, external tools (PyYAML, yamllint), the long-suite switch.
        .target(name: "TestSupport", path: "Tests/TestSupport"),

        // Atomic writes and directory locks, shared by the cache and the sync.
        .target(name: "SafeFiles", dependencies: ["Diagnostics"]),

        // The merge of the catalog into provider files and what decides it: managed keys, merge rules, settings,
        // provider selection, add plans, a local entry beside the catalog's. Pure: it reads and writes no file.
        .target(name: "ModelSync", dependencies: ["Diagnostics", "LosslessYAML", "ModelsDevCatalog"]),
        .testTarget(
            name: "ModelSyncTests",
            dependencies: [
                "Diagnostics", "ModelSync", "LosslessYAML", "ModelsDevCatalog", "SafeFiles", "TestSupport",
                "MergeFuzzing",
            ],
            exclude: ["Corpus"]
        ),

        // SQLite from the system: Debian/Ubuntu `libsqlite3-dev`, pkg-config `sqlite3` (docs/history.md#storage).
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),

        // The dated history of catalogs: observations, changes between them, and the stores that keep them.
        // Knows nothing of YAML.
        .target(name: "CatalogHistory", dependencies: ["CSQLite", "Diagnostics", "ModelsDevCatalog"]),
        .testTarget(
            name: "CatalogHistoryTests",
            dependencies: ["CatalogHistory", "ModelsDevCatalog", "TestSupport"]
        ),

        // Finding models in the catalog: filters, search ranking, references, comparison, tables. Knows nothing of
        // YAML.
        .target(name: "ModelDiscovery", dependencies: ["Diagnostics", "ModelsDevCatalog"]),
        .testTarget(
            name: "ModelDiscoveryTests",
            dependencies: ["ModelDiscovery", "Diagnostics", "ModelsDevCatalog", "TestSupport"]
        ),

        // What a merge promises on any input, and a mutator of YAML texts: shared by the mutation property test and
        // the libFuzzer target (docs/fuzzing.md).
        .target(name: "MergeFuzzing", dependencies: ["Diagnostics", "LosslessYAML", "ModelSync", "ModelsDevCatalog"]),

        // The libFuzzer target: `swift build -c release --product modelsync-fuzz -Xswiftc -sanitize=fuzzer
        // -Xswiftc -DFUZZING` (docs/fuzzing.md); built normally, it replays inputs given as files.
        .executableTarget(
            name: "modelsync-fuzz",
            dependencies: ["CFuzzerDriver", "MergeFuzzing"],
            path: "Sources/Fuzz"
        ),
        .target(name: "CFuzzerDriver"),

        // Benchmarks: `swift run -c release modelsync-benchmarks`.
        .executableTarget(
            name: "modelsync-benchmarks",
            dependencies: ["LosslessYAML", "CLibYAML", "ModelsDevCatalog", "CatalogHistory", "TestSupport"],
            path: "Sources/Benchmarks"
        ),
    ]
)
