import ArgumentParser
import ModelDiscovery
import ModelsyncApp

/// `modelsync search TEXT`: the models whose id, name or family match the text, best matches first.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find models by id, name or family, best matches first; takes the filters of list.",
        discussion: """
            Matching is case-insensitive and literal (/, :, @ are ordinary characters). Order: exact matches of the \
            id, its last /-segment, the provider/model reference or the name; then prefixes (the family too); then \
            text found anywhere; then, for several words, each word found somewhere. --sort replaces that order.
            """
    )

    @Argument(help: ArgumentHelp("What to look for; several words are searched as one text first.", valueName: "text"))
    var words: [String]

    @OptionGroup var filters: ModelFilterOptions
    @OptionGroup var directories: DirectoryOptions
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard SearchText(words.joined(separator: " ")) != nil else {
            throw ValidationError("search needs text to look for, such as: modelsync search claude")
        }
    }

    func run() async throws {
        let console = Console(output)
        try await console.run(Self.self) {
            let search = SearchText(words.joined(separator: " "))
            try await ModelListRun.run(
                filters, search: search, options: RunOptions(directories, catalog), console: console)
        }
    }
}
