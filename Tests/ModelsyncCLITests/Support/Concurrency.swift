import Foundation

/// A failure of work done off the cooperative pool, with its message.
struct OffPoolError: Error, CustomStringConvertible {
    var description: String
}

/// Runs blocking or long work on a thread of its own and awaits its result.
///
/// The cooperative pool has as many threads as the machine has processors (two on CI): parsing a 2.4 MB snapshot
/// or waiting for PyYAML on one of them would stall every other test, including those that measure time.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// Bounds how many child processes (`modelsync`, `python3`) the command-line tests run at once.
///
/// Dozens of tests start at the same moment; unbounded, their children would take every processor for seconds and
/// starve the tests elsewhere in the suite that measure time. The long-running tests have a slot of their own, so
/// that they start at once instead of after every short test.
actor ProcessSlots {
    /// The slots of the short tests.
    static let shared = ProcessSlots(count: 2)
    /// The slot of the long-running tests (``LongRunningTests``), which run one at a time.
    static let longRunning = ProcessSlots(count: 1)

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(count: Int) {
        free = count
    }

    /// Runs `body` while holding one slot.
    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        do {
            let result = try await body()
            release()
            return result
        } catch {
            release()
            throw error
        }
    }

    private func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
