import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One turn of a scripted conversation with a program on a terminal: wait until it prints `expect`, then type
/// `send`.
struct TerminalTurn: Sendable {
    var expect: String
    var send: String
}

extension CommandRunner {
    /// Runs `modelsync arguments…` with stdin, stdout and stderr on one pseudo-terminal and types each turn's keys
    /// once the output (after the previous turn) shows its `expect` text; returns everything the terminal showed
    /// (the program's output and the echo of the keys typed) in `stdout`.
    ///
    /// The process is killed when it has not ended after `timeout` seconds (a program that waits for input that
    /// never comes fails the test instead of hanging it); `turnsLeft` in the result's `stderr` then says how many
    /// turns never came.
    func runOnTerminal(
        _ arguments: [String], typing turns: [TerminalTurn], environment extra: [String: String] = [:],
        timeout: TimeInterval = 60
    ) async throws -> Result {
        try await slots.run {
            try await self.converse(arguments, turns: turns, environment: extra, timeout: timeout)
        }
    }

    /// Runs the program on a pseudo-terminal, typing `turns`; standard input is the terminal too unless
    /// `inputFromTerminal` is `false` (then it is empty).
    func converse(
        _ arguments: [String], turns: [TerminalTurn], environment extra: [String: String], timeout: TimeInterval,
        inputFromTerminal: Bool = true
    ) async throws -> Result {
        let (master, slave) = try PseudoTerminal.make()
        let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        let process = try makeProcess(arguments, environment: extra)
        process.standardInput = inputFromTerminal ? terminal : FileHandle.nullDevice
        process.standardOutput = terminal
        process.standardError = terminal
        return try await withCheckedThrowingContinuation { continuation in
            do {
                try process.run()
                lowerPriority(of: process)
            } catch {
                close(slave)
                close(master)
                continuation.resume(throwing: error)
                return
            }
            close(slave)
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                if process.isRunning { process.terminate() }
            }
            Thread {
                var data: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 4_096)
                var pending = turns[...]
                var searchFrom = 0
                while true {
                    let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
                    if count <= 0 { break }
                    data.append(contentsOf: buffer[..<count])
                    while let turn = pending.first,
                        let found = Self.find(Array(turn.expect.utf8), in: data, from: searchFrom)
                    {
                        pending.removeFirst()
                        let keys = Array(turn.send.utf8)
                        _ = keys.withUnsafeBytes { Foundation.write(master, $0.baseAddress, $0.count) }
                        searchFrom = max(found, data.count)
                    }
                }
                close(master)
                process.waitUntilExit()
                continuation.resume(
                    returning: Result(
                        status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self),
                        stderr: pending.isEmpty ? "" : "turnsLeft: \(pending.count)"))
            }.start()
        }
    }

    /// The offset just past the first occurrence of `needle` in `haystack` at or after `start`.
    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count - start >= needle.count else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0], Array(haystack[index..<index + needle.count]) == needle {
                return index + needle.count
            }
            index += 1
        }
        return nil
    }
}
