import Foundation
import TestSupport
import Testing

extension LongRunningTests {
    /// The acceptance walk of issue 4, with the built binary and the real snapshots: bootstrap an empty models directory
    /// from 2025-08-03, then sync to 2026-01-05 and (with `--prune`) to 2026-07-02, with hand edits made before each
    /// step.
    ///
    /// After every step: each hand-written part is still there byte for byte and in order; the managed data of every
    /// file (read back by PyYAML) equals what the test derives from the snapshot itself; `check` exited 1 before and
    /// exits 0 after; a second sync changes no byte and no modification time; `--json` reports exactly the models
    /// added, removed and marked unavailable that the snapshots' differences imply.
    @Suite struct SnapshotWalkTests {
        @Test(TestTier.long)
        func walksThreeSnapshotsKeepingEveryHandEditAndMatchingTheCatalog() async throws {
            let walk = try SnapshotWalk()
            var snapshots: [Snapshot] = []
            for name in ["api-2025-08-03.json", "api-2026-01-05.json", "api-2026-07-02.json"] {
                snapshots.append(try await Snapshot.load(name))
            }

            try await walk.step(to: snapshots[0], prune: false)
            #expect(walk.runner.providerIDs() == snapshots[0].providers.map(\.key).sorted())

            try walk.editBeforeSecondStep()
            try await walk.step(to: snapshots[1], prune: false)

            try walk.editBeforeThirdStep()
            try await walk.step(to: snapshots[2], prune: true)
            #expect(walk.runner.providerIDs().count == 33, "existing files decide the set: no provider file is added")
        }
    }
}

/// The state of the walk: the runner, what each file must hold, and the hand-written parts to find again.
private final class SnapshotWalk {
    /// Text written by hand that every later sync must keep byte for byte.
    struct HandPart {
        var file: String
        var text: String
    }

    /// An end-of-line comment on a managed key's line: it must stay on that line, at its column.
    struct LineComment {
        var file: String
        var model: String
        var key: String
        var comment: String
        var column: Int
    }

    let runner: CommandRunner
    var files: [String: ExpectedFile] = [:]
    var parts: [HandPart] = []
    /// Per file, the indexes of its parts in `parts`, in the order they appear in the file.
    var partOrder: [String: [Int]] = [:]
    var comments: [LineComment] = []
    var userProviderKeys: [String: [PlainMember]] = [:]
    var stepNumber = 0

    /// An empty models directory: the first sync writes one file per provider the snapshot lists.
    init() throws {
        runner = try CommandRunner(slots: .longRunning)
        try FileManager.default.createDirectory(at: runner.modelsDirectory, withIntermediateDirectories: true)
    }

    // MARK: - Hand edits

    /// Edits made before syncing to 2026-01-05, in files written from 2025-08-03.
    func editBeforeSecondStep() throws {
        let head = "# Anthropic models — reviewed by the platform team\n# Prices in USD per million tokens.\n"
        try edit("anthropic") { "\(head)\($0)" }
        addPart("anthropic", head + "provider: anthropic\n")

        let defaultModel = "default_model: claude-sonnet-4-20250514  # user-owned\n"
        try edit("anthropic") { try HandEdit.insert(defaultModel, beforeLine: "models:", in: $0) }
        addPart("anthropic", defaultModel)
        userProviderKeys["anthropic", default: []].append(
            PlainMember("default_model", .string("claude-sonnet-4-20250514")))

        let above = "  # Kept for the batch jobs.\n  # Ask the platform team before removing it.\n"
        try edit("anthropic") { try HandEdit.insert(above, beforeLine: "  claude-3-5-haiku-20241022:", in: $0) }
        addPart("anthropic", above + "  claude-3-5-haiku-20241022:\n")

        let userKeys =
            "    notes: Cheap and fast.   # reviewed in January\n"
            + "    task_complexity_score:\n      simple: 1.5\n      complex: 4.2\n"
        try edit("anthropic") { try HandEdit.append(userKeys, toModel: "claude-3-5-haiku-20241022", in: $0) }
        addPart("anthropic", userKeys)
        files["anthropic"]?.userOwned.insert("claude-3-5-haiku-20241022")

        let userCapability = "      - web_search  # not in the managed vocabulary\n"
        try edit("anthropic") {
            try HandEdit.insert(
                userCapability, afterKey: "capabilities", ofModel: "claude-3-5-sonnet-20241022", in: $0)
        }
        addPart("anthropic", "    capabilities:\n" + userCapability)

        // deepseek-reasoner's input price goes 0.55 → 0.28 → 0.14 upstream; the pin keeps 0.55.
        let pin = "    pinned: [pricing.input]\n"
        try edit("deepseek") { try HandEdit.append(pin, toModel: "deepseek-reasoner", in: $0) }
        addPart("deepseek", pin)
        pinModel("deepseek", "deepseek-reasoner", ["pricing.input"])
        // Its output limit goes 8192 → 128000 → 384000: the comment stays on the line, at its column.
        try addLineComment("deepseek", model: "deepseek-reasoner", key: "max_output_tokens", column: 40)

        // mistral-large-latest's output limit goes 16384 → 262144 upstream; the pin keeps 16384.
        let mistral = "    notes: Default for French.   # user-owned\n    pinned:\n      - max_output_tokens\n"
        try edit("mistral") { try HandEdit.append(mistral, toModel: "mistral-large-latest", in: $0) }
        addPart("mistral", mistral)
        pinModel("mistral", "mistral-large-latest", ["max_output_tokens"])

        // qwen-3-coder-480b vanishes in 2026-01-05; `available` is pinned (a single string), so it stays true.
        let available = "    pinned: available   # still offered to us\n"
        try edit("cerebras") { try HandEdit.append(available, toModel: "qwen-3-coder-480b", in: $0) }
        addPart("cerebras", available)
        pinModel("cerebras", "qwen-3-coder-480b", ["available"])
        recordPartOrder()
    }

    /// Edits made before syncing to 2026-07-02 with `--prune`.
    func editBeforeThirdStep() throws {
        let head = "# OpenAI models\n#\n# Reviewed monthly.\n"
        try edit("openai") { "\(head)\($0)" }
        addPart("openai", head + "provider: openai\n")

        let providerKeys = "default_model: gpt-4o\nmetadata:\n  owner: platform-team\n  reviewed: 2026-01-10\n"
        try edit("openai") { try HandEdit.insert(providerKeys, beforeLine: "models:", in: $0) }
        addPart("openai", providerKeys)
        userProviderKeys["openai", default: []].append(PlainMember("default_model", .string("gpt-4o")))

        let above = "  # Legacy, kept for old clients.\n"
        try edit("openai") { try HandEdit.insert(above, beforeLine: "  gpt-4:", in: $0) }
        addPart("openai", above + "  gpt-4:\n")

        // o1-preview vanishes in 2026-07-02; its pinned `available` keeps it true, and --prune keeps it.
        let pin = "    pinned: [available]   # keep it offered\n"
        try edit("openai") { try HandEdit.append(pin, toModel: "o1-preview", in: $0) }
        addPart("openai", pin)
        pinModel("openai", "o1-preview", ["available"])

        // deepseek-chat's output limit goes 8192 → 384000.
        try addLineComment("deepseek", model: "deepseek-chat", key: "max_output_tokens", column: 44)

        // grok-2-1212 vanishes: with a user key, --prune keeps it and marks it unavailable.
        let notes = "    notes: Kept for the archive.\n"
        try edit("xai") { try HandEdit.append(notes, toModel: "grok-2-1212", in: $0) }
        addPart("xai", notes)
        files["xai"]?.userOwned.insert("grok-2-1212")

        // llama3-8b-8192 was already deprecated (available: false) and now vanishes: kept, not reported.
        let deprecated = "    notes: Deprecated upstream; kept for reference.\n"
        try edit("groq") { try HandEdit.append(deprecated, toModel: "llama3-8b-8192", in: $0) }
        addPart("groq", deprecated)
        files["groq"]?.userOwned.insert("llama3-8b-8192")
        recordPartOrder()
    }

    private func edit(_ file: String, _ change: (String) throws -> String) throws {
        try runner.write(try change(try runner.text(file)), to: file)
    }

    private func addPart(_ file: String, _ text: String) {
        parts.append(HandPart(file: file, text: text))
    }

    private func pinModel(_ file: String, _ model: String, _ keys: [String]) {
        files[file]?.pins[model, default: []] += keys
        files[file]?.userOwned.insert(model)
    }

    private func addLineComment(_ file: String, model: String, key: String, column: Int) throws {
        let comment = "# checked by hand"
        let line = try HandEdit.line(ofKey: key, inModel: model, in: try runner.text(file))
        let padding = String(repeating: " ", count: column - line.count)
        try edit(file) { try HandEdit.appendComment(padding + comment, toKey: key, ofModel: model, in: $0) }
        comments.append(LineComment(file: file, model: model, key: key, comment: comment, column: column))
    }

    /// Records, per file, the order in which its hand-written parts appear.
    private func recordPartOrder() {
        partOrder = [:]
        for file in Set(parts.map(\.file)) {
            guard let text = try? runner.text(file) else { continue }
            let indexes = parts.indices.filter { parts[$0].file == file }
            partOrder[file] = indexes.sorted { left, right in
                (offsets(of: parts[left].text, in: text).first ?? -1)
                    < (offsets(of: parts[right].text, in: text).first ?? -1)
            }
        }
    }

    // MARK: - Steps

    /// Syncs to `snapshot` and checks everything the walk promises.
    func step(to snapshot: Snapshot, prune: Bool, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        stepNumber += 1
        let label = "step \(stepNumber) (\(snapshot.name))"
        // The walk checks the managed data against the snapshot itself: every change applied, none held for review
        // (GuardedUpdateTests covers the guards on the same snapshots).
        let arguments = ["--source", snapshot.path, "--accept-held"] + (prune ? ["--prune"] : [])
        let firstRun = runner.providerIDs().isEmpty

        let checkBefore = try await runner.run(["check", "--quiet"] + arguments)
        #expect(
            checkBefore.status == 1, "\(label): check before: \(checkBefore.stderr)", sourceLocation: sourceLocation)
        #expect(parts.isEmpty || partsIssues().isEmpty, "\(label): hand edits were not found before the step")

        let ids = firstRun ? snapshot.providers.map(\.key) : runner.providerIDs()
        var wanted: [String: ExpectedFile.StepReport] = [:]
        for id in ids {
            let provider = try #require(snapshot.provider(id), "\(label): the snapshot lacks provider \(id)")
            var file = files[id] ?? ExpectedFile(id: id)
            wanted[id] = file.apply(provider, prune: prune)
            files[id] = file
        }

        let before = try runner.modelsState()
        let sync = try await runner.run(["sync", "--json"] + arguments)
        #expect(sync.status == 0, "\(label): sync: \(sync.stderr)", sourceLocation: sourceLocation)
        let after = try runner.modelsState()
        let output = sync.stdout
        let report = try await offPool { try PlainJSON.parse(Data(output.utf8)) }
        let reported = report["providers"]?.arrayValue ?? []
        #expect(reported.compactMap { $0["provider"]?.stringValue } == ids.sorted(), "\(label)")
        var reportIssues: [String] = []
        for entry in reported {
            let id = entry["provider"]?.stringValue ?? "?"
            let ids = { (key: String) in (entry[key]?.arrayValue ?? []).compactMap(\.stringValue).sorted() }
            let got = ExpectedFile.StepReport(
                added: ids("added"), removed: ids("removed"), unavailable: ids("unavailable"))
            if got != wanted[id] {
                reportIssues.append(
                    "\(id): reported \(got); the snapshots imply \(wanted[id].map(\.description) ?? "nothing")")
            }
            let path = "config/models/\(id).yml"
            let changed = before.files["\(id).yml"]?.bytes != after.files["\(id).yml"]?.bytes
            let status = firstRun ? "created" : changed ? "updated" : "unchanged"
            if entry["status"]?.stringValue != status {
                reportIssues.append("\(id): status \(entry["status"] ?? .null), expected \(status)")
            }
            if entry["file"]?.stringValue != path || entry["upstream"]?.stringValue != id || entry["error"] != .null
                || entry["conflicts"]?.arrayValue?.isEmpty != true
            {
                reportIssues.append("\(id): unexpected report \(entry)")
            }
        }
        #expect(
            reportIssues.isEmpty, "\(label): \(reportIssues.joined(separator: "\n"))", sourceLocation: sourceLocation)

        let paths = ids.map { runner.providerFile($0).path }
        let data = try await PyYAMLReader.read(paths, slots: runner.slots)
        let expectations = ids.map { id in (id, files[id], userProviderKeys[id] ?? [], runner.providerFile(id).path) }
        let dataIssues = try await offPool {
            expectations.flatMap { id, file, userKeys, path -> [String] in
                guard let file, let read = data[path] else { return ["\(id).yml was not read"] }
                return file.mismatches(in: read, userProviderKeys: userKeys)
            }
        }
        #expect(
            dataIssues.isEmpty,
            "\(label): \(dataIssues.count) differences:\n\(dataIssues.prefix(30).joined(separator: "\n"))",
            sourceLocation: sourceLocation)
        #expect(
            partsIssues().isEmpty, "\(label): \(partsIssues().joined(separator: "\n"))", sourceLocation: sourceLocation)
        let lineIssues = try commentIssues()
        #expect(lineIssues.isEmpty, "\(label): \(lineIssues.joined(separator: "\n"))", sourceLocation: sourceLocation)

        let checkAfter = try await runner.run(["check", "--quiet"] + arguments)
        #expect(
            checkAfter.status == 0, "\(label): check after: \(checkAfter.stdout)\(checkAfter.stderr)",
            sourceLocation: sourceLocation)
        // No file to change; what `--quiet` still says is the hand edits' pinned values that differ upstream.
        let fileLines = checkAfter.stdout.split(separator: "\n").filter {
            !$0.hasSuffix(" differ upstream") && !$0.hasSuffix(" differs upstream")
        }
        #expect(fileLines.isEmpty, "\(label): \(checkAfter.stdout)", sourceLocation: sourceLocation)

        let again = try await runner.run(["sync", "--json"] + arguments)
        #expect(again.status == 0, "\(label): second sync: \(again.stderr)", sourceLocation: sourceLocation)
        let statuses = try PlainJSON.parse(Data(again.stdout.utf8))["providers"]?.arrayValue?.compactMap {
            $0["status"]?.stringValue
        }
        #expect(statuses == Array(repeating: "unchanged", count: ids.count), "\(label)", sourceLocation: sourceLocation)
        let final = try runner.modelsState()
        #expect(
            final == after, "\(label): the second sync touched \(final.differences(from: after))",
            sourceLocation: sourceLocation)
    }

    /// Every hand-written part that is missing, repeated or out of order.
    private func partsIssues() -> [String] {
        var issues: [String] = []
        for (file, order) in partOrder {
            guard let text = try? runner.text(file) else {
                issues.append("\(file).yml cannot be read")
                continue
            }
            var last = -1
            for index in order {
                let found = offsets(of: parts[index].text, in: text)
                if found.count != 1 {
                    issues.append("\(file).yml holds \(found.count) copies of \(PlainJSON.quoted(parts[index].text))")
                } else if found[0] <= last {
                    issues.append("\(file).yml: \(PlainJSON.quoted(parts[index].text)) moved")
                }
                last = found.first ?? last
            }
        }
        return issues
    }

    /// Every end-of-line comment on a managed line that moved or vanished.
    private func commentIssues() throws -> [String] {
        var issues: [String] = []
        for comment in comments {
            let line = try HandEdit.line(ofKey: comment.key, inModel: comment.model, in: try runner.text(comment.file))
            let start = line.count - comment.comment.count
            if !line.hasSuffix(comment.comment) || start != comment.column {
                issues.append("\(comment.file).yml \(comment.model).\(comment.key): \(PlainJSON.quoted(line))")
            }
        }
        return issues
    }

    /// The UTF-8 offsets at which `part` occurs in `text`.
    private func offsets(of part: String, in text: String) -> [Int] {
        let haystack = Data(text.utf8)
        let needle = Data(part.utf8)
        var found: [Int] = []
        var start = haystack.startIndex
        while let range = haystack.range(of: needle, in: start..<haystack.endIndex) {
            found.append(range.lowerBound)
            start = range.lowerBound + 1
        }
        return found
    }
}
