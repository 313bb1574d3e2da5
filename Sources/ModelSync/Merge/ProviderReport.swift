import Diagnostics
import LosslessYAML

/// What a sync did (or, for `check`, would do) to one provider file.
public struct ProviderReport: Sendable, Equatable {
    /// What happened to the file.
    public enum Status: String, Sendable, Equatable {
        case created
        case updated
        case unchanged
        case skipped
        case error
    }

    /// The file's id (its name without `.yml`).
    public var provider: String
    /// The models.dev provider id the file tracks, when known.
    public var upstream: String?
    /// The file's path as given or relative to the working directory.
    public var file: String
    public var status: Status
    /// Ids of models inserted.
    public var added: [String] = []
    /// Ids of models removed (with `--prune`).
    public var removed: [String] = []
    /// Ids of models marked `available: false` because upstream no longer lists them.
    public var unavailable: [String] = []
    /// Every managed value set, inserted or removed.
    public var changed: [Change] = []
    /// Managed values left alone because editing them would edit through an alias, or their shape is wrong.
    public var conflicts: [Conflict] = []
    /// Changes a guard held for a person: the file keeps these values (docs/guards.md).
    public var held: [HeldChange] = []
    /// Pinned keys whose upstream value differs from the file's.
    public var pinnedDrift: [PinnedDrift] = []
    /// Changes a cooldown applied because the history cannot date them (docs/history.md#cooldown).
    public var cooldownUnknown = 0
    /// Provider-level keys naming a model that is missing, unavailable or deprecated after the sync.
    public var references: [ReferenceProblem] = []
    /// Why the file could not be synced (status `error`), or why it was skipped (a note).
    public var error: Diagnostic?

    public init(provider: String, upstream: String?, file: String, status: Status) {
        self.provider = provider
        self.upstream = upstream
        self.file = file
        self.status = status
    }

    /// Whether the file would be written by a sync.
    public var changesFile: Bool { status == .created || status == .updated }
}

/// One managed value that changes: `model` is `nil` for provider-level keys; `key` is a dotted path such as
/// `pricing.input`; `old` is `nil` for an inserted key, `new` for a removed one.
public struct Change: Sendable, Equatable {
    public var model: String?
    public var key: String
    public var old: YAMLValue?
    public var new: YAMLValue?

    public init(model: String?, key: String, old: YAMLValue?, new: YAMLValue?) {
        self.model = model
        self.key = key
        self.old = old
        self.new = new
    }
}

/// A managed value modelsync would change but does not, and why.
public struct Conflict: Sendable, Equatable {
    public var model: String?
    public var key: String
    public var reason: String

    public init(model: String?, key: String, reason: String) {
        self.model = model
        self.key = key
        self.reason = reason
    }
}
