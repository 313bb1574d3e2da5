import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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

    /// The data of each file, by the path given; PyYAML runs in one of the ``ProcessSlots``, off the cooperative pool.
    static func read(_ paths: [String], slots: ProcessSlots = .shared) async throws -> [String: PlainValue] {
        guard !paths.isEmpty else { return [:] }
        return try await slots.run { try await offPool { try readNow(paths) } }
    }

    /// The data of one file.
    static func read(_ path: String) async throws -> PlainValue {
        guard let value = try await read([path])[path] else { throw OffPoolError(description: "\(path) not read") }
        return value
    }

    private static func readNow(_ paths: [String]) throws -> [String: PlainValue] {
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
        #if canImport(Glibc)
            setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(process.processIdentifier), 10)
        #else
            setpriority(PRIO_PROCESS, id_t(process.processIdentifier), 10)
        #endif
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw OffPoolError(
                description: "python3 with PyYAML is needed to read the written files back (CI installs it): "
                    + String(decoding: message, as: UTF8.self))
        }
        var result: [String: PlainValue] = [:]
        for member in try PlainJSON.read(output).members { result[member.key] = member.value }
        return result
    }
}
