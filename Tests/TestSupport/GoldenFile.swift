import Foundation
import Testing

/// Golden files: expected output kept in the repository, compared byte for byte, and rewritten only when
/// `RECORD_SNAPSHOTS=1`.
public enum GoldenFile {
    /// Whether this run rewrites golden files instead of comparing.
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    /// Compares `output` with the golden file at `url` (a missing one fails the test), or rewrites it when
    /// recording.
    public static func expect(
        _ output: [UInt8], matches url: URL, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        if isRecording {
            try Data(output).write(to: url)
            return
        }
        guard let expected = try? Data(contentsOf: url) else {
            Issue.record(
                "missing golden file \(url.lastPathComponent); run with RECORD_SNAPSHOTS=1",
                sourceLocation: sourceLocation)
            return
        }
        #expect(
            String(decoding: output, as: UTF8.self) == String(decoding: expected, as: UTF8.self),
            "\(url.lastPathComponent) differs", sourceLocation: sourceLocation)
        #expect(output == Array(expected), "bytes differ (line endings or BOM)", sourceLocation: sourceLocation)
    }

    /// Compares `text` with the golden file at `url`, or rewrites it when recording.
    public static func expect(_ text: String, matches url: URL, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        try expect(Array(text.utf8), matches: url, sourceLocation: sourceLocation)
    }
}
