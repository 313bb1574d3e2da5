import Foundation
import TestSupport
import Testing

/// `modelsync list` on the 2026-07-02 snapshot, run as a real process; expectations come from the snapshot read
/// with `JSONSerialization`.
struct ListCommandTests {
    static let snapshot = Fixtures.modelsDev("api-2026-07-02.json").path

    /// Runs `list --json arguments…` and returns the references it printed, failing on a non-zero exit.
    private func listedReferences(_ arguments: [String]) async throws -> ListOutput {
        let result = try await CommandRunner().run(["list", "--source", Self.snapshot, "--json"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return try ListOutput(result.stdout)
    }

    @Test func functionCallingWithAMillionTokensAtMostTwoDollarsSortedByPrice() async throws {
        let models = try await SnapshotModel.loadLatest()
        let expected = SnapshotModel.sorted(
            models.filter { model in
                model.toolCall && (model.context ?? 0) >= 1_000_000 && (model.inputPrice.map { $0 <= 2 } ?? false)
            },
            by: \.inputPrice
        ).map(\.reference)
        #expect(expected.count > 100, "the snapshot has many such models")

        let arguments = [
            "--capability", "function_calling", "--min-context", "1000000", "--max-input-price", "2", "--sort", "price",
        ]
        let output = try await listedReferences(arguments)
        #expect(output.references == expected)
        #expect(output.matched == expected.count)
        #expect(output.catalogModels == models.count)

        let table = try await CommandRunner().run(["list", "--source", Self.snapshot] + arguments)
        #expect(table.status == 0)
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.first?.split(separator: " ").map(String.init) == [
                "MODEL", "NAME", "CONTEXT", "OUTPUT", "IN", "$/M", "OUT", "$/M",
            ])
        #expect(lines.dropFirst().map { String($0.prefix { $0 != " " }) } == expected)
        #expect(table.stderr.hasSuffix("\n\(expected.count) of 5,276 models\n"), "\(table.stderr)")
    }

    /// The question: the cheapest priced model with vision and a context window of 200,000 tokens or more.
    ///
    /// Without `--priced` the first rows are free tiers and subscription plans at 0.
    @Test func cheapestPricedModelWithVisionAndTwoHundredThousandTokensOfContext() async throws {
        let models = try await SnapshotModel.loadLatest()
        let candidates = models.filter { $0.inputModalities.contains("image") && ($0.context ?? 0) >= 200_000 }
        let priced = candidates.filter { ($0.inputPrice ?? 0) > 0 && ($0.outputPrice ?? 0) > 0 }
        let expected = SnapshotModel.sorted(priced, by: \.inputPrice).map(\.reference)
        #expect(expected.count > 100, "the snapshot has many such models")
        let free = SnapshotModel.sorted(candidates, by: \.inputPrice).prefix { $0.inputPrice == 0 }
        #expect(free.count > 10, "without --priced, models at 0 come first")

        let arguments = ["--capability", "vision", "--min-context", "200k", "--priced", "--sort", "price"]
        let output = try await listedReferences(arguments)
        #expect(output.references == expected)
        #expect(output.matched == expected.count)
        let cheapest = try #require(SnapshotModel.sorted(priced, by: \.inputPrice).first)
        #expect(output.models.first?["reference"] as? String == cheapest.reference)
        #expect((output.models.first?["input_price"] as? NSNumber)?.decimalValue == cheapest.inputPrice)
        #expect(output.models.allSatisfy { ($0["output_price"] as? NSNumber)?.decimalValue ?? 0 > 0 })

        let unpriced = try await listedReferences([
            "--capability", "vision", "--min-context", "200k", "--sort", "price",
        ])
        #expect(unpriced.references.prefix(free.count) == free.map(\.reference)[...])
    }

    @Test func minimumPricesAreInclusiveAndLeaveOutModelsWithoutThePrice() async throws {
        let models = try await SnapshotModel.loadLatest()
        let inputAtLeast = models.filter { $0.inputPrice.map { $0 >= 15 } ?? false }
        #expect(
            try await listedReferences(["--min-input-price", "15"]).references
                == SnapshotModel.sorted(inputAtLeast, by: { _ in Int?.none }).map(\.reference))
        let band = models.filter { model in
            guard let price = model.outputPrice else { return false }
            return price >= 2 && price <= 2.5
        }
        #expect(!band.isEmpty)
        let output = try await listedReferences(["--min-output-price", "$2", "--max-output-price", "2.5"])
        #expect(output.references == SnapshotModel.sorted(band, by: { _ in Int?.none }).map(\.reference))
    }

    /// One filter or sort of `list`, with the expectation computed from the snapshot.
    enum Case: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case providers
        case capabilities
        case maxOutputPrice
        case minOutput
        case statusBeta
        case statusActive
        case openWeights
        case closedWeights
        case outputModality
        case eitherModality
        case releasedAfter
        case contextDescending
        case name
        case releaseDescending
        case priceDescendingWithUnpricedLast

        var testDescription: String { rawValue }

        var arguments: [String] {
            switch self {
            case .providers: return ["--provider", "openai", "--provider", "Anthropic"]
            case .capabilities: return ["--capability", "reasoning", "--capability", "vision"]
            case .maxOutputPrice: return ["--max-output-price", "0.5"]
            case .minOutput: return ["--min-output", "100k"]
            case .statusBeta: return ["--status", "beta"]
            case .statusActive: return ["--status", "active", "--provider", "openai"]
            case .openWeights: return ["--open-weights"]
            case .closedWeights: return ["--no-open-weights", "--provider", "google"]
            case .outputModality: return ["--modality", "output:image"]
            case .eitherModality: return ["--modality", "audio"]
            case .releasedAfter: return ["--released-after", "2026-03"]
            case .contextDescending: return ["--sort", "context", "--desc", "--limit", "25"]
            case .name: return ["--sort", "name", "--limit", "40"]
            case .releaseDescending: return ["--sort", "release", "--desc", "--limit", "30"]
            case .priceDescendingWithUnpricedLast: return ["--provider", "groq", "--sort", "price", "--desc"]
            }
        }

        func expected(_ models: [SnapshotModel]) -> [String] {
            let inOrder = SnapshotModel.sorted(models, by: { _ in Int?.none })
            var result: [SnapshotModel]
            switch self {
            case .providers: result = inOrder.filter { ["openai", "anthropic"].contains($0.provider) }
            case .capabilities: result = inOrder.filter { $0.reasoning && $0.inputModalities.contains("image") }
            case .maxOutputPrice:
                result = inOrder.filter { $0.outputPrice.map { $0 <= Decimal(string: "0.5") ?? 0 } ?? false }
            case .minOutput: result = inOrder.filter { ($0.output ?? 0) >= 100_000 }
            case .statusBeta: result = inOrder.filter { $0.status == "beta" }
            case .statusActive: result = inOrder.filter { $0.provider == "openai" && $0.status == nil }
            case .openWeights: result = inOrder.filter { $0.openWeights == true }
            case .closedWeights: result = inOrder.filter { $0.provider == "google" && $0.openWeights == false }
            case .outputModality: result = inOrder.filter { $0.outputModalities.contains("image") }
            case .eitherModality:
                result = inOrder.filter {
                    $0.inputModalities.contains("audio") || $0.outputModalities.contains("audio")
                }
            case .releasedAfter: result = inOrder.filter { ($0.releaseDate ?? "").prefix(7) > "2026-03" }
            case .contextDescending:
                result = Array(SnapshotModel.sorted(models, by: \.context, descending: true).prefix(25))
            case .name: result = Array(SnapshotModel.sorted(models, by: { ($0.name ?? $0.id).lowercased() }).prefix(40))
            case .releaseDescending:
                result = Array(SnapshotModel.sorted(models, by: \.releaseDate, descending: true).prefix(30))
            case .priceDescendingWithUnpricedLast:
                result = SnapshotModel.sorted(
                    models.filter { $0.provider == "groq" }, by: \.inputPrice, descending: true)
            }
            return result.map(\.reference)
        }
    }

    @Test(arguments: Case.allCases)
    func filtersAndSortsAgreeWithTheSnapshot(_ testCase: Case) async throws {
        let models = try await SnapshotModel.loadLatest()
        let expected = testCase.expected(models)
        #expect(!expected.isEmpty)
        let output = try await listedReferences(testCase.arguments)
        #expect(output.references == expected)
        if testCase == .priceDescendingWithUnpricedLast {
            #expect(output.models.last?["input_price"] is NSNull, "groq has models without a price; they come last")
            #expect(output.models.first?["input_price"] is NSNumber)
        }
    }

    @Test func printsEveryModelAsJSONWithDocumentedFields() async throws {
        let models = try await SnapshotModel.loadLatest()
        let output = try await listedReferences([])
        #expect(output.references == SnapshotModel.sorted(models, by: { _ in Int?.none }).map(\.reference))
        let sonnet = try #require(output.models.first { $0["reference"] as? String == "anthropic/claude-sonnet-4-5" })
        let expected = try #require(models.first { $0.reference == "anthropic/claude-sonnet-4-5" })
        #expect(sonnet["provider"] as? String == "anthropic")
        #expect(sonnet["id"] as? String == "claude-sonnet-4-5")
        #expect(sonnet["name"] as? String == expected.name)
        #expect(sonnet["family"] as? String == expected.family)
        #expect(sonnet["context_window"] as? Int == expected.context)
        #expect(sonnet["max_output_tokens"] as? Int == expected.output)
        #expect(sonnet["max_input_tokens"] is NSNull)
        #expect((sonnet["input_price"] as? NSNumber)?.decimalValue == expected.inputPrice)
        #expect((sonnet["output_price"] as? NSNumber)?.decimalValue == expected.outputPrice)
        #expect((sonnet["pricing"] as? [String: Any])?["cache_read"] as? NSNumber == NSDecimalNumber(string: "0.3"))
        #expect(sonnet["release_date"] as? String == expected.releaseDate)
        #expect(sonnet["status"] as? String == "active")
        #expect(sonnet["open_weights"] as? Bool == false)
        #expect((sonnet["modalities"] as? [String: Any])?["input"] as? [String] == expected.inputModalities)
        #expect(
            sonnet["capabilities"] as? [String] == [
                "streaming", "function_calling", "reasoning", "vision", "pdf_input", "attachments", "prompt_caching",
                "temperature",
            ])
        #expect(sonnet["match"] == nil, "match is for search only")
    }

    @Test func pricesPrintExactlyAsDecimals() async throws {
        let result = try await CommandRunner().run(["list", "--source", Self.snapshot, "--quiet"])
        #expect(result.status == 0)
        for line in result.stdout.split(separator: "\n").dropFirst() {
            let prices = line.split(separator: " ").suffix(2)
            #expect(prices.allSatisfy { $0 == "-" || $0.allSatisfy { "0123456789.".contains($0) } }, "\(line)")
        }
        let json = try await CommandRunner().run(["list", "--source", Self.snapshot, "--json"])
        #expect(json.stdout.contains("\"input_price\": 0.049999999999999996,"), "the catalog's digits, as written")
    }

    @Test func saysHowManyModelsMatchOnStandardError() async throws {
        let models = try await SnapshotModel.loadLatest()
        let anthropic = models.filter { $0.provider == "anthropic" }.count
        let runner = try CommandRunner()
        let all = try await runner.run(["list", "--source", Self.snapshot, "--provider", "anthropic"])
        #expect(all.stderr.hasSuffix("\n\(anthropic) of 5,276 models\n"))
        let limited = try await runner.run([
            "list", "--source", Self.snapshot, "--provider", "anthropic", "--limit", "5",
        ])
        #expect(limited.stderr.hasSuffix("\nshowing 5 of \(anthropic) matching models; 5,276 in the catalog\n"))
        #expect(limited.stdout.split(separator: "\n").count == 6)
        let none = try await runner.run([
            "list", "--source", Self.snapshot, "--max-input-price", "0", "--min-context", "100m",
        ])
        #expect(none.status == 0)
        #expect(none.stdout.isEmpty)
        #expect(none.stderr.hasSuffix("\nno model matches; 5,276 in the catalog\n"))
        let quiet = try await runner.run(["list", "--source", Self.snapshot, "--provider", "anthropic", "--quiet"])
        #expect(quiet.stderr.isEmpty)
    }

    @Test(arguments: [
        (
            ["--capability", "tools"],
            "Error: unknown capability 'tools'; the capabilities are: streaming, function_calling, reasoning,"
                + " structured_output, vision, audio_input, video_input, pdf_input, attachments, image_generation,"
                + " audio_output, prompt_caching, temperature, interleaved_reasoning."
        ),
        (
            ["--status", "preview"],
            "Error: unknown status 'preview'; the statuses are: active, alpha, beta, deprecated (active: none of the"
                + " others)."
        ),
        (["--sort", "cost"], "Error: unknown sort key 'cost'; sort by one of: price, context, name, release."),
        (
            ["--modality", "smell"],
            "Error: unknown modality 'smell'; give one of text, image, audio, video, pdf, optionally after input:"
                + " or output: (such as image or output:audio)."
        ),
        (
            ["--released-after", "2025-13"],
            "Error: invalid date '2025-13' for --released-after; write YYYY, YYYY-MM or YYYY-MM-DD."
        ),
        (
            ["--max-output-price", "cheap"],
            "Error: invalid price 'cheap' for --max-output-price; write USD per million tokens as a number 0 or"
                + " more, such as 2 or 0.15."
        ),
        (
            ["--min-context", "lots"],
            "Error: invalid token count 'lots' for --min-context; write a whole number of tokens, such as 200000,"
                + " or use k or m (200k, 1m)."
        ),
        (["--desc"], "Error: --desc reverses --sort; add --sort price|context|name|release."),
        (
            ["--min-input-price", "5", "--max-input-price", "$2"],
            "Error: --min-input-price 5 is above --max-input-price $2, so no model can match; lower the one or raise"
                + " the other."
        ),
        (
            ["--min-output-price", "free"],
            "Error: invalid price 'free' for --min-output-price; write USD per million tokens as a number 0 or more,"
                + " such as 2 or 0.15."
        ),
        (["--limit", "0"], "Error: --limit must be 1 or more."),
    ])
    func refusesBadValuesWithExit64(arguments: [String], message: String) async throws {
        let result = try await CommandRunner().run(["list", "--source", Self.snapshot] + arguments)
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr
                == message + "\nUsage: modelsync list <options>\n  See 'modelsync list --help' for more information.\n")
    }

    @Test func anUnknownProviderIsAUsageErrorWithSuggestions() async throws {
        let result = try await CommandRunner().run(["list", "--source", Self.snapshot, "--provider", "anthropc", "-q"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr
                == "error: the catalog has no provider 'anthropc'; did you mean 'anthropic'? `modelsync providers`"
                + " lists them all\n")
    }

    @Test func leavesOutAProviderWhoseIdCannotBeAFileNameWithAWarning() async throws {
        let runner = try CommandRunner()
        let file = runner.directory.path("api.json")
        try Data(
            "{\"../evil\":{\"models\":{\"x\":{}}},\"good\":{\"name\":\"Good\",\"models\":{\"m\":{\"name\":\"M\"}}}}"
                .utf8
        ).write(to: file)

        let result = try await runner.run(["list", "--source", file.path, "--quiet"])

        #expect(result.status == 0)
        #expect(
            result.stdout
                == "MODEL   NAME  CONTEXT  OUTPUT  IN $/M  OUT $/M\ngood/m  M           -       -       -        -\n")
        #expect(
            result.stderr
                == "warning: provider id \"../evil\" cannot be used as a file name: it must match ^[a-z0-9][a-z0-9._-]*$\n"
        )
    }

    @Test func boldsTheHeaderOnlyOnAColourTerminal() async throws {
        let runner = try CommandRunner()
        let arguments = ["list", "--source", Self.snapshot, "--provider", "anthropic", "-q"]
        let coloured = try await runner.run(arguments, environment: ["TERM": "xterm"], terminal: .interactive())
        #expect(coloured.stdout.contains("\u{1B}[1mMODEL"))
        let plain = try await runner.run(
            arguments, environment: ["NO_COLOR": "1", "TERM": "xterm"], terminal: .interactive())
        #expect(plain.stdout.contains("MODEL"))
        #expect(!plain.stdout.contains("\u{1B}["))
    }
}
