import Foundation
import Testing

/// Which tests a run includes: the default run is quick; `MODELSYNC_LONG_TESTS=1` (which CI's `.ci/run` sets) adds
/// the long suites: the SIGKILL loop, the snapshot walk, the whole-catalog checks with PyYAML and yamllint, and the
/// long fuzzing runs.
public enum TestTier {
    /// Whether the long suites run.
    public static var runsLongSuites: Bool {
        ProcessInfo.processInfo.environment["MODELSYNC_LONG_TESTS"] == "1"
    }

    /// A trait that runs a test or suite only when the long suites do.
    public static var long: ConditionTrait {
        .enabled(if: runsLongSuites, "a long suite: set MODELSYNC_LONG_TESTS=1 (CI's .ci/run does)")
    }
}
