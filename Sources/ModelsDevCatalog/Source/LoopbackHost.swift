/// Recognises loopback hosts, the only hosts plain `http://` may reach.
enum LoopbackHost {
    /// Whether `host` (as `URL.host` gives it, brackets optional for IPv6) is `localhost`, in 127.0.0.0/8, or `::1`.
    static func contains(_ host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name == "localhost" || name == "::1" || name == "0:0:0:0:0:0:0:1" {
            return true
        }
        let octets = name.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { octet in
            !octet.isEmpty && octet.count <= 3 && octet.allSatisfy(\.isASCII)
                && (UInt8(octet).map { _ in true } ?? false)
        }
    }
}
