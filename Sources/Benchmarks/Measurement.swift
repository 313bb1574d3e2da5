import Foundation

/// Timing of one benchmarked operation over several runs, in milliseconds (wall clock, monotonic).
struct Measurement {
    var name: String
    var samples: [Double]

    var best: Double { samples.min() ?? 0 }
    var median: Double {
        let sorted = samples.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}

/// Measures a baseline and candidates in alternation (one run of each per round), so that load from elsewhere on the
/// machine falls on all of them alike.
func measureInterleaved(runs: Int, warmups: Int = 2, _ bodies: [(String, () throws -> Void)]) throws -> [Measurement] {
    for _ in 0..<warmups { for (_, body) in bodies { try body() } }
    var samples = Array(repeating: [Double](), count: bodies.count)
    let clock = ContinuousClock()
    for _ in 0..<runs {
        for (index, (_, body)) in bodies.enumerated() {
            let start = clock.now
            try body()
            let elapsed = clock.now - start
            samples[index].append(
                Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }
    }
    return zip(bodies, samples).map { Measurement(name: $0.0, samples: $1) }
}

/// Prints a table of measurements side by side with a baseline and their ratio to it.
func printComparison(title: String, baseline: Measurement, others: [Measurement], goal: String) {
    print("\n\(title)")
    let nameWidth = ([baseline] + others).map(\.name.count).max() ?? 10
    func row(_ m: Measurement, ratio: String) {
        let name = m.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
        print(
            "  \(name)  best \(String(format: "%8.2f", m.best)) ms   median \(String(format: "%8.2f", m.median)) ms   \(ratio)"
        )
    }
    row(baseline, ratio: "(baseline)")
    for other in others {
        row(
            other,
            ratio: String(
                format: "ratio %.2f× (best) %.2f× (median)", other.best / baseline.best, other.median / baseline.median)
        )
    }
    print("  goal: \(goal)")
}

/// Peak resident set size of this process so far, in megabytes (from `getrusage`, kilobytes on Linux).
func peakResidentMegabytes() -> Double {
    var usage = rusage()
    #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    #else
        getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_maxrss) / 1024
}
