import ArgumentParser
import ModelsyncApp

/// Runs `init`: writes the configuration, syncs the providers named, and prints what was made and what to do next.
struct InitRun {
    let console: Console
    let output: OutputOptions

    func run(_ options: RunOptions) async throws {
        let initializer = ConfigInitializer(options, in: console.environment)
        let made = try initializer.write()
        var lines = ["\(made.settingsFile): created"]
        lines.append(
            made.createdModelsDirectory
                ? "\(made.modelsDirectory)/: created" : "\(made.modelsDirectory)/: exists already, kept as it is")
        if let gitignore = made.gitignore { lines.append("\(gitignore): created (keeps the lock file out of git)") }
        console.result(lines.joined(separator: "\n"))
        if !options.providers.isEmpty {
            let configuration = try RunConfiguration.resolve(options, writes: true, in: console.environment)
            let outcome = try await SyncRun(console: console).run(.sync, configuration)
            try SyncOutput(console: console, output: output).print(outcome)
        }
        console.result(nextSteps(options, initializer: initializer).joined(separator: "\n"))
    }

    /// The commands that come next, with the flags that name this configuration.
    private func nextSteps(_ options: RunOptions, initializer: ConfigInitializer) -> [String] {
        var flags: [String] = []
        if let configDirectory = options.configDirectory { flags += ["--config-dir", configDirectory] }
        if let settings = options.settingsFile { flags += ["--settings", settings] }
        let suffix = flags.isEmpty ? "" : " " + RepeatedFlags.shellCommand(flags)
        var steps = ["", "next:"]
        if options.providers.isEmpty {
            steps.append("  modelsync providers\(suffix)                 # the providers models.dev lists")
            steps.append("  modelsync add PROVIDER\(suffix)              # start tracking one (or --pick its models)")
        } else {
            steps.append("  modelsync sync\(suffix)                      # bring the files current (cron: --quiet)")
            steps.append("  modelsync add PROVIDER\(suffix)              # track another provider")
        }
        steps.append("  git add \(initializer.settingsFile.shown) \(initializer.modelsDirectory.shown)")
        return steps
    }
}
