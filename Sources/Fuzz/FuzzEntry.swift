import Foundation
import MergeFuzzing

/// Checks one input and stops the process when a promise is broken (libFuzzer then keeps the input).
func checkOrStop(_ input: [UInt8]) -> MergeInvariants.Outcome? {
    guard let (provider, outcome, violations) = FuzzHarness.check(input) else { return nil }
    if !violations.isEmpty {
        FileHandle.standardError.write(Data("violation for \(provider):\n\(violations.joined(separator: "\n"))\n".utf8))
        abort()
    }
    return outcome
}

#if FUZZING
    import CFuzzerDriver

    /// The executable's entry point under `-sanitize=fuzzer`: hands the command line to libFuzzer's driver, which
    /// calls ``checkOrStop(_:)`` with each input it makes.
    @_cdecl("modelsync_fuzz_main")
    func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        var count = argc
        var arguments = argv
        return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
            guard let data else { return 0 }
            _ = checkOrStop(Array(UnsafeBufferPointer(start: data, count: size)))
            return 0
        }
    }
#else
    /// Without libFuzzer: replays the inputs named on the command line (files, or directories of files) and prints
    /// each one's outcome; exits 1 at the first broken promise.
    @main
    enum Replay {
        static func main() {
            var paths: [String] = []
            for argument in CommandLine.arguments.dropFirst() {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    let names = (try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []
                    paths += names.sorted().map { (argument as NSString).appendingPathComponent($0) }
                } else {
                    paths.append(argument)
                }
            }
            var counts: [String: Int] = [:]
            for path in paths {
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                let outcome = checkOrStop(Array(data)).map { "\($0)" } ?? "empty"
                counts[outcome, default: 0] += 1
            }
            print(
                "replayed \(paths.count) inputs: \(counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))"
            )
        }
    }
#endif
