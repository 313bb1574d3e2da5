internal import CZlib
import Foundation

/// One zlib deflate stream writing the gzip format (RFC 1952); ended in `deinit`.
final class GzipEncoder {
    private var stream = z_stream()
    private let isReady: Bool

    init() {
        // 15 window bits, + 16 for a gzip header and trailer; level 6 (zlib's default), memory level 8.
        isReady =
            deflateInit2_(
                &stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)
            )
            == Z_OK
    }

    deinit {
        if isReady { deflateEnd(&stream) }
    }

    /// `bytes` compressed whole into one gzip member; `nil` when zlib fails (the caller sends them as they are).
    func compress(_ bytes: [UInt8]) -> [UInt8]? {
        guard isReady else { return nil }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))))
        var input = bytes
        let status = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        output.removeLast(Int(stream.avail_out))
        return output
    }

    /// Whether a request's `Accept-Encoding` values accept gzip: `gzip`, `x-gzip` or `*`, without `q=0`.
    static func accepted(by fields: [String]) -> Bool {
        for field in fields {
            for member in field.split(separator: ",") {
                let parts = member.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                guard let coding = parts.first, coding == "gzip" || coding == "x-gzip" || coding == "*" else {
                    continue
                }
                let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) }
                if (quality ?? 1) > 0 { return true }
            }
        }
        return false
    }
}
