import Foundation
import TestSupport
import Testing

/// `modelsync info`, run as a real process on the 2026-07-02 snapshot.
struct InfoCommandTests {
    private let snapshot = SnapshotJSON.path
    private static let bedrock = "amazon-bedrock"
    private static let novaLite = "amazon.nova-lite-v1:0"

    @Test(
        "prints every catalog fact of a model whose id holds /, :, @ or ~",
        arguments: [
            ("cloudflare-workers-ai", "@cf/meta/llama-3.1-8b-instruct-fp8"),
            ("amazon-bedrock", "amazon.nova-lite-v1:0"),
            ("kilo", "~anthropic/claude-sonnet-latest"), ("openrouter", "anthropic/claude-haiku-4.5"),
            ("aihubmix", "gpt-5.4"), ("cloudflare-ai-gateway", "workers-ai/@cf/baai/bge-m3"),
        ])
    func printsEveryCatalogFact(provider: String, model id: String) async throws {
        let runner = try CommandRunner()
        let result = try await runner.run(["info", "\(provider)/\(id)", "--source", snapshot, "--json"], expecting: 0)
        let object = try jsonObject(result)
        #expect(object["reference"] as? String == "\(provider)/\(id)")

        let rawProvider = try SnapshotJSON.provider(provider)
        let ourProvider = try #require(object["provider"] as? [String: Any])
        for key in ["id", "name", "env", "npm", "api", "doc"] {
            #expect(SnapshotJSON.matches(rawProvider[key] ?? NSNull(), ourProvider[key]), "provider \(key)")
        }

        var raw = try SnapshotJSON.model(provider, id)
        // The catalog writes a tier's start as `tier: {type, size}`; info lifts both into the tier.
        if var cost = raw["cost"] as? [String: Any], let tiers = cost["tiers"] as? [[String: Any]] {
            cost["tiers"] = tiers.map { tier -> [String: Any] in
                var lifted = tier.filter { $0.key != "tier" }
                for (key, value) in tier["tier"] as? [String: Any] ?? [:] { lifted[key] = value }
                return lifted
            }
            raw["cost"] = cost
        }
        let ours = try #require(object["model"] as? [String: Any])
        let others = try #require(ours["other_fields"] as? [String: Any])
        let mapped: Set = [
            "id", "name", "family", "limit", "cost", "modalities", "knowledge", "release_date", "last_updated",
            "open_weights", "status", "tool_call", "reasoning", "structured_output", "attachment", "temperature",
            "interleaved",
        ]
        for (key, value) in raw {
            let shown = mapped.contains(key) ? ours[key] : others[key]
            #expect(SnapshotJSON.matches(value, shown), "model \(key)")
        }
        #expect(Set(others.keys) == Set(raw.keys).subtracting(mapped))
        #expect(ours["capabilities"] as? [String] == SnapshotJSON.capabilities(of: raw))
        #expect((object["local"] as? [Any])?.isEmpty == true)
    }

    @Test func printsTheFactsAsTablesWithTheReferenceFirst() async throws {
        let runner = try CommandRunner()
        let id = "~anthropic/claude-sonnet-latest"
        let result = try await runner.run(["info", "kilo/\(id)", "--source", snapshot, "--quiet"], expecting: 0)
        let raw = try SnapshotJSON.model("kilo", id)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "kilo/\(id)")
        func cells(_ key: String, after title: String) throws -> [String] {
            let start = try #require(lines.firstIndex { $0.hasPrefix(title + " ") })
            let line = try #require(lines[start...].first { $0.hasPrefix(key + " ") })
            return line.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        }
        #expect(try cells("id", after: "MODEL") == ["id", id])
        #expect(try cells("name", after: "MODEL") == ["name", try #require(raw["name"] as? String)])
        #expect(try cells("name", after: "PROVIDER") == ["name", try SnapshotJSON.provider("kilo")["name"] as? String])
        let limit = try #require(raw["limit"] as? [String: Int])
        #expect(try cells("limit.context", after: "MODEL") == ["limit.context", "\(try #require(limit["context"]))"])
        #expect(
            try cells("capabilities", after: "MODEL")
                == ["capabilities", SnapshotJSON.capabilities(of: raw).joined(separator: ", ")])
        #expect(try cells("reasoning_options[1].type", after: "MODEL") == ["reasoning_options[1].type", "effort"])
        #expect(result.stdout.hasSuffix("\n\nNo file in config/models tracks provider 'kilo'.\n"))
    }

    @Test func takesTheModelIdWholeWithTheProviderOption() async throws {
        let runner = try CommandRunner()
        for (provider, id) in [
            ("openrouter", "anthropic/claude-haiku-4.5"), ("cloudflare-workers-ai", "@cf/meta/llama-3.2-1b-instruct"),
        ] {
            let result = try await runner.run(
                ["info", "--provider", provider, id, "--source", snapshot, "--json"], expecting: 0)
            let object = try jsonObject(result)
            #expect(object["reference"] as? String == "\(provider)/\(id)")
            let model = try #require(object["model"] as? [String: Any])
            #expect(model["name"] as? String == (try SnapshotJSON.model(provider, id))["name"] as? String)
        }
    }

    @Test func exits2WithTheClosestModelsForAnUnknownModel() async throws {
        let runner = try CommandRunner()
        let result = try await runner.run(
            ["info", "anthropic/claude-sonet-4-5", "--source", snapshot, "--quiet"], expecting: 2)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr == """
                error: provider 'anthropic' has no model 'claude-sonet-4-5'; did you mean:
                  anthropic/claude-sonnet-4-5
                  anthropic/claude-sonnet-4-0
                  anthropic/claude-sonnet-4-6
                  anthropic/claude-sonnet-5
                  302ai/claude-sonnet-4-5

                """)
        for (provider, id) in [
            ("anthropic", "claude-sonnet-4-5"), ("anthropic", "claude-sonnet-4-0"), ("anthropic", "claude-sonnet-4-6"),
            ("anthropic", "claude-sonnet-5"), ("302ai", "claude-sonnet-4-5"),
        ] {
            _ = try SnapshotJSON.model(provider, id)
        }

        let unknownProvider = try await runner.run(
            ["info", "--provider", "antropic", "claude-sonnet-4-5", "--source", snapshot, "--quiet"], expecting: 2)
        #expect(unknownProvider.stderr == "error: unknown provider 'antropic'; did you mean:\n  anthropic\n")
    }

    @Test func exits2ListingEveryProviderOfAnAmbiguousModelId() async throws {
        let runner = try CommandRunner()
        let result = try await runner.run(["info", "gpt-4o", "--source", snapshot, "--quiet"], expecting: 2)
        let providers = try SnapshotJSON.providers().filter { ($0.value["models"] as? [String: Any])?["gpt-4o"] != nil }
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(
            lines.first == "error: 'gpt-4o' is a model of \(providers.count) providers; name one as PROVIDER/MODEL:")
        #expect(Set(lines.dropFirst()) == Set(providers.keys.map { "  \($0)/gpt-4o" }))
    }

    @Test func resolvesAModelIdThatOneProviderListsWithoutTheProvider() async throws {
        let runner = try CommandRunner()
        let result = try await runner.run(["info", Self.novaLite, "--source", snapshot, "--json"], expecting: 0)
        #expect(try jsonObject(result)["reference"] as? String == "\(Self.bedrock)/\(Self.novaLite)")
    }

    @Test func showsALocalFileThatMatchesUpstreamWithNoDifference() async throws {
        let runner = try CommandRunner()
        try await runner.run(["sync", "--source", snapshot, "--provider", Self.bedrock, "--quiet"], expecting: 0)
        let result = try await runner.run(
            ["info", "\(Self.bedrock)/\(Self.novaLite)", "--source", snapshot, "--json"], expecting: 0)
        let locals = try #require(try jsonObject(result)["local"] as? [[String: Any]])
        #expect(locals.count == 1)
        let local = try #require(locals.first)
        #expect(local["file"] as? String == "config/models/amazon-bedrock.yml")
        #expect(local["listed"] as? Bool == true)
        #expect(local["synced"] as? Bool == true)
        #expect(local["differs"] as? Bool == false)
        let keys = try #require(local["keys"] as? [[String: Any]])
        #expect(keys.allSatisfy { $0["differs"] as? Bool == false && $0["pinned"] as? Bool == false })
        let raw = try SnapshotJSON.model(Self.bedrock, Self.novaLite)
        let context = try #require(keys.first { $0["key"] as? String == "context_window" })
        #expect(context["local"] as? Int == (raw["limit"] as? [String: Int])?["context"])
        #expect(context["upstream"] as? Int == (raw["limit"] as? [String: Int])?["context"])

        let text = try await runner.run(
            ["info", "\(Self.bedrock)/\(Self.novaLite)", "--source", snapshot, "--quiet"], expecting: 0)
        #expect(
            text.stdout.contains("\nconfig/models/amazon-bedrock.yml: models: \(Self.novaLite) (source: models.dev)\n"))
        #expect(!text.stdout.split(separator: "\n").contains { $0.hasPrefix("≠  ") })
        #expect(text.stdout.split(separator: "\n").contains { $0.hasPrefix("  context_window ") })
    }

    @Test func marksTheKeysOfALocalFileThatDifferFromUpstream() async throws {
        let runner = try CommandRunner()
        try await runner.run(["sync", "--source", snapshot, "--provider", Self.bedrock, "--quiet"], expecting: 0)
        let raw = try SnapshotJSON.model(Self.bedrock, Self.novaLite)
        let context = try #require((raw["limit"] as? [String: Int])?["context"])
        let cost = try #require(raw["cost"] as? [String: NSNumber])
        var text = try runner.text(Self.bedrock)
        // A new context window (pinned), a cache price that differs, and an input price that only looks different.
        text = try Self.replace(
            "    context_window: \(context)\n", with: "    context_window: 100000\n", inModel: Self.novaLite, in: text)
        text = try Self.replace(
            "      cache_read: \(try #require(cost["cache_read"]))\n", with: "      cache_read: 0.02\n",
            inModel: Self.novaLite, in: text)
        text = try Self.replace(
            "      input: \(try #require(cost["input"]))\n", with: "      input: \(try #require(cost["input"]))0\n",
            inModel: Self.novaLite, in: text)
        text = try HandEdit.append("    notes: mine\n    pinned: [context_window]\n", toModel: Self.novaLite, in: text)
        try runner.write(text, to: Self.bedrock)

        let result = try await runner.run(
            ["info", "\(Self.bedrock)/\(Self.novaLite)", "--source", snapshot, "--json"], expecting: 0)
        let local = try #require((try jsonObject(result)["local"] as? [[String: Any]])?.first)
        #expect(local["differs"] as? Bool == true)
        let keys = try #require(local["keys"] as? [[String: Any]])
        #expect(
            keys.filter { $0["differs"] as? Bool == true }.map { $0["key"] as? String } == [
                "context_window", "pricing.cache_read",
            ])
        let window = try #require(keys.first { $0["key"] as? String == "context_window" })
        #expect(window["local"] as? Int == 100_000)
        #expect(window["upstream"] as? Int == context)
        #expect(window["pinned"] as? Bool == true)
        let users = try #require(local["user_keys"] as? [[String: Any]])
        #expect(users.map { $0["key"] as? String } == ["notes", "pinned"])

        let table = try await runner.run(
            ["info", "\(Self.bedrock)/\(Self.novaLite)", "--source", snapshot, "--quiet"], expecting: 0)
        let rows = table.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(rows.contains(["≠", "context_window", "100000", "\(context)", "pinned"]))
        #expect(rows.contains(["≠", "pricing.cache_read", "0.02", "\(try #require(cost["cache_read"]))"]))
        #expect(rows.contains(["pricing.input", "\(try #require(cost["input"]))", "="]))
        #expect(rows.contains(["notes", "mine", "user-owned"]))
    }

    @Test func showsWhatDiffersInAListInsteadOfCuttingBothSides() async throws {
        let runner = try CommandRunner()
        try await runner.run(["sync", "--source", snapshot, "--provider", Self.bedrock, "--quiet"], expecting: 0)
        let raw = try SnapshotJSON.model(Self.bedrock, Self.novaLite)
        let upstream = SnapshotJSON.capabilities(of: raw)
        let modalities = try #require(raw["modalities"] as? [String: [String]])
        let inputs = try #require(modalities["input"])
        #expect(upstream.contains("vision") && !upstream.contains("reasoning"))
        #expect(inputs.count == 3)
        // Capabilities without vision, with reasoning and a user item; the inputs reversed; an output added.
        let local = upstream.filter { $0 != "vision" } + ["reasoning", "web_search"]
        var text = try runner.text(Self.bedrock)
        let written = "    capabilities:\n" + upstream.map { "      - \($0)\n" }.joined()
        text = try Self.replace(
            written, with: "    capabilities:\n" + local.map { "      - \($0)\n" }.joined(), inModel: Self.novaLite,
            in: text)
        text = try Self.replace(
            "      input: [\(inputs.joined(separator: ", "))]\n",
            with: "      input: [\(inputs.reversed().joined(separator: ", "))]\n", inModel: Self.novaLite, in: text)
        text = try Self.replace(
            "      output: [text]\n", with: "      output: [text, audio]\n", inModel: Self.novaLite, in: text)
        try runner.write(text, to: Self.bedrock)

        let arguments = ["info", "\(Self.bedrock)/\(Self.novaLite)", "--source", snapshot, "--quiet"]
        for columns in [80, nil] as [Int?] {
            let result = try await runner.run(
                arguments, environment: columns.map { ["COLUMNS": String($0)] } ?? [:])
            #expect(result.status == 0)
            let rows = result.stdout.split(separator: "\n").map(String.init)
            func upstreamCell(_ key: String) throws -> String {
                let line = try #require(rows.first { $0.hasPrefix("≠  \(key) ") }, "\(key)")
                let header = try #require(rows.last { $0.hasPrefix("   KEY ") })
                let start = try #require(header.range(of: "UPSTREAM")).lowerBound.utf16Offset(in: header)
                let end = try #require(header.range(of: "NOTE")).lowerBound.utf16Offset(in: header)
                let utf16 = Array(line.utf16)
                return String(decoding: utf16[start..<min(end, utf16.count)], as: UTF16.self)
                    .trimmingCharacters(in: .whitespaces)
            }
            #expect(try upstreamCell("capabilities") == "+ vision, - reasoning", "web_search is the user's")
            #expect(try upstreamCell("modalities.input") == "order: " + inputs.joined(separator: ", "))
            #expect(try upstreamCell("modalities.output") == "- audio")
            #expect(
                result.stdout.hasSuffix(
                    columns == nil
                        ? "\nLists and mappings show what differs: + only upstream has it, - only the local value has"
                            + " it, key: upstream's value, order: upstream's order.\n"
                        : "\nLists and mappings show what differs: + only upstream has it, - only the local\nvalue"
                            + " has it, key: upstream's value, order: upstream's order.\n"))
            if let columns {
                let table = rows.drop { !$0.hasPrefix("   KEY ") }.prefix { !$0.hasPrefix("≠ differs") }
                for line in table { #expect(line.count <= columns, "\(line)") }
            }
        }

        // The JSON keeps whole values.
        let json = try await runner.run(arguments.dropLast() + ["--json"], expecting: 0)
        let keys = try #require((try jsonObject(json)["local"] as? [[String: Any]])?.first?["keys"] as? [[String: Any]])
        let capabilities = try #require(keys.first { $0["key"] as? String == "capabilities" })
        #expect(capabilities["local"] as? [String] == local)
        #expect(capabilities["upstream"] as? [String] == upstream)
        #expect(capabilities["differs"] as? Bool == true)
        let input = try #require(keys.first { $0["key"] as? String == "modalities.input" })
        #expect(input["local"] as? [String] == inputs.reversed())
        #expect(input["upstream"] as? [String] == inputs)
    }

    @Test func showsEveryFileThatTracksTheProviderAndAcceptsAFileIdAsProvider() async throws {
        let runner = try CommandRunner()
        try FileManager.default.createDirectory(at: runner.directory.path("config"), withIntermediateDirectories: true)
        try Data(
            """
            providers:
              bedrock: { upstream: amazon-bedrock }
              bedrock-eu: { upstream: amazon-bedrock, models: selected }
            """.utf8
        ).write(to: runner.directory.path("config/modelsync.yml"))
        try await runner.run(["sync", "--source", snapshot, "--quiet"], expecting: 0)

        let result = try await runner.run(
            ["info", "bedrock/\(Self.novaLite)", "--source", snapshot, "--json"], expecting: 0)
        let object = try jsonObject(result)
        #expect(object["reference"] as? String == "\(Self.bedrock)/\(Self.novaLite)")
        let locals = try #require(object["local"] as? [[String: Any]])
        #expect(locals.map { $0["file"] as? String } == ["config/models/bedrock.yml", "config/models/bedrock-eu.yml"])
        #expect(locals.map { $0["listed"] as? Bool } == [true, false])
        #expect(locals.map { $0["selected_models_only"] as? Bool } == [false, true])

        let text = try await runner.run(
            ["info", "bedrock/\(Self.novaLite)", "--source", snapshot, "--quiet"], expecting: 0)
        #expect(
            text.stdout.hasSuffix(
                "\n\nconfig/models/bedrock-eu.yml: does not list this model (its settings say models: selected, so "
                    + "sync adds no model it does not list)\n"))
    }

    @Test func printsTheCatalogFactsAndExits2WhenALocalFileDoesNotParse() async throws {
        let runner = try CommandRunner()
        try runner.write("provider: amazon-bedrock\nmodels:\n  a: b: c\n", to: Self.bedrock)
        let result = try await runner.run(
            ["info", "\(Self.bedrock)/\(Self.novaLite)", "--source", snapshot, "--quiet"], expecting: 2)
        #expect(
            result.stderr == """
                config/models/amazon-bedrock.yml:3:7: error: mapping values are not allowed in this context
                  a: b: c
                      ^

                """)
        #expect(result.stdout.hasPrefix("\(Self.bedrock)/\(Self.novaLite)\n"))
        let name = try #require(try SnapshotJSON.model(Self.bedrock, Self.novaLite)["name"] as? String)
        #expect(
            result.stdout.split(separator: "\n").contains {
                $0.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) } == [
                    "name", name,
                ]
            })
        #expect(
            result.stdout.hasSuffix("\nconfig/models/amazon-bedrock.yml: not read (the error is on standard error)\n"))

        let json = try await runner.run(
            ["info", "\(Self.bedrock)/\(Self.novaLite)", "--source", snapshot, "--quiet", "--json"], expecting: 2)
        let local = try #require((try jsonObject(json)["local"] as? [[String: Any]])?.first)
        #expect(local["error"] as? String == String(result.stderr.dropLast()))
        #expect(local["listed"] is NSNull)
    }

    @Test func refusesAnEmptyReferenceAsBadUsage() async throws {
        let runner = try CommandRunner()
        let result = try await runner.run(["info", "", "--source", snapshot], expecting: 64)
        #expect(result.stderr.hasPrefix("Error: The model reference must not be empty.\n"))
    }

    /// `text` with the first `old` after model `id`'s line replaced by `new`.
    static func replace(_ old: String, with new: String, inModel id: String, in text: String) throws -> String {
        let header = try #require(text.range(of: "\n  \(id):\n"))
        let range = try #require(text.range(of: old, range: header.upperBound..<text.endIndex))
        return text.replacingCharacters(in: range, with: new)
    }
}
