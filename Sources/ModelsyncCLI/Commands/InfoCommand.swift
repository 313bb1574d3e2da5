import ArgumentParser
import ModelDiscovery
import ModelsyncApp

/// `modelsync info PROVIDER/MODEL`: everything the catalog knows about one model, and the local files beside it.
struct InfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show everything the catalog knows about one model, with local config values beside it.",
        discussion: """
            A reference is PROVIDER/MODEL; model ids may contain '/', ':', '@' and '~' \
            (openrouter/anthropic/claude-sonnet-4.5, cloudflare-workers-ai/@cf/meta/llama-3.1-8b-instruct-fp8). \
            With --provider, MODEL is taken whole. A model id that one provider alone lists needs no provider. \
            Exits 2 for an unknown model (naming the closest ones) or a tracking file that does not parse (the \
            catalog's facts still print).
            """
    )

    @Argument(help: ArgumentHelp("The model: PROVIDER/MODEL, or MODEL with --provider.", valueName: "reference"))
    var reference: String

    @Option(
        name: .customLong("provider"),
        help: ArgumentHelp(
            "The provider (a models.dev id, or a settings file id); the argument is then the model id as it is.",
            valueName: "id"))
    var provider: String?

    @OptionGroup var directories: DirectoryOptions
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard !reference.isEmpty else { throw ValidationError("The model reference must not be empty.") }
        guard provider?.isEmpty != true else { throw ValidationError("--provider must not be empty.") }
    }

    func run() async throws {
        let console = Console(output)
        try await console.run(Self.self) {
            let (configuration, loaded) = try await CatalogRead(console: console).load(RunOptions(directories, catalog))
            let info = try ModelInfo(
                lookingUp: reference, provider: provider, on: loaded, locations: configuration.locations)
            let render = console.renderer(colored: false)
            let resolved = info.details.resolved
            let priceChange = LastPriceChange(
                provider: resolved.provider.id.rawValue, model: resolved.model.id, configuration: configuration)
            console.result(
                output.json
                    ? info.json(render: render.render).serialized(pretty: true)
                    : info.text(console: console, lastPriceChange: priceChange))
            for failure in info.failures { console.show(failure) }
            if !info.failures.isEmpty { throw ExitCode(2) }
        }
    }
}
