// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "modelsync",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "LosslessYAML", targets: ["LosslessYAML"]),
        .library(name: "ModelsDevCatalog", targets: ["ModelsDevCatalog"]),
        .library(name: "ModelSync", targets: ["ModelSync"]),
        .library(name: "ModelDiscovery", targets: ["ModelDiscovery"]),
        .executable(name: "modelsync", targets: ["ModelsyncCLI"]),
    ],
    dependencies: [
        // The command line. The only dependency the shipped binary has.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // libyaml from the system: Debian/Ubuntu `libyaml-dev`, pkg-config `yaml-0.1`.
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),

        // Lossless YAML editing on libyaml. Knows nothing of models.dev.
        .target(name: "LosslessYAML", dependencies: ["CLibYAML"]),
        .testTarget(name: "LosslessYAMLTests", dependencies: ["LosslessYAML"]),

        // libcurl, opened with dlopen on the first request, so that runs without one never load it and its ~30
        // libraries. Needs no curl headers: it declares the few types and constants it uses.
        .target(name: "CLibCurl", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),

        // The models.dev catalog, its sources and its cache. Knows nothing of YAML.
        .target(
            name: "ModelsDevCatalog", dependencies: ["SafeFiles", "CLibCurl"],
            resources: [.copy("Resources/api-2026-07-02.json")]
        ),
        .testTarget(name: "ModelsDevCatalogTests", dependencies: ["ModelsDevCatalog", "CatalogTestSupport"]),

        // The `modelsync` command: thin argument parsing over the libraries.
        .executableTarget(
            name: "ModelsyncCLI",
            dependencies: [
                "ModelSync", "ModelsDevCatalog", "ModelDiscovery",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ModelsyncCLITests",
            dependencies: ["ModelsyncCLI", "ModelsDevCatalog", "CatalogTestSupport"]
        ),

        // Test-only helpers: a loopback HTTP server with fault modes, fixtures, temporary directories.
        .target(name: "CatalogTestSupport", path: "Tests/CatalogTestSupport"),

        // Atomic writes and directory locks, shared by the cache and the sync.
        .target(name: "SafeFiles"),

        // The merge of the catalog into provider files, and the sync that drives it.
        .target(name: "ModelSync", dependencies: ["LosslessYAML", "ModelsDevCatalog", "ModelDiscovery", "SafeFiles"]),
        .testTarget(name: "ModelSyncTests", dependencies: ["ModelSync", "LosslessYAML", "SafeFiles"]),

        // Finding models in the catalog: filters, search ranking, references, comparison, tables. Knows nothing of
        // YAML.
        .target(name: "ModelDiscovery", dependencies: ["ModelsDevCatalog"]),
        .testTarget(
            name: "ModelDiscoveryTests", dependencies: ["ModelDiscovery", "ModelsDevCatalog", "CatalogTestSupport"]
        ),

        // Benchmarks: `swift run -c release modelsync-benchmarks`.
        .executableTarget(
            name: "modelsync-benchmarks",
            dependencies: ["LosslessYAML", "CLibYAML", "ModelsDevCatalog", "CatalogTestSupport"],
            path: "Sources/Benchmarks"
        ),
    ]
)
