import Foundation
import ModelsDevCatalog
import TestSupport
import Testing

@testable import LosslessYAML
@testable import ModelSync

/// What modelsync writes, checked by tools that share no code with it.
///
/// `yamllint -d relaxed` checks the layout and PyYAML (a YAML 1.1 reader in pure Python) the data. The
/// whole-catalog checks are long suites (`MODELSYNC_LONG_TESTS=1`); the corpus's golden outputs are linted in every
/// run.
///
/// Every provider of the 2026-07-02 catalog (147 files, 5,276 models) gets its new-file text; each must lint without
/// errors and read back as the intended data, compared twice: in Swift against ``CatalogMapping``'s desired data,
/// and in Python against the catalog's own JSON (names, limits, prices as decimals, capabilities derived again,
/// dates as strings).
@Suite(.serialized) struct IndependentReaderTests {
    /// The new-file text of every provider in the catalog, written to a fresh directory.
    struct NewFiles: Sendable {
        let directory: TemporaryDirectory
        let desired: [String: DesiredProvider]

        init() throws {
            let catalog = try CatalogSnapshots.july2026.get()
            directory = try TemporaryDirectory()
            var desired: [String: DesiredProvider] = [:]
            for provider in catalog.providers {
                let id = provider.id.rawValue
                let data = CatalogMapping.desired(for: provider)
                var report = ProviderReport(provider: id, upstream: id, file: "\(id).yml", status: .created)
                let bytes = try ConfigMerger(fileID: id, desired: data).newFile(report: &report)
                try Data(bytes).write(to: URL(fileURLWithPath: directory.file("\(id).yml")))
                desired[id] = data
            }
            self.desired = desired
        }

        var paths: [String] { desired.keys.sorted().map { directory.file("\($0).yml") } }
    }

    @Test(TestTier.long) func everyNewProviderFilePassesYamllintRelaxed() async throws {
        let yamllint = try await offCooperativePool { try ExternalTool.yamllint() }
        let files = try await offCooperativePool { try NewFiles() }
        #expect(files.paths.count == 147)
        let result = try await yamllint.run(["-d", "relaxed", "-f", "parsable"] + files.paths)
        let problems = YamllintProblem.parse(result.text)
        let errors = problems.filter { $0.level == "error" }
        #expect(errors.isEmpty, "\(errors.prefix(20).map(\.description).joined(separator: "\n"))")
        // Exit status 1 means errors; warnings (long lines) give 0 under the relaxed configuration.
        #expect(result.status == 0, "yamllint: \(result.standardError)")
        #expect(result.standardError.isEmpty, "\(result.standardError)")
    }

    @Test(TestTier.long) func everyNewProviderFileReadsBackWithPyYAMLAsTheIntendedData() async throws {
        let python = try await offCooperativePool { try ExternalTool.pythonWithPyYAML() }
        let files = try await offCooperativePool { try NewFiles() }
        let result = try await python.run(
            ["-c", Self.readerScript, files.directory.path, CatalogSnapshots.snapshotURL("2026-07-02").path])
        try #require(result.status == 0, "python3: \(result.standardError)")
        let report = try await offCooperativePool { try ReaderReport(json: result.standardOutput, intended: files) }

        // Python's own comparison with api.json.
        #expect(report.mismatches.isEmpty, "\(report.mismatches.prefix(20).joined(separator: "\n"))")
        #expect(report.checked["files"] == 147)
        #expect(report.checked["models"] == 5276)
        #expect((report.checked["prices"] ?? 0) > 10000)

        // Swift's comparison of everything PyYAML read with the intended data.
        #expect(report.documentIDs == Set(files.desired.keys))
        #expect(report.differences.isEmpty, "\(report.differences.sorted { $0.key < $1.key }.prefix(10))")
    }

    /// What the reader script printed, with every document compared to its intended data.
    struct ReaderReport: Sendable {
        var mismatches: [String]
        var checked: [String: Int]
        var documentIDs: Set<String>
        /// Per file id, where PyYAML's reading first differs from the intended data.
        var differences: [String: String]

        init(json: [UInt8], intended files: NewFiles) throws {
            let object = try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any] ?? [:]
            mismatches = object["mismatches"] as? [String] ?? ["the script printed no mismatch list"]
            checked = object["checked"] as? [String: Int] ?? [:]
            let documents = object["documents"] as? [String: Any] ?? [:]
            documentIDs = Set(documents.keys)
            differences = [:]
            for (id, desired) in files.desired {
                let intended = IndependentReaderTests.intended(id, desired)
                guard let read = documents[id].map(IndependentReaderTests.value) else {
                    differences[id] = "not read"
                    continue
                }
                if read != intended {
                    differences[id] = YAMLValueDifference.describe(expected: [intended], actual: [read])
                }
            }
        }
    }

    @Test func theCorpusGoldenOutputsAddNoYamllintErrors() async throws {
        let yamllint = try await offCooperativePool { try ExternalTool.yamllint() }
        let cases = CorpusTests.cases
        let paths = cases.flatMap { [$0.inputURL.path, $0.expectedURL.path] }
        let result = try await yamllint.run(["-d", "relaxed", "-f", "parsable"] + paths)
        #expect(result.standardError.isEmpty, "\(result.standardError)")
        let errors = YamllintProblem.parse(result.text).filter { $0.level == "error" }
        for corpus in cases {
            // A file keeps its own habits (CRLF, no final newline, trailing spaces): the sync may not add errors.
            func counts(_ url: URL) -> [String: Int] {
                errors.filter { $0.path == url.path }.reduce(into: [:]) { $0[$1.rule, default: 0] += 1 }
            }
            let before = counts(corpus.inputURL)
            let after = counts(corpus.expectedURL)
            for (rule, count) in after {
                #expect(
                    count <= before[rule] ?? 0,
                    "\(corpus.name): \(count) '\(rule)' errors, input had \(before[rule] ?? 0)")
            }
        }
        #expect(cases.count >= 15)
    }

    // MARK: - Data as PyYAML reads it

    /// The intended data of a new file: `provider`, the provider keys, then every model sorted by id.
    static func intended(_ id: String, _ desired: DesiredProvider) -> YAMLValue {
        var entries = [YAMLMappingEntry("provider", .string(id))]
        for entry in desired.keys {
            if let value = entry.value { entries.append(YAMLMappingEntry(entry.key, value)) }
        }
        let models = desired.models.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        entries.append(YAMLMappingEntry("models", .mapping(models.map { YAMLMappingEntry($0.id, $0.mappingValue) })))
        return .mapping(entries)
    }

    /// Turns the tagged JSON the reader script prints back into a ``YAMLValue``.
    static func value(_ json: Any) -> YAMLValue {
        if let object = json as? [String: Any] {
            if let text = object["int"] as? String { return Int(text).map { .int($0) } ?? .string("int " + text) }
            if let text = object["float"] as? String {
                return Double(text).map { .float($0) } ?? .string("float " + text)
            }
            if let text = object["str"] as? String { return .string(text) }
            if let flag = object["bool"] as? Bool { return .bool(flag) }
            if object["null"] != nil { return .null }
            if let text = object["other"] as? String { return .timestamp(text) }
            if let items = object["seq"] as? [Any] { return .sequence(items.map(value)) }
            if let pairs = object["map"] as? [[Any]] {
                return .mapping(
                    pairs.compactMap { pair in
                        pair.count == 2 ? YAMLMappingEntry(key: value(pair[0]), value: value(pair[1])) : nil
                    })
            }
        }
        return .string("unreadable \(json)")
    }

    /// Reads every `<id>.yml` in a directory with PyYAML's pure-Python safe loader and prints one JSON object:
    /// `documents` (each file's data, tagged by type so that nothing is lost in JSON), `mismatches` (facts that
    /// differ from api.json) and `checked` (counts).
    static let readerScript = #"""
        import datetime, decimal, json, os, sys
        import yaml

        directory, api_path = sys.argv[1], sys.argv[2]
        with open(api_path, "rb") as handle:
            catalog = json.load(handle, parse_float=decimal.Decimal)

        def tagged(value):
            if isinstance(value, bool):
                return {"bool": value}
            if isinstance(value, int):
                return {"int": str(value)}
            if isinstance(value, float):
                return {"float": repr(value)}
            if isinstance(value, str):
                return {"str": value}
            if value is None:
                return {"null": True}
            if isinstance(value, list):
                return {"seq": [tagged(item) for item in value]}
            if isinstance(value, dict):
                return {"map": [[tagged(key), tagged(item)] for key, item in value.items()]}
            return {"other": str(value)}

        CAPABILITIES = ["streaming", "function_calling", "reasoning", "structured_output", "vision", "audio_input",
                        "video_input", "pdf_input", "attachments", "image_generation", "audio_output",
                        "prompt_caching", "temperature", "interleaved_reasoning"]
        PRICES = ["input", "output", "cache_read", "cache_write", "reasoning", "input_audio", "output_audio"]

        def capabilities(model):
            modalities = model.get("modalities") or {}
            inputs, outputs = modalities.get("input") or [], modalities.get("output") or []
            cost = model.get("cost") or {}
            interleaved = model.get("interleaved")
            derived = {
                "streaming": "text" in outputs,
                "function_calling": model.get("tool_call") is True,
                "reasoning": model.get("reasoning") is True,
                "structured_output": model.get("structured_output") is True,
                "vision": "image" in inputs,
                "audio_input": "audio" in inputs,
                "video_input": "video" in inputs,
                "pdf_input": "pdf" in inputs,
                "attachments": model.get("attachment") is True,
                "image_generation": "image" in outputs,
                "audio_output": "audio" in outputs,
                "prompt_caching": cost.get("cache_read", 0) > 0,
                "temperature": model.get("temperature") is True,
                "interleaved_reasoning": interleaved is True or isinstance(interleaved, dict),
            }
            return [name for name in CAPABILITIES if derived[name]]

        def as_decimal(value):
            # PyYAML reads 0.0000025 as a float: its shortest repr is the decimal written.
            return decimal.Decimal(repr(value)) if isinstance(value, float) else decimal.Decimal(value)

        mismatches, documents = [], {}
        checked = {"files": 0, "models": 0, "prices": 0}

        def expect(condition, message):
            if not condition:
                mismatches.append(message)

        for provider_id, provider in sorted(catalog.items()):
            path = os.path.join(directory, provider_id + ".yml")
            if not os.path.exists(path):
                continue
            with open(path, "rb") as handle:
                data = yaml.load(handle, Loader=yaml.SafeLoader)
            documents[provider_id] = tagged(data)
            checked["files"] += 1
            expect(data.get("provider") == provider_id, provider_id + ": provider")
            for key in ["name", "env", "npm", "api", "doc"]:
                expect(data.get(key) == provider.get(key), "%s: %s" % (provider_id, key))
            models = data.get("models") or {}
            expect(list(models) == sorted(models), provider_id + ": models not sorted")
            expect(set(models) == set(provider["models"]), provider_id + ": model ids differ")
            for model_id, model in provider["models"].items():
                local = models.get(model_id)
                where = "%s/%s" % (provider_id, model_id)
                if not isinstance(local, dict):
                    mismatches.append(where + ": missing")
                    continue
                checked["models"] += 1
                limit = model.get("limit") or {}
                expect(local.get("name") == model.get("name"), where + ": name")
                expect(local.get("family") == model.get("family"), where + ": family")
                expect(local.get("context_window") == limit.get("context"), where + ": context_window")
                expect(local.get("max_input_tokens") == limit.get("input"), where + ": max_input_tokens")
                expect(local.get("max_output_tokens") == limit.get("output"), where + ": max_output_tokens")
                cost = model.get("cost")
                pricing = local.get("pricing")
                expect((pricing is None) == (not cost), where + ": pricing present")
                for name in PRICES:
                    if cost and name in cost:
                        checked["prices"] += 1
                        value = (pricing or {}).get(name)
                        expect(isinstance(value, (int, float)) and not isinstance(value, bool)
                               and as_decimal(value) == cost[name], "%s: pricing.%s %r" % (where, name, value))
                expect(local.get("capabilities") == capabilities(model), where + ": capabilities")
                expect(local.get("modalities") == model.get("modalities"), where + ": modalities")
                for key in ["knowledge", "release_date", "last_updated"]:
                    value = local.get(key)
                    expect(value == model.get(key) and (value is None or isinstance(value, str)),
                           "%s: %s %r" % (where, key, value))
                expect(local.get("open_weights") == model.get("open_weights"), where + ": open_weights")
                status = model.get("status")
                expect(local.get("status") == (status if status in ("alpha", "beta") else None), where + ": status")
                expect(local.get("available") is (status != "deprecated"), where + ": available")
                expect(local.get("deprecated") is (status == "deprecated"), where + ": deprecated")
                expect(local.get("source") == "models.dev", where + ": source")

        json.dump({"documents": documents, "mismatches": mismatches, "checked": checked}, sys.stdout)
        """#
}
