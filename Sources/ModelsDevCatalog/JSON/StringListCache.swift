import Foundation

/// Shares the `[String]` of lists that repeat byte for byte, such as `["text","image"]` in `modalities`.
///
/// A list is first decoded in full and its exact JSON text remembered; a later list whose text up to its first
/// `]` is identical gets the same array without decoding (identical bytes decode identically). Thousands of
/// models share a handful of modality lists, so this saves an allocation per list.
struct StringListCache {
    /// The most distinct lists remembered.
    static let capacity = 32

    private var entries: [(text: [UInt8], list: [String])] = []

    /// Reads a list of strings (or `null`) at the scanner, failing with a shape error that names `what`.
    mutating func read(
        _ scanner: inout JSONScanner, _ what: @autoclosure () -> String
    ) throws(JSONScanner.Failure) -> [String]? {
        guard scanner.peek() == UInt8(ascii: "[") else { return try CatalogDecoder.optionalStrings(&scanner, what()) }
        let buffer = scanner.buffer
        let open = scanner.offset
        var close = open
        while close < buffer.count, buffer[close] != UInt8(ascii: "]") { close += 1 }
        if close < buffer.count, let base = buffer.baseAddress {
            let length = close + 1 - open
            for entry in entries where entry.text.count == length {
                let isEqual = entry.text.withUnsafeBufferPointer { text in
                    text.baseAddress.map { memcmp($0, base + open, length) == 0 } ?? false
                }
                if isEqual {
                    scanner.skip(to: close + 1)
                    return entry.list
                }
            }
        }
        let list = try CatalogDecoder.optionalStrings(&scanner, what())
        if let list, entries.count < Self.capacity {
            entries.append((Array(buffer[open..<scanner.offset]), list))
        }
        return list
    }
}
