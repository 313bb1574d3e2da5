import Foundation

/// Runs a Python script with PyYAML, for checks against an independent YAML reader.
struct PythonRunner {
    let executable: URL

    /// A runner when `python3` can import `yaml`; `nil` otherwise.
    static func withPyYAML() -> PythonRunner? {
        for path in ["/usr/bin/python3", "/usr/local/bin/python3"] + searchPath() {
            let url = URL(fileURLWithPath: path)
            guard FileManager.default.isExecutableFile(atPath: url.path) else { continue }
            let runner = PythonRunner(executable: url)
            if (try? runner.run(script: "import yaml", input: [])) != nil { return runner }
        }
        return nil
    }

    private static func searchPath() -> [String] {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/python3" }
    }

    /// Runs `script` with `input` on standard input; returns standard output, throws on a non-zero exit.
    func run(script: String, input: [UInt8]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["-c", script]
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PythonError(message: String(decoding: errors, as: UTF8.self))
        }
        return Array(output)
    }

    struct PythonError: Error, CustomStringConvertible {
        var message: String
        var description: String { "python3 failed: \(message)" }
    }
}
