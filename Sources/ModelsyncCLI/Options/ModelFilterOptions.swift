import ArgumentParser
import ModelDiscovery
import ModelsDevCatalog
import ModelsyncApp

/// The filters, sort and limit that `list` and `search` share.
///
/// Values are read as text and parsed once by the application layer (``ModelQueryOptions``), so that a bad one is a
/// usage error (exit 64) whose message lists what is accepted.
struct ModelFilterOptions: ParsableArguments {
    @Option(
        name: .customLong("provider"),
        help: ArgumentHelp("Only models of this provider (repeatable: any of them).", valueName: "id"))
    var providers: [String] = []

    @Option(
        name: .customLong("capability"),
        help: ArgumentHelp(
            "Only models with this capability (repeatable: all of them).",
            discussion: "One of: \(ModelCapability.allNames.joined(separator: ", ")).",
            valueName: "name"))
    var capabilities: [String] = []

    @Option(
        help: ArgumentHelp(
            "Only models whose input price is at most this, in USD per million tokens.", valueName: "usd"))
    var maxInputPrice: String?

    @Option(
        help: ArgumentHelp(
            "Only models whose output price is at most this, in USD per million tokens.", valueName: "usd"))
    var maxOutputPrice: String?

    @Option(
        help: ArgumentHelp(
            "Only models whose input price is at least this, in USD per million tokens.", valueName: "usd"))
    var minInputPrice: String?

    @Option(
        help: ArgumentHelp(
            "Only models whose output price is at least this, in USD per million tokens.", valueName: "usd"))
    var minOutputPrice: String?

    @Flag(
        help: ArgumentHelp(
            "Only models with an input and an output price above 0.",
            discussion: "Leaves out free tiers, subscription plans priced at 0 and models without prices."))
    var priced = false

    @Option(
        help: ArgumentHelp(
            "Only models whose context window is at least this many tokens (200000, 200k, 1m).", valueName: "tokens"))
    var minContext: String?

    @Option(
        help: ArgumentHelp("Only models that may write at least this many tokens (32000, 32k).", valueName: "tokens"))
    var minOutput: String?

    @Option(
        name: .customLong("status"),
        help: ArgumentHelp(
            "Only models with this status (repeatable: any of them): active, alpha, beta, deprecated.",
            discussion: "active: generally available, none of the others.",
            valueName: "status"))
    var statuses: [String] = []

    @Flag(
        inversion: .prefixedNo,
        help: "Only open-weights models (--no-open-weights: only models the catalog marks as closed).")
    var openWeights: Bool?

    @Option(
        name: .customLong("modality"),
        help: ArgumentHelp(
            "Only models that read or write this (repeatable: all of them): text, image, audio, video, pdf.",
            discussion: "input:image or output:audio look at one direction only.",
            valueName: "[input:|output:]modality"))
    var modalities: [String] = []

    @Option(
        help: ArgumentHelp(
            "Only models released after this date: YYYY, YYYY-MM or YYYY-MM-DD (after 2025 is 2026 or later).",
            valueName: "date"))
    var releasedAfter: String?

    @Option(
        help: ArgumentHelp(
            "Order by price (input), context, name or release, ascending; models without the value come last.",
            valueName: "key"))
    var sort: String?

    @Flag(help: "Reverse the order of --sort.")
    var desc = false

    @Option(help: ArgumentHelp("Show at most this many models.", valueName: "count"))
    var limit: Int?

    /// The flags as written; ``ModelQueryOptions/query(search:)`` parses them, once.
    var written: ModelQueryOptions {
        var options = ModelQueryOptions()
        options.providers = providers
        options.capabilities = capabilities
        options.maxInputPrice = maxInputPrice
        options.maxOutputPrice = maxOutputPrice
        options.minInputPrice = minInputPrice
        options.minOutputPrice = minOutputPrice
        options.priced = priced
        options.minContext = minContext
        options.minOutput = minOutput
        options.statuses = statuses
        options.openWeights = openWeights
        options.modalities = modalities
        options.releasedAfter = releasedAfter
        options.sort = sort
        options.descending = desc
        options.limit = limit
        return options
    }
}
