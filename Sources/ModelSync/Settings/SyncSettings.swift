import Diagnostics
import LosslessYAML
import ModelsDevCatalog

/// The optional settings file, `config/modelsync.yml` (docs/selection.md#the-settings-file); command-line flags override it.
///
/// ```yaml
/// source: https://models.dev/api.json
/// models_dir: models         # relative to this file
/// cache_ttl_minutes: 60
/// providers:                 # when present, exactly these are synced
///   anthropic: {}
///   gemini: { upstream: google }
///   openai: { models: selected }
/// ```
public struct SyncSettings: Sendable, Equatable {
    /// Where the catalog comes from (URL, file path, `-` or `bundled`), as written.
    public var source: String?
    /// The models directory as written, relative to the settings file's directory.
    public var modelsDir: String?
    /// How long a cached catalog stays fresh, in minutes.
    public var cacheTTLMinutes: Int?
    /// The providers to sync, in the file's order; `nil` when the file has no `providers` key.
    public var providers: [ProviderSetting]?
    /// The guards of every file (`guards:`): the defaults with what the settings set (docs/guards.md).
    public var guards: UpdateGuards = .standard
    /// Provider-level keys naming models of their file (`references:`), checked after each sync.
    public var references: [String] = ["default_model"]
    /// Where the catalog history is kept (`history:`), as written: a path relative to the settings file's directory,
    /// or `off`; `nil` for the default (docs/history.md).
    public var history: HistorySetting?
    /// How long a new upstream value must have stood before a sync applies it (`cooldown_hours:`), in hours; `nil`
    /// or 0: no cooldown (docs/history.md#cooldown).
    public var cooldownHours: Double?
    /// Things the user should know about the settings file.
    public var warnings: [Diagnostic] = []

    public init(
        source: String? = nil, modelsDir: String? = nil, cacheTTLMinutes: Int? = nil,
        providers: [ProviderSetting]? = nil
    ) {
        self.source = source
        self.modelsDir = modelsDir
        self.cacheTTLMinutes = cacheTTLMinutes
        self.providers = providers
    }

    /// One entry of `providers`: a file and the models.dev provider it tracks.
    public struct ProviderSetting: Sendable, Equatable {
        /// The file's id: `<fileID>.yml` in the models directory.
        public var fileID: String
        /// The models.dev provider id (`upstream:`), the file id when not given.
        public var upstream: String
        /// `models: selected`: update the models listed in the file, never insert new ones.
        public var selectedModelsOnly: Bool
        /// `exclude:`: model ids or globs never inserted, and left as they are when the file has them.
        public var exclude: [ModelIDPattern]
        /// `guards:` of this provider over the top-level ones; `nil` when it sets none.
        public var guards: UpdateGuards?
        /// `cooldown_hours:` of this provider over the top-level one; `nil` when it sets none.
        public var cooldownHours: Double?

        public init(
            fileID: String, upstream: String? = nil, selectedModelsOnly: Bool = false, exclude: [ModelIDPattern] = [],
            guards: UpdateGuards? = nil
        ) {
            self.fileID = fileID
            self.upstream = upstream ?? fileID
            self.selectedModelsOnly = selectedModelsOnly
            self.exclude = exclude
            self.guards = guards
        }
    }

    /// The top-level keys a settings file may have.
    public static let knownKeys = [
        "source", "models_dir", "cache_ttl_minutes", "providers", "guards", "references", "history", "cooldown_hours",
    ]

    /// `history:`: a path, or `off`.
    public enum HistorySetting: Sendable, Equatable {
        case path(String)
        case off
    }

    /// The cooldown of the file `fileID`, in hours: its provider entry's, else the top-level one; 0 when none.
    public func cooldownHours(forFile fileID: String) -> Double {
        providers?.first { $0.fileID == fileID }?.cooldownHours ?? cooldownHours ?? 0
    }

    /// The guards of the file `fileID`: its provider entry's, else the top-level ones.
    public func guards(forFile fileID: String) -> UpdateGuards {
        providers?.first { $0.fileID == fileID }?.guards ?? guards
    }

    /// Reads settings from a parsed settings file.
    public static func parse(_ document: YAMLDocument) throws -> SyncSettings {
        var settings = SyncSettings()
        guard let root = document.root else { return settings }
        if document.value(of: root) == .null { return settings }
        guard document.kind(of: root) == .mapping else {
            throw SettingsError(document.diagnostic(at: root, "the settings file must be a mapping"))
        }
        // Top-level guards first: a provider's `guards:` builds on them, wherever they stand in the file.
        if let guardsNode = document.value(forKey: "guards", in: root) {
            settings.guards = try UpdateGuards.standard.overridden(by: guardsNode, in: document)
        }
        for (keyNode, valueNode) in document.entries(of: root) {
            let key = document.scalarText(of: keyNode) ?? ""
            let value = document.value(of: valueNode)
            switch key {
            case "guards":
                break
            case "references":
                switch value {
                case .null:
                    settings.references = []
                case .string(let name) where !name.isEmpty:
                    settings.references = [name]
                case .sequence(let items, _) where items.allSatisfy({ ($0.stringValue.map { !$0.isEmpty }) ?? false }):
                    settings.references = items.compactMap(\.stringValue)
                default:
                    throw SettingsError(
                        document.diagnostic(
                            at: valueNode, "'references' must be a list of provider-level keys, such as [default_model]"
                        ))
                }
            case "source":
                guard case .string(let text) = value else {
                    throw SettingsError(
                        document.diagnostic(at: valueNode, "'source' must be a URL, a path, '-' or 'bundled'"))
                }
                settings.source = text
            case "models_dir":
                guard case .string(let text) = value, !text.isEmpty else {
                    throw SettingsError(document.diagnostic(at: valueNode, "'models_dir' must be a directory path"))
                }
                settings.modelsDir = text
            case "cache_ttl_minutes":
                guard case .int(let minutes) = value, minutes >= 0 else {
                    throw SettingsError(
                        document.diagnostic(at: valueNode, "'cache_ttl_minutes' must be a whole number of minutes"))
                }
                settings.cacheTTLMinutes = minutes
            case "history":
                switch value {
                case .string("off"), .bool(false):
                    settings.history = .off
                case .string(let path) where !path.isEmpty:
                    settings.history = .path(path)
                default:
                    throw SettingsError(
                        document.diagnostic(
                            at: valueNode, "'history' must be a file path, or 'off' to keep no catalog history"))
                }
            case "cooldown_hours":
                settings.cooldownHours = try cooldownHours(valueNode, in: document)
            case "providers":
                settings.providers = try parseProviders(valueNode, in: document, guards: settings.guards)
            default:
                let suggestions = IDSuggestions.closest(to: key, among: knownKeys, limit: 2)
                var diagnostic = document.diagnostic(
                    at: keyNode, "unknown setting '\(key)'\(DidYouMean.phrase(suggestions, parenthesized: false))")
                diagnostic.suggestions = suggestions
                if suggestions.isEmpty {
                    diagnostic.notes = ["the settings are: \(knownKeys.joined(separator: ", "))"]
                }
                throw SettingsError(diagnostic)
            }
        }
        return settings
    }

    /// A number of hours, 0 or more.
    private static func cooldownHours(_ node: YAMLNodeID, in document: YAMLDocument) throws -> Double {
        switch document.value(of: node) {
        case .int(let hours) where hours >= 0: return Double(hours)
        case .float(let hours) where hours >= 0 && hours.isFinite: return hours
        default:
            throw SettingsError(
                document.diagnostic(at: node, "'cooldown_hours' must be a number of hours, 0 or more, such as 24"))
        }
    }

    private static func parseProviders(_ node: YAMLNodeID, in document: YAMLDocument, guards: UpdateGuards) throws
        -> [ProviderSetting]
    {
        if document.value(of: node) == .null { return [] }
        guard document.kind(of: node) == .mapping else {
            throw SettingsError(
                document.diagnostic(at: node, "'providers' must be a mapping of file ids, such as 'anthropic: {}'"))
        }
        var result: [ProviderSetting] = []
        for (keyNode, valueNode) in document.entries(of: node) {
            guard case .string(let fileID) = document.value(of: keyNode), ProviderID.isSafeFileName(fileID) else {
                throw SettingsError(
                    document.diagnostic(
                        at: keyNode, "provider file id must match ^[a-z0-9][a-z0-9._-]*$ (it becomes a file name)"))
            }
            var setting = ProviderSetting(fileID: fileID)
            let value = document.value(of: valueNode)
            if value != .null {
                guard document.kind(of: valueNode) == .mapping else {
                    throw SettingsError(
                        document.diagnostic(at: valueNode, "expected a mapping such as '{ upstream: google }' or '{}'"))
                }
                for (optionKey, optionValue) in document.entries(of: valueNode) {
                    let option = document.scalarText(of: optionKey) ?? ""
                    switch (option, document.value(of: optionValue)) {
                    case ("upstream", .string(let upstream)) where ProviderID.isSafeFileName(upstream):
                        setting.upstream = upstream
                    case ("models", .string("selected")):
                        setting.selectedModelsOnly = true
                    case ("models", .string("all")):
                        setting.selectedModelsOnly = false
                    case ("exclude", .string(let id)) where !id.isEmpty:
                        setting.exclude = [ModelIDPattern(id)]
                    case ("exclude", .sequence(let items, _))
                    where items.allSatisfy({ ($0.stringValue.map { !$0.isEmpty }) ?? false }):
                        setting.exclude = items.compactMap(\.stringValue).map(ModelIDPattern.init)
                    case ("guards", _):
                        setting.guards = try guards.overridden(by: optionValue, in: document)
                    case ("cooldown_hours", _):
                        setting.cooldownHours = try cooldownHours(optionValue, in: document)
                    case ("upstream", _):
                        throw SettingsError(
                            document.diagnostic(at: optionValue, "'upstream' must be a models.dev provider id"))
                    case ("models", _):
                        throw SettingsError(
                            document.diagnostic(at: optionValue, "'models' must be 'selected' or 'all'"))
                    case ("exclude", _):
                        throw SettingsError(
                            document.diagnostic(
                                at: optionValue,
                                "'exclude' must be a list of model ids or globs, such as ['gpt-3.5-*', '*:free']"))
                    default:
                        throw SettingsError(
                            document.diagnostic(
                                at: optionKey,
                                "unknown provider option '\(option)'; expected 'upstream', 'models', 'exclude', 'guards' or "
                                    + "'cooldown_hours'"
                            ))
                    }
                }
            }
            result.append(setting)
        }
        return result
    }
}

/// A settings value of the wrong kind, positioned in the file.
public struct SettingsError: Error, Equatable, Sendable, CustomStringConvertible, DiagnosticConvertible {
    public var diagnostic: Diagnostic

    public init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }

    public var description: String { diagnostic.description }
}
