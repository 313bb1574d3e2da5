import ArgumentParser
import ModelsyncApp

/// `modelsync add PROVIDER [MODEL…]`: start tracking a provider, or add models to a `models: selected` one.
struct AddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Start tracking a provider (creates its file), or add models to a 'models: selected' provider.",
        discussion: """
            Without MODEL, a new provider is tracked with every model, its file made exactly as sync --provider \
            makes it. With MODEL…, a new provider is tracked in 'models: selected' mode with just those models, and \
            a selected provider gets them inserted. The settings file's providers list is edited losslessly (created \
            only when a selected provider needs one). --pick, or a selected provider named without MODEL on a \
            terminal, offers a numbered list to choose from; without a terminal add never prompts.
            Holds the models directory's lock while it writes: exit 75 when a sync holds it (--wait to wait). Exit 2 \
            for an unknown provider or model (nothing is written).
            """
    )

    @Argument(help: ArgumentHelp("The provider: a file id, or a models.dev provider id.", valueName: "provider"))
    var provider: String

    @Argument(help: ArgumentHelp("Models to add (ids as models.dev lists them).", valueName: "model"))
    var models: [String] = []

    @OptionGroup var directories: DirectoryOptions
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Choose the models from a numbered list (needs a terminal on standard input and output).")
    var pick = false

    @Flag(help: "Show what would be written; write nothing.")
    var dryRun = false

    @OptionGroup var lock: LockOptions

    func validate() throws {
        if pick {
            guard models.isEmpty else { throw ValidationError("--pick cannot be combined with MODEL arguments.") }
            guard !output.json else { throw ValidationError("--pick cannot be combined with --json.") }
            guard CommandContext.current.terminal.inputIsTerminal, CommandContext.current.terminal.outputIsTerminal
            else {
                throw ValidationError(
                    "--pick needs a terminal on standard input and output; name the models instead: "
                        + "modelsync add \(provider) MODEL...")
            }
        }
    }

    func run() async throws {
        let console = Console(output)
        try await console.run(Self.self) {
            let options = RunOptions(directories, catalog, lock: lock, dryRun: dryRun)
            try await AddRun(console: console, output: output).run(
                provider: provider, models: models, options: options, pick: pick)
        }
    }
}
