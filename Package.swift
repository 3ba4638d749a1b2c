// swift-tools-version: 6.1
import PackageDescription

/// Settings every target shares: Swift 6 language mode and explicit existentials.
let strictSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "chm",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "chm", targets: ["chm"]),
        .executable(name: "chm-bench", targets: ["chm-bench"]),
        .library(name: "Columnar", targets: ["Columnar"]),
        .library(name: "Store", targets: ["Store"]),
        .library(name: "Reporting", targets: ["Reporting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // The engine: column types, vectors, kernels, SQL parser, planner, executor.
        .target(name: "Columnar", swiftSettings: strictSettings),
        // The workspace file: SQLite catalog, column segments, batches.
        .target(
            name: "Store",
            dependencies: ["Columnar", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
        // Readers that turn files into batches.
        .target(
            name: "Ingest",
            dependencies: [
                "Columnar", "Store", "CZlib", "CProcessor", "TOMLKit",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            // Reference data read at run time: countries, bot patterns, document types.
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),
        // The schedule of cycles, phases and evaluations; later the indicators.
        .target(
            name: "Evaluation",
            dependencies: ["Columnar", "Store", "TOMLKit", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),
        // `chm demo`: a deterministic clearing-house history written as its sources write it, then ingested.
        .target(
            name: "Demo",
            dependencies: ["Columnar", "Store", "Ingest", "Evaluation", "Reporting"],
            swiftSettings: strictSettings
        ),
        // Result rendering and the interactive query shell.
        .target(
            name: "Console",
            dependencies: ["Columnar", "Store", "CEditLine"],
            swiftSettings: strictSettings
        ),
        // Evaluation reports and COP documents: document model, layout, charts, drawn with Cairo and Pango.
        .target(
            name: "Reporting",
            dependencies: ["Columnar", "Store", "Evaluation", "CCairo", "CPango", "TOMLKit"],
            swiftSettings: strictSettings
        ),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CPango", pkgConfig: "pangocairo", providers: [.apt(["libpango1.0-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // The prefetch instruction and the CPUs allowed, which Swift does not spell (a header, no library).
        .systemLibrary(name: "CProcessor"),
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .executableTarget(
            name: "chm",
            dependencies: [
                "Columnar", "Store", "Ingest", "Evaluation", "Console", "Demo", "Reporting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // Benchmarks against DuckDB, SQLite and GoAccess (never part of `swift test`).
        .executableTarget(
            name: "chm-bench",
            dependencies: ["Columnar", "Store", "Ingest", "Evaluation", "Reporting", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strictSettings
        ),
        // What several test targets share (a seeded random source).
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strictSettings),
        .testTarget(name: "ColumnarTests", dependencies: ["Columnar"], swiftSettings: strictSettings),
        .testTarget(
            name: "StoreTests",
            dependencies: ["Store", "Columnar", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "IngestTests",
            dependencies: ["Ingest", "Store", "Columnar", "TestSupport"],
            // Instruments and sample exports the tests read from their own directory.
            exclude: ["Survey/Instruments", "Contributions/Samples", "Traffic/Samples", "Web/Logs"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "Columnar", "Store"], swiftSettings: strictSettings),
        .testTarget(name: "DemoTests", dependencies: ["Demo", "Ingest", "Evaluation", "Reporting", "Store", "Columnar"], swiftSettings: strictSettings),
        .testTarget(
            name: "ReportingTests",
            dependencies: ["Reporting", "Evaluation", "Store", "Columnar", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "ConsoleTests", dependencies: ["Console", "Store", "Columnar"], swiftSettings: strictSettings),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["Columnar", "Store", "Ingest", "Evaluation", "chm", "TestSupport"],
            swiftSettings: strictSettings
        ),
    ]
)
