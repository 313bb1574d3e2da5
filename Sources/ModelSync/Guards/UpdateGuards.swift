import Diagnostics
import LosslessYAML

/// Which upstream changes a sync holds for a person instead of applying (docs/guards.md).
///
/// Each guard is on or off (`hold` or `apply` in the settings); `priceFactor` is a threshold instead: a price that
/// grows or shrinks by more than that factor is held, and `nil` applies every such change. Guards look only at
/// managed values a file already has: new models, new files and newly inserted keys have nothing to compare with.
public struct UpdateGuards: Sendable, Equatable {
    /// What a guard does with a change it matches.
    public enum Action: String, Sendable, Equatable {
        case hold
        case apply
    }

    /// A price (any key of `pricing`, `context_over_200k` and tiers included) that grows or shrinks by more than
    /// this factor; `nil`: never held for its size.
    public var priceFactor: Double?
    /// A price that goes from more than 0 to 0, from 0 to more than 0, or disappears while the model stays.
    public var priceToZero: Action
    /// `context_window`, `max_input_tokens` or `max_output_tokens` goes down.
    public var limitShrink: Action
    /// A managed capability the file lists is no longer derived from the catalog.
    public var capabilityRemoved: Action
    /// A model the catalog no longer lists: `apply` marks it `available: false` (or prunes it); `hold` leaves it.
    public var vanished: Action

    public init(
        priceFactor: Double? = 10, priceToZero: Action = .hold, limitShrink: Action = .hold,
        capabilityRemoved: Action = .hold, vanished: Action = .apply
    ) {
        self.priceFactor = priceFactor
        self.priceToZero = priceToZero
        self.limitShrink = limitShrink
        self.capabilityRemoved = capabilityRemoved
        self.vanished = vanished
    }

    /// The defaults of a run: every guard on except `vanished`, prices held beyond 10×.
    public static let standard = UpdateGuards()

    /// Every change applied, as `--accept-held` and the library's default merge have it.
    public static let off = UpdateGuards(
        priceFactor: nil, priceToZero: .apply, limitShrink: .apply, capabilityRemoved: .apply, vanished: .apply)

    /// The guard names of the settings file, in the order docs/guards.md lists them.
    public static let names = ["price_factor", "price_to_zero", "limit_shrink", "capability_removed", "vanished"]

    /// These guards with the ones a `guards:` mapping of the settings file sets.
    ///
    /// - Throws: ``SettingsError`` positioned at an unknown guard (with the closest names) or a wrong value.
    public func overridden(by node: YAMLNodeID, in document: YAMLDocument) throws -> UpdateGuards {
        if document.value(of: node) == .null { return self }
        guard document.kind(of: node) == .mapping else {
            throw SettingsError(
                document.diagnostic(
                    at: node, "'guards' must be a mapping such as '{ price_factor: 5, vanished: hold }'"))
        }
        var guards = self
        for (keyNode, valueNode) in document.entries(of: node) {
            let name = document.scalarText(of: keyNode) ?? ""
            let value = document.value(of: valueNode)
            switch name {
            case "price_factor":
                switch value {
                case .int(let factor) where factor > 1: guards.priceFactor = Double(factor)
                case .float(let factor) where factor > 1 && factor.isFinite: guards.priceFactor = factor
                case .string("apply"): guards.priceFactor = nil
                default:
                    throw SettingsError(
                        document.diagnostic(
                            at: valueNode, "'price_factor' must be a number greater than 1, or 'apply' to turn it off"))
                }
            case "price_to_zero": guards.priceToZero = try Self.action(valueNode, name, in: document)
            case "limit_shrink": guards.limitShrink = try Self.action(valueNode, name, in: document)
            case "capability_removed": guards.capabilityRemoved = try Self.action(valueNode, name, in: document)
            case "vanished": guards.vanished = try Self.action(valueNode, name, in: document)
            default:
                let suggestions = IDSuggestions.closest(to: name, among: Self.names, limit: 2)
                var diagnostic = document.diagnostic(
                    at: keyNode, "unknown guard '\(name)'\(DidYouMean.phrase(suggestions, parenthesized: false))")
                diagnostic.suggestions = suggestions
                diagnostic.notes = ["the guards are: \(Self.names.joined(separator: ", "))"]
                throw SettingsError(diagnostic)
            }
        }
        return guards
    }

    private static func action(_ node: YAMLNodeID, _ name: String, in document: YAMLDocument) throws -> Action {
        guard case .string(let text) = document.value(of: node), let action = Action(rawValue: text) else {
            throw SettingsError(document.diagnostic(at: node, "'\(name)' must be 'hold' or 'apply'"))
        }
        return action
    }
}
