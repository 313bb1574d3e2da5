import Diagnostics
import Foundation
import ModelsDevCatalog
import SafeFiles

/// Starts a configuration: the settings file, the models directory, and a `.gitignore` in it.
///
/// The settings file is commented, every setting shown; the `.gitignore` keeps the lock file out of git. Never
/// overwrites: an existing settings file stops it.
public struct ConfigInitializer: Sendable {
    /// What `init` created.
    public struct Outcome: Sendable {
        /// The settings file, as shown.
        public var settingsFile: String
        /// The models directory, as shown, and whether it was created (else it existed).
        public var modelsDirectory: String
        public var createdModelsDirectory: Bool
        /// The `.gitignore` in the models directory, when it was created.
        public var gitignore: String?
    }

    /// The settings file and the models directory, resolved from the options as written (the settings file need not
    /// exist: it is the one to create).
    public let settingsFile: ResolvedPath
    public let modelsDirectory: ResolvedPath
    /// `models_dir` as the settings file will hold it (relative to the settings file's directory when possible).
    let modelsDirSetting: String
    /// Providers to list in the settings file (empty: no list, every file in the directory is synced).
    public let providers: [String]

    /// The option that names a provider to track.
    public static let providerOption = OptionReference("provider")

    /// The paths `options` name: `settingsFile` (else `MODELSYNC_SETTINGS`, else `<config dir>/modelsync.yml`) and
    /// `modelsDirectory` (else `<config dir>/models`); the providers to track are `options.providers`.
    public init(_ options: RunOptions, in environment: RunEnvironment) {
        let configDirectory = environment.path(options.configDirectory ?? "config")
        let variable = environment.variables["MODELSYNC_SETTINGS"].flatMap { $0.isEmpty ? nil : $0 }
        settingsFile =
            (options.settingsFile ?? variable).map(environment.path) ?? configDirectory.appending("modelsync.yml")
        modelsDirectory = options.modelsDirectory.map(environment.path) ?? configDirectory.appending("models")
        modelsDirSetting = Self.relativePath(of: modelsDirectory.absolute, from: settingsFile.parent.absolute)
        providers = options.providers
    }

    /// Writes the settings file and creates the models directory with its `.gitignore`.
    ///
    /// - Throws: ``RunFailure`` when the settings file exists already (nothing written), a provider id cannot be a
    ///   file name, or a file cannot be written.
    public func write() throws(RunFailure) -> Outcome {
        if FileManager.default.fileExists(atPath: settingsFile.absolute) {
            throw RunFailure(
                Diagnostic(
                    path: settingsFile.shown, message: "the settings file exists already; nothing written",
                    notes: ["init never overwrites; edit the file, or start tracking a provider with 'modelsync add'"]))
        }
        for id in providers where !ProviderID.isSafeFileName(id) {
            throw RunFailure(
                Diagnostic(
                    message: "provider id '\(id)' cannot be a file name (^[a-z0-9][a-z0-9._-]*$); nothing written"))
        }
        var isDirectory: ObjCBool = false
        let existed = FileManager.default.fileExists(atPath: modelsDirectory.absolute, isDirectory: &isDirectory)
        if existed, !isDirectory.boolValue {
            throw RunFailure(
                Diagnostic(path: modelsDirectory.shown, message: "exists and is not a directory; nothing written"))
        }
        do {
            try AtomicFileWriter.write(Array(settingsText.utf8), to: settingsFile.absolute, createDirectory: true)
        } catch {
            throw RunFailure(Diagnostic(path: settingsFile.shown, message: "cannot write: \(error.reason)"))
        }
        do {
            try FileManager.default.createDirectory(
                atPath: modelsDirectory.absolute, withIntermediateDirectories: true)
        } catch {
            throw RunFailure(
                FileSystemProblem.directory(modelsDirectory.shown, reason: FileSystemProblem.reason(error)).diagnostic)
        }
        let gitignore = modelsDirectory.appending(".gitignore")
        var wroteGitignore = false
        if !FileManager.default.fileExists(atPath: gitignore.absolute) {
            do {
                try AtomicFileWriter.write(Array(Self.gitignoreText.utf8), to: gitignore.absolute)
                wroteGitignore = true
            } catch {
                throw RunFailure(Diagnostic(path: gitignore.shown, message: "cannot write: \(error.reason)"))
            }
        }
        return Outcome(
            settingsFile: settingsFile.shown, modelsDirectory: modelsDirectory.shown, createdModelsDirectory: !existed,
            gitignore: wroteGitignore ? gitignore.shown : nil)
    }

    /// The `.gitignore` of a models directory: the lock file is the run's, not a config.
    public static let gitignoreText =
        "# modelsync's lock file: held while a sync runs, never a config.\n.modelsync.lock\n"

    /// The settings file `init` writes: every setting, commented out where the default applies.
    public var settingsText: String {
        var text = """
            # modelsync settings (docs/selection.md). Command-line flags override these; these override the defaults.

            # Where the catalog comes from: an https:// URL, a file, or bundled (the snapshot shipped with modelsync).
            # source: https://models.dev/api.json

            # The directory of provider files, relative to this file.
            models_dir: \(modelsDirSetting)

            # How long a downloaded catalog stays fresh, in minutes.
            # cache_ttl_minutes: 60

            # Changes held for a person instead of applied (docs/guards.md): hold or apply; price_factor a number.
            # guards:
            #   price_factor: 10            # a price that grows or shrinks more than 10x
            #   price_to_zero: hold         # a price to or from 0, or gone while the model stays
            #   limit_shrink: hold          # a token limit that goes down
            #   capability_removed: hold    # a capability no longer derived
            #   vanished: apply             # a model no longer listed: marked available: false (hold: left alone)

            # Provider-level keys that name a model of the file, reported when that model is missing, unavailable or
            # deprecated.
            # references: [default_model]

            # Where each catalog a sync reads is recorded (docs/history.md): a file, or off.
            # Default: ~/.local/share/modelsync/history.sqlite.
            # history: off

            # Apply a changed value only once upstream has shown it this many hours (needs the history); younger
            # changes are held like a guard's.
            # cooldown_hours: 24


            """
        if providers.isEmpty {
            text += """
                # Which providers to sync. Without this list: the providers that have a file in models_dir.
                # With it, exactly these (each a file <id>.yml):
                # providers:
                #   anthropic: {}
                #   gemini: { upstream: google }            # gemini.yml tracks models.dev's provider "google"
                #   openai: { models: selected }            # update the models the file lists; insert no other
                #   openrouter: { exclude: ['*:free'] }     # never insert these models (ids or globs)

                """
        } else {
            text += """
                # Exactly these providers are synced, each a file <id>.yml in models_dir. Options per provider:
                # { upstream: google }, { models: selected }, { exclude: ['*:free'] }, { guards: { vanished: hold } }
                # (docs/selection.md).
                providers:

                """
            for id in providers { text += "  \(id): {}\n" }
        }
        return text
    }

    /// `path` relative to `directory` when it is inside it (or is it), else `path` itself (absolute).
    static func relativePath(of path: String, from directory: String) -> String {
        let base = URL(fileURLWithPath: directory).standardizedFileURL.path
        let target = URL(fileURLWithPath: path).standardizedFileURL.path
        if target == base { return "." }
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return target.hasPrefix(prefix) ? String(target.dropFirst(prefix.count)) : target
    }
}
