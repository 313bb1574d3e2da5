/// Converts libyaml mark indexes (Unicode scalars from the start, a BOM not counted, CRLF counted as 2) to UTF-8
/// byte offsets.
///
/// For pure-ASCII input this is an addition. Otherwise a cursor walks the UTF-8 bytes from the previous answer,
/// forwards or backwards; libyaml's marks arrive almost in order, so each step is short.
struct MarkConverter {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let byteOrderMarkLength: Int
    private let isASCII: Bool
    private var cursorIndex = 0
    private var cursorOffset: Int

    init(bytes: UnsafeBufferPointer<UInt8>, byteOrderMarkLength: Int) {
        self.bytes = bytes
        self.byteOrderMarkLength = byteOrderMarkLength
        self.cursorOffset = byteOrderMarkLength
        self.isASCII = MarkConverter.isASCII(bytes, from: byteOrderMarkLength)
    }

    /// The UTF-8 byte offset of the character at libyaml `index`.
    mutating func byteOffset(ofCharacterIndex index: Int) -> Int {
        if isASCII { return byteOrderMarkLength + index }
        while cursorIndex < index, cursorOffset < bytes.count {
            cursorOffset += MarkConverter.sequenceLength(leadByte: bytes[cursorOffset])
            cursorIndex += 1
        }
        while cursorIndex > index, cursorOffset > byteOrderMarkLength {
            cursorOffset -= 1
            while cursorOffset > byteOrderMarkLength, bytes[cursorOffset] & 0xC0 == 0x80 { cursorOffset -= 1 }
            cursorIndex -= 1
        }
        return min(cursorOffset, bytes.count)
    }

    private static func sequenceLength(leadByte: UInt8) -> Int {
        switch leadByte {
        case 0..<0x80: return 1
        case 0xF0...: return 4
        case 0xE0...: return 3
        case 0xC0...: return 2
        default: return 1
        }
    }

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var index = start
        let count = bytes.count
        guard let base = bytes.baseAddress else { return true }
        while index + 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < count {
            if bytes[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }
}
