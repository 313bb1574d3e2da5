import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One run of a child process: its exit status, wall time (ms), CPU time (user and system, ms, from `wait4`) and
/// peak resident memory (MB).
struct ProcessRun {
    var status: Int32
    var milliseconds: Double
    var cpuMilliseconds: Double = 0
    var peakMegabytes: Double
    var output: String

    /// Runs `executable` with `arguments` and `environment`, capturing standard output (or sending it to /dev/null
    /// when `discardOutput`); standard error is discarded.
    ///
    /// Peak memory comes from GNU time (`/usr/bin/time -f %M`) when installed: `wait4`'s figure for a child made by
    /// `posix_spawn` also counts this process's memory, which the child shared until it started the executable.
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String], directory: String,
        discardOutput: Bool = false
    ) throws -> ProcessRun {
        let gnuTime = "/usr/bin/time"
        if FileManager.default.isExecutableFile(atPath: gnuTime) {
            let report = (NSTemporaryDirectory() as NSString).appendingPathComponent("modelsync-bench-rss-\(getpid())")
            var run = try spawn(
                gnuTime, ["-f", "%M", "-o", report, executable] + arguments, environment: environment,
                discardOutput: discardOutput)
            if let text = try? String(contentsOfFile: report, encoding: .utf8),
                let kilobytes = Double(text.split(separator: "\n").last.map(String.init) ?? "")
            {
                run.peakMegabytes = kilobytes / 1024
            }
            unlink(report)
            return run
        }
        return try spawn(executable, arguments, environment: environment, discardOutput: discardOutput)
    }

    private static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String], discardOutput: Bool
    ) throws -> ProcessRun {
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { throw BenchmarkError(message: "pipe failed") }
        if discardOutput {
            posix_spawn_file_actions_addopen(&fileActions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addclose(&fileActions, pipe[1])
        } else {
            posix_spawn_file_actions_adddup2(&fileActions, pipe[1], STDOUT_FILENO)
        }
        posix_spawn_file_actions_addclose(&fileActions, pipe[0])
        posix_spawn_file_actions_addopen(&fileActions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        let clock = ContinuousClock()
        let start = clock.now
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &fileActions, nil, argv, envp)
        close(pipe[1])
        guard spawned == 0 else {
            close(pipe[0])
            throw BenchmarkError(message: "cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        var output = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(pipe[0], &buffer, buffer.count)
            if count <= 0 { break }
            output.append(contentsOf: buffer[0..<count])
        }
        close(pipe[0])
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        let elapsed = clock.now - start
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return ProcessRun(
            status: exitStatus,
            milliseconds: Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15,
            cpuMilliseconds: Self.milliseconds(usage.ru_utime) + Self.milliseconds(usage.ru_stime),
            peakMegabytes: Double(usage.ru_maxrss) / 1024, output: String(decoding: output, as: UTF8.self))
    }
}

extension ProcessRun {
    fileprivate static func milliseconds(_ time: timeval) -> Double {
        Double(time.tv_sec) * 1000 + Double(time.tv_usec) / 1000
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
