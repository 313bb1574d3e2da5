/// Formats sizes for people: `512 bytes`, `2.4 MB`, `64 MiB`.
public enum ByteCount {
    /// `bytes` in the largest binary unit that divides it exactly (`64 MiB`), else in decimal MB/kB with one
    /// decimal (`2.4 MB`).
    public static func format(_ bytes: Int) -> String {
        let units = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")]
        for (size, unit) in units where bytes >= size && bytes % size == 0 {
            return "\(bytes / size) \(unit)"
        }
        if bytes >= 1_000_000 { return "\(tenths(bytes, per: 1_000_000)) MB" }
        if bytes >= 1_000 { return "\(tenths(bytes, per: 1_000)) kB" }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }

    private static func tenths(_ bytes: Int, per unit: Int) -> String {
        let scaled = (bytes * 10 + unit / 2) / unit
        return "\(scaled / 10).\(scaled % 10)"
    }
}
