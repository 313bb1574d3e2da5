import ArgumentParser
import ModelsyncApp

/// `--wait SECONDS`: how commands that write wait for another run's lock on the models directory.
struct LockOptions: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Wait this long for another sync's lock before exiting 75 (default: 0).", valueName: "seconds"))
    var wait: Double?

    /// Writes this flag into `options`.
    func apply(to options: inout RunOptions) {
        options.lockWaitSeconds = wait
    }
}
