import LosslessYAML

/// A change of a managed value that a guard held: the file keeps `old` until the change is accepted, the key is
/// pinned, or upstream changes back.
public struct HeldChange: Sendable, Equatable {
    /// The model's id.
    public var model: String
    /// A dotted key path (`pricing.input`); `capabilities` for a capability that would go, `available` for a model
    /// the catalog no longer lists.
    public var key: String
    /// The value in the file (for a capability, its name).
    public var old: YAMLValue?
    /// The value upstream; `nil` when the key (or the model, when pruning) would go.
    public var new: YAMLValue?
    public var reason: HoldReason

    public init(model: String, key: String, old: YAMLValue?, new: YAMLValue?, reason: HoldReason) {
        self.model = model
        self.key = key
        self.old = old
        self.new = new
        self.reason = reason
    }
}

/// Why a change is held: which guard matched it.
public enum HoldReason: Sendable, Equatable, CustomStringConvertible {
    /// A price multiplied by `factor` (above 1: it grew; below 1: it shrank).
    case priceFactor(Double)
    /// A price that was above 0 becomes 0.
    case priceToZero
    /// A price that was 0 becomes more than 0.
    case priceFromZero
    /// A price above 0 disappears while the model stays.
    case priceRemoved
    /// A token limit goes down.
    case limitShrink
    /// A managed capability is no longer derived.
    case capabilityRemoved
    /// The catalog no longer lists the model.
    case vanished
    /// The new upstream value is younger than the cooldown (docs/history.md#cooldown); it has stood this many hours.
    case cooldown(standingHours: Double)

    /// The guard's name in the settings file (`guard` in `--json`).
    public var guardName: String {
        switch self {
        case .priceFactor: return "price_factor"
        case .priceToZero, .priceFromZero, .priceRemoved: return "price_to_zero"
        case .limitShrink: return "limit_shrink"
        case .capabilityRemoved: return "capability_removed"
        case .vanished: return "vanished"
        case .cooldown: return "cooldown_hours"
        }
    }

    /// For people: `price ×100`, `price to 0`, `limit shrinks`.
    public var description: String {
        switch self {
        case .priceFactor(let factor):
            return factor >= 1 ? "price ×\(Self.factorText(factor))" : "price ÷\(Self.factorText(1 / factor))"
        case .priceToZero: return "price to 0"
        case .priceFromZero: return "price from 0"
        case .priceRemoved: return "price removed"
        case .limitShrink: return "limit shrinks"
        case .capabilityRemoved: return "capability removed"
        case .vanished: return "no longer listed"
        case .cooldown(let hours): return "new for \(Self.hoursText(hours)) (cooldown)"
        }
    }

    /// Hours as people say them: `40 min`, `2 h`, `25 h`.
    private static func hoursText(_ hours: Double) -> String {
        hours < 1 ? "\(Int((hours * 60).rounded(.down))) min" : "\(Int(hours.rounded(.down))) h"
    }

    /// A factor with at most one decimal, and none from 10 up (`2.5`, `12`, `100`).
    private static func factorText(_ factor: Double) -> String {
        let rounded = factor >= 10 ? factor.rounded() : (factor * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

/// A pinned managed key whose upstream value differs from the file's.
public struct PinnedDrift: Sendable, Equatable {
    public var model: String
    public var key: String
    /// The value in the file; `nil` when the pinned key is absent.
    public var local: YAMLValue?
    /// The value upstream; `nil` when upstream has none.
    public var upstream: YAMLValue?

    public init(model: String, key: String, local: YAMLValue?, upstream: YAMLValue?) {
        self.model = model
        self.key = key
        self.local = local
        self.upstream = upstream
    }
}

/// A provider-level key (`default_model`) naming a model the file does not have in a usable state.
public struct ReferenceProblem: Sendable, Equatable {
    /// What is wrong with the model named.
    public enum Problem: String, Sendable, Equatable {
        /// The file has no such model.
        case missing
        /// The model is `available: false`.
        case unavailable
        /// The model is `deprecated: true`.
        case deprecated
    }

    /// The provider-level key.
    public var key: String
    /// The model id it names.
    public var model: String
    public var problem: Problem

    public init(key: String, model: String, problem: Problem) {
        self.key = key
        self.model = model
        self.problem = problem
    }
}
