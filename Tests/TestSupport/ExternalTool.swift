import Foundation

/// A program outside the package (`yamllint`, `python3`, `pre-commit`), run as an independent check of what
/// modelsync writes or of the integrations it ships.
///
/// CI installs them (`.ci/run`); a machine without them fails the tests that need them, with the command to run.
public struct ExternalTool: Sendable {
    public let executable: URL

    /// The result of one run.
    public struct Output: Sendable {
        public var status: Int32
        public var standardOutput: [UInt8]
        public var standardError: String

        public var text: String { String(decoding: standardOutput, as: UTF8.self) }
    }

    public struct Missing: Error, CustomStringConvertible {
        public var name: String
        public var hint: String
        public var description: String { "\(name) not found on PATH; \(hint) (CI's .ci/run installs it)" }
    }

    /// The first executable called `name` on `PATH` (or in `/usr/bin`, `/usr/local/bin`).
    public static func find(_ name: String, hint: String) throws -> ExternalTool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/local/bin", "/usr/bin"]
        for directory in directories where !directory.isEmpty {
            let url = URL(fileURLWithPath: directory).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return ExternalTool(executable: url) }
        }
        throw Missing(name: name, hint: hint)
    }

    /// Arguments put before the caller's (`-m yamllint` when yamllint runs as a Python module).
    public var prefix: [String] = []

    /// `yamllint`, from PyPI: the `yamllint` command, else `python3 -m yamllint`.
    public static func yamllint() throws -> ExternalTool {
        let hint = "run `python3 -m pip install yamllint`"
        // A pyenv shim exists even when the active Python lacks the package: check that it really runs.
        if let tool = try? find("yamllint", hint: hint), (try? tool.run(["--version"]))?.status == 0 {
            return tool
        }
        if var python = try? find("python3", hint: hint) {
            python.prefix = ["-m", "yamllint"]
            if (try? python.run(["--version"]))?.status == 0 { return python }
        }
        throw Missing(name: "yamllint", hint: hint)
    }

    /// `pre-commit`, from PyPI: the `pre-commit` command, else `python3 -m pre_commit`.
    public static func preCommit() throws -> ExternalTool {
        let hint = "run `python3 -m pip install pre-commit`"
        if let tool = try? find("pre-commit", hint: hint), (try? tool.run(["--version"]))?.status == 0 {
            return tool
        }
        if var python = try? find("python3", hint: hint) {
            python.prefix = ["-m", "pre_commit"]
            if (try? python.run(["--version"]))?.status == 0 { return python }
        }
        throw Missing(name: "pre-commit", hint: hint)
    }

    /// `python3` that can `import yaml` (PyYAML).
    public static func pythonWithPyYAML() throws -> ExternalTool {
        let tool = try find("python3", hint: "install python3")
        guard (try? tool.run(["-c", "import yaml"]))?.status == 0 else {
            throw Missing(name: "PyYAML", hint: "run `python3 -m pip install pyyaml`")
        }
        return tool
    }

    /// Runs `script` with `python3 -c`, `input` on standard input; its standard output, or an error with its
    /// standard error when it exits non-zero.
    public func runScript(_ script: String, input: [UInt8] = []) throws -> [UInt8] {
        let output = try run(["-c", script], input: input)
        guard output.status == 0 else { throw Failed(message: output.standardError) }
        return output.standardOutput
    }

    /// A program that exited non-zero.
    public struct Failed: Error, CustomStringConvertible {
        public var message: String
        public var description: String { "the program failed: \(message)" }
    }

    /// Runs the program on a thread outside Swift's cooperative pool, so that a minute of waiting for yamllint does
    /// not hold a pool thread that the asynchronous tests running beside it need.
    public func run(_ arguments: [String], input: [UInt8] = []) async throws -> Output {
        try await offCooperativePool { try self.run(arguments, input: input) }
    }

    /// Runs the program with `arguments`, feeding `input` on standard input; never throws for a non-zero exit.
    ///
    /// The program runs at the lowest CPU priority (`nice -n 19`) when `nice` exists: a minute of yamllint must not
    /// starve the timing-sensitive tests that run beside it.
    public func run(_ arguments: [String], input: [UInt8] = []) throws -> Output {
        let process = Process()
        let nice = "/usr/bin/nice"
        if FileManager.default.isExecutableFile(atPath: nice) {
            process.executableURL = URL(fileURLWithPath: nice)
            process.arguments = ["-n", "19", executable.path] + prefix + arguments
        } else {
            process.executableURL = executable
            process.arguments = prefix + arguments
        }
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Read both streams while the program runs, so a full pipe never blocks it. Standard error is read on a
        // thread of its own: a libdispatch worker held for a minute starves the global dispatch queues that other
        // tests of a parallel run use (the network tests' timers ran there while the transport was URLSession).
        let collected = CollectedOutput()
        let stderrDone = DispatchSemaphore(value: 0)
        let reader = Thread {
            collected.setError(stderr.fileHandleForReading.readDataToEndOfFile())
            stderrDone.signal()
        }
        reader.start()
        if !input.isEmpty { stdin.fileHandleForWriting.write(Data(input)) }
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        stderrDone.wait()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, standardOutput: Array(output),
            standardError: String(decoding: collected.error, as: UTF8.self))
    }
}

/// Runs blocking or CPU-heavy test work on a thread of its own, so that Swift's cooperative pool (two threads on the
/// project's machines) and libdispatch's workers stay free for the asynchronous, timing-sensitive tests that run
/// beside it.
///
/// The thread keeps the normal priority: it may hold a lazily initialised static (the decoded catalog) that
/// threads of other tests wait for.
public func offCooperativePool<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

/// Standard error collected on another thread.
private final class CollectedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func setError(_ value: Data) {
        lock.lock()
        data = value
        lock.unlock()
    }

    var error: Data {
        lock.lock()
        defer { lock.unlock() }
        return data
    }
}

/// One problem `yamllint -f parsable` reports.
public struct YamllintProblem: Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var level: String
    public var message: String
    public var rule: String

    public var description: String { "\(path):\(line): [\(level)] \(message) (\(rule))" }

    /// Parses `path:line:column: [level] message (rule)` lines; other lines are ignored.
    public static func parse(_ text: String) -> [YamllintProblem] {
        text.split(separator: "\n").compactMap { line -> YamllintProblem? in
            guard let levelStart = line.range(of: ": ["),
                let levelEnd = line.range(of: "] ", range: levelStart.upperBound..<line.endIndex)
            else { return nil }
            let location = line[..<levelStart.lowerBound].split(separator: ":")
            guard location.count >= 3, let number = Int(location[location.count - 2]) else { return nil }
            let path = location.dropLast(2).joined(separator: ":")
            let level = String(line[levelStart.upperBound..<levelEnd.lowerBound])
            var message = String(line[levelEnd.upperBound...])
            var rule = ""
            if message.hasSuffix(")"), let open = message.lastIndex(of: "(") {
                rule = String(message[message.index(after: open)..<message.index(before: message.endIndex)])
                message = String(message[..<open]).trimmingCharacters(in: .whitespaces)
            }
            return YamllintProblem(path: path, line: number, level: level, message: message, rule: rule)
        }
    }
}
