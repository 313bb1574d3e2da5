import ArgumentParser
import ModelsyncApp

/// The flags `sync` and `check` share: which providers, how to merge, and how to report.
struct SyncOptions: ParsableArguments {
    /// How the result is printed.
    enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
        case text
        case markdown
    }

    @Option(
        name: .customLong("provider"),
        help: ArgumentHelp(
            "Sync only this provider file, or start tracking a provider (repeatable).",
            discussion: "Takes file ids (gemini); an upstream id (google) when exactly one file tracks it.",
            valueName: "id"))
    var providers: [String] = []

    @Flag(help: "Sync every provider models.dev lists.")
    var all = false

    @Flag(help: "Remove models upstream no longer lists when they hold no user-owned key (else: available: false).")
    var prune = false

    @Flag(help: "Accept a catalog with fewer than 10 providers or under half the models of the last accepted one.")
    var allowShrink = false

    @Flag(
        help: ArgumentHelp(
            "Apply every change a guard holds for review.",
            discussion:
                "Guards hold a price moving more than 10×, a price to or from 0, a shrinking token limit and a "
                + "capability removed; the settings file's guards: changes which (docs/guards.md)."))
    var acceptHeld = false

    @Option(
        name: .customLong("accept"),
        help: ArgumentHelp(
            "Apply the held changes that FILE-ID/MODEL-ID:KEY names (globs allowed; repeatable).",
            discussion: "For example --accept openai/gpt-5:pricing.input or --accept 'openrouter/*:pricing.*'.",
            valueName: "ref:key"))
    var accept: [String] = []

    @Flag(help: "Print a unified diff of every file that changes.")
    var diff = false

    @Option(
        help: ArgumentHelp(
            "text (a summary) or markdown (a change log for a pull-request body).", valueName: "format"))
    var format: ReportFormat = .text

    func validate() throws {
        guard !(all && !providers.isEmpty) else {
            throw ValidationError(
                "--all and --provider cannot be combined: --all syncs every provider, --provider only those named.")
        }
    }

    /// Writes these flags into `options`.
    func apply(to options: inout RunOptions) {
        options.providers = providers
        options.all = all
        options.prune = prune
        options.allowShrink = allowShrink
        options.acceptHeld = acceptHeld
        options.accept = accept
    }
}
