/// FNV-1a over bytes, 64 bits: the hashes of ETags (not a defence against anyone; a change of one byte changes it).
struct EntityTagHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
        for byte in text.utf8 {
            value = (value ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        // A separator, so that "ab" + "c" and "a" + "bc" differ.
        value = (value ^ 0xFF) &* 0x100_0000_01b3
    }

    /// The hash in 16 lower-case hexadecimal digits.
    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
