import ArgumentParser

/// `--wait SECONDS`: how commands that write wait for another run's lock on the models directory.
struct LockOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Wait this long for another sync's lock before exiting 75.", valueName: "seconds"))
    var wait: Double = 0

    func validate() throws {
        guard wait >= 0 else { throw ValidationError("--wait must be 0 or more seconds.") }
    }
}
