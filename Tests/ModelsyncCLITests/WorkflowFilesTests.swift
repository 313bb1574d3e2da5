import Foundation
import TestSupport
import Testing

/// The composite GitHub Action (`action.yml`), which cannot run here: its structure, read with PyYAML, and the shell
/// of its last step, run with a stand-in for modelsync.
@Suite struct WorkflowFilesTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `action.yml` as PyYAML reads it.
    static func action() async throws -> (definition: ActionDefinition, text: String) {
        let python = try await offPool { try ExternalTool.pythonWithPyYAML() }
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("action.yml"), encoding: .utf8)
        let json = try await offPool {
            try python.runScript(
                "import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))", input: Array(text.utf8))
        }
        return (try JSONDecoder().decode(ActionDefinition.self, from: Data(json)), text)
    }

    @Test func actionIsACompositeActionWhoseExpressionsNameWhatItDeclares() async throws {
        let (action, text) = try await Self.action()

        #expect(action.name == "modelsync")
        #expect(!action.description.isEmpty)
        #expect(action.runs.using == "composite")
        #expect(Set(action.inputs.keys).isSuperset(of: ["command", "source", "args", "config-dir"]))
        #expect(action.inputs["command"]?.default == "check")
        for (name, input) in action.inputs {
            #expect(!input.description.isEmpty, "input \(name) has a description")
        }
        for step in action.runs.steps {
            #expect(step.name != nil, "every step is named")
            if let run = step.run {
                #expect(step.shell == "bash", "a composite step that runs a command names its shell: \(run.prefix(60))")
                #expect(!run.contains("${{"), "inputs reach the shell through env, never pasted into it")
            }
        }

        let referencedInputs = Set(text.matches(of: /inputs\.([A-Za-z0-9_-]+)/).map { String($0.output.1) })
        #expect(!referencedInputs.isEmpty)
        #expect(referencedInputs.subtracting(action.inputs.keys).isEmpty, "undeclared: \(referencedInputs)")
        let stepIDs = Set(action.runs.steps.compactMap(\.id))
        let referencedSteps = Set(text.matches(of: /steps\.([A-Za-z0-9_-]+)\.outputs/).map { String($0.output.1) })
        #expect(!referencedSteps.isEmpty)
        #expect(referencedSteps.subtracting(stepIDs).isEmpty, "unknown steps: \(referencedSteps)")

        let install = try #require(action.runs.steps.first { $0.run?.contains("scripts/install.sh") == true })
        #expect(install.run?.contains("\"$GITHUB_ACTION_PATH/scripts/install.sh\" \"$PREFIX\"") == true)
        #expect(FileManager.default.isExecutableFile(atPath: Self.repositoryRoot.path + "/scripts/install.sh"))
    }

    @Test func actionRunStepPassesTheInputsAndTheExitStatus() async throws {
        let (action, _) = try await Self.action()
        let step = try #require(action.runs.steps.first { $0.id == "run" })
        let script = try #require(step.run)
        let environment = try #require(step.env)
        #expect(
            Set(environment.keys) == ["MODELSYNC", "COMMAND", "SOURCE", "CONFIG_DIR", "ARGS"], "\(environment.keys)")

        let directory = try TemporaryDirectory("modelsync-action")
        // A stand-in for modelsync: records its arguments, one a line, and exits 1 (check: a file is not current).
        try directory.write("modelsync", "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$ARGUMENTS_FILE\"\nexit 1\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.file("modelsync"))
        func runStep(command: String, outputs: String) async throws -> ShellCommand.Result {
            try await ShellCommand.run(
                "bash", ["-e", "-c", script], in: directory.url,
                environment: [
                    "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                    "MODELSYNC": directory.file("modelsync"), "COMMAND": command,
                    "SOURCE": "config/models-dev-snapshot.json", "CONFIG_DIR": "config", "ARGS": "--diff --prune",
                    "GITHUB_OUTPUT": directory.file(outputs), "ARGUMENTS_FILE": directory.file("arguments"),
                ])
        }

        let check = try await runStep(command: "check", outputs: "check-outputs")
        #expect(check.status == 1, "the step fails as modelsync does: \(check.stderr)")
        #expect(
            try directory.read("arguments")
                == "check\n--config-dir\nconfig\n--source\nconfig/models-dev-snapshot.json\n--diff\n--prune\n")
        #expect(try directory.read("check-outputs") == "exit-code=1\n")

        let other = try await runStep(command: "list", outputs: "list-outputs")
        #expect(other.status == 64)
        #expect(other.stdout == "::error::input command must be check or sync, not 'list'\n")
    }
}

/// The keys of `action.yml` the tests read.
struct ActionDefinition: Decodable {
    var name: String
    var description: String
    var inputs: [String: Input]
    var outputs: [String: Output]
    var runs: Runs

    struct Input: Decodable {
        var description: String
        var required: Bool?
        var `default`: String?
    }

    struct Output: Decodable {
        var description: String
        var value: String
    }

    struct Runs: Decodable {
        var using: String
        var steps: [Step]
    }

    struct Step: Decodable {
        var name: String?
        var id: String?
        var shell: String?
        var run: String?
        var env: [String: String]?
    }
}
