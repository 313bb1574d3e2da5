import CatalogTestSupport
import Foundation
import Testing

/// Reads YAML files with PyYAML (`python3`), an independent YAML 1.1 reader, into ``PlainValue``s.
///
/// Values PyYAML reads as something other than JSON data (a date from an unquoted `2024-10-22`, a non-string key
/// such as `yes`) come back as marker strings like `<date 2024-10-22>`, so that they never equal the intended
/// string. CI installs PyYAML (`.ci/run`); without it these tests fail and say so.
enum PyYAMLReader {
    private static let script = """
        import sys, json, yaml, datetime
        Loader = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)
        def key(k):
            return k if isinstance(k, str) else '<%s %r>' % (type(k).__name__, k)
        def plain(v):
            if isinstance(v, dict):
                return {key(k): plain(x) for k, x in v.items()}
            if isinstance(v, list):
                return [plain(x) for x in v]
            if isinstance(v, (datetime.date, datetime.datetime)):
                return '<%s %s>' % (type(v).__name__, v.isoformat())
            if isinstance(v, float) and (v != v or v in (float('inf'), float('-inf'))):
                return '<float %r>' % v
            if isinstance(v, bytes):
                return '<binary>'
            return v
        out = {}
        for path in sys.argv[2:]:
            with open(path, 'rb') as f:
                out[path] = plain(yaml.load(f, Loader=Loader))
        with open(sys.argv[1], 'w', encoding='utf-8') as f:
            json.dump(out, f, ensure_ascii=False)
        """

    /// The data of each file, by the path given.
    static func read(_ paths: [String]) throws -> [String: PlainValue] {
        guard !paths.isEmpty else { return [:] }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("pyyaml-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, output.path] + paths
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(
            process.terminationStatus == 0,
            "python3 with PyYAML is needed to read the written files back: \(String(decoding: message, as: UTF8.self))"
        )
        var result: [String: PlainValue] = [:]
        for member in try PlainJSON.read(output).members { result[member.key] = member.value }
        return result
    }

    /// The data of one file.
    static func read(_ path: String) throws -> PlainValue {
        try #require(try read([path])[path])
    }
}
