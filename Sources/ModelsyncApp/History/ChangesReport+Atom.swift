import CatalogHistory
import Diagnostics
import Foundation
import ModelsDevCatalog

extension ChangesReport {
    /// An Atom 1.0 feed (RFC 4287): one entry per observation that shows changes, newest first.
    ///
    /// Every id is a `tag:` URI (RFC 4151) built from the source, and for an entry from the observation's time and
    /// digest: the same history gives the same ids and dates, so a cron job that rewrites the file shows a feed
    /// reader only the new observations. `updated` is the newest observation's time, never the time of the run.
    /// Text from the catalog is escaped for a terminal first (control characters shown as `\u{…}`), then for
    /// XML; characters XML 1.0 forbids are dropped.
    public var atom: String {
        let feedID = "tag:modelsync,2026:changes:" + Self.percentEncoded(source)
        let updated = groups.last?.observation.observedAt ?? newestObservation?.observedAt ?? since
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <id>\(Self.escaped(feedID))</id>
              <title>\(Self.escaped("Catalog changes of " + TerminalText.escape(source)))</title>
              <updated>\(Timestamp.format(updated))</updated>
              <author><name>modelsync</name></author>
              <generator version="\(Self.escaped(ModelsyncVersion.current))">modelsync</generator>

            """
        for group in groups.reversed() {
            let observation = group.observation
            let time = Timestamp.format(observation.observedAt)
            let count = group.changes.count
            let content = group.changes.map(Self.line).joined(separator: "\n")
            xml += """
                  <entry>
                    <id>\(Self.escaped(feedID + ":" + time + ":" + observation.digest))</id>
                    <title>\(count) change\(count == 1 ? "" : "s") on \(HistoryQuery.day(observation.observedAt))</title>
                    <updated>\(time)</updated>
                    <content type="text">\(Self.escaped(content))</content>
                  </entry>

                """
        }
        return xml + "</feed>"
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` escaped and the characters XML 1.0 forbids dropped (C0 controls but
    /// tab, line feed and carriage return; U+FFFE and U+FFFF).
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `text` with every byte but ASCII letters, digits, `-`, `.`, `_` and `~` percent-encoded, for a URI.
    static func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return result
    }
}
