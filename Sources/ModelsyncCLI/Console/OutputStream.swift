import Foundation

/// Where a command writes text: the process's standard output or error, or a buffer that a test reads.
protocol OutputStream: Sendable {
    func write(_ bytes: [UInt8])
}

extension OutputStream {
    func write(_ text: String) {
        write(Array(text.utf8))
    }
}

/// A file descriptor of the process, such as standard output; every write goes out whole.
struct FileDescriptorStream: OutputStream {
    let descriptor: Int32

    func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var written = 0
            while written < raw.count, let base = raw.baseAddress {
                let result = Foundation.write(descriptor, base + written, raw.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    return
                }
                written += result
            }
        }
    }
}

/// Collects what is written, for a test to read.
final class CapturedStream: OutputStream, @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []

    init() {}

    func write(_ bytes: [UInt8]) {
        lock.withLock { self.bytes += bytes }
    }

    /// Everything written so far, as UTF-8 text.
    var text: String {
        lock.withLock { String(decoding: bytes, as: UTF8.self) }
    }
}
