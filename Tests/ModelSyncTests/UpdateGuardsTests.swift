import LosslessYAML
import Testing

@testable import ModelSync

/// The guards' rules at their edges (docs/guards.md): the factor is "more than", zero is its own rule, removal counts
/// only for prices above 0, tiers are matched by `min_context`, and accepted patterns split at the last `:`.
@Suite struct UpdateGuardsTests {
    let guards = UpdateGuards.standard

    @Test(
        arguments: [
            (1.0, 10.0, nil), (0.028, 0.0028, nil), (1.0, 10.01, "price_factor"), (10.0, 0.99, "price_factor"),
            (1.0, 0.0, "price_to_zero"), (0.0, 1.0, "price_to_zero"), (0.0, 0.0, nil), (2.0, 3.0, nil),
        ] as [(Double, Double, String?)])
    func aPriceIsHeldBeyondTheFactorAndAcrossZero(old: Double, new: Double, held: String?) {
        let reason = guards.reason(forKey: "pricing.input", old: .float(old), new: .float(new))
        #expect(reason?.guardName == held, "\(old) → \(new): \(String(describing: reason))")
        let nested = guards.reason(forKey: "pricing.context_over_200k.output", old: .float(old), new: .float(new))
        #expect(nested?.guardName == held)
    }

    @Test func aRemovedPriceIsHeldOnlyWhenItWasAboveZero() {
        #expect(guards.reason(forKey: "pricing.cache_write", old: .int(10), new: nil) == .priceRemoved)
        #expect(guards.reason(forKey: "pricing.cache_write", old: .int(0), new: nil) == nil)
        #expect(guards.reason(forKey: "pricing.cache_write", old: nil, new: .int(10)) == nil, "an inserted price")
        let free = YAMLValue.mapping([YAMLMappingEntry("input", .int(0)), YAMLMappingEntry("output", .int(0))])
        let paid = YAMLValue.mapping([YAMLMappingEntry("input", .int(0)), YAMLMappingEntry("output", .int(2))])
        #expect(guards.reason(forKey: "pricing", old: free, new: nil) == nil)
        #expect(guards.reason(forKey: "pricing", old: paid, new: nil) == .priceRemoved)
        #expect(guards.reason(forKey: "pricing", old: paid, new: free) == nil, "a mapping that stays: key by key")
    }

    @Test func limitsAreHeldWhenTheyGoDownNotWhenTheyGo() {
        #expect(guards.reason(forKey: "context_window", old: .int(200_000), new: .int(100_000)) == .limitShrink)
        #expect(guards.reason(forKey: "max_output_tokens", old: .int(4096), new: .int(8192)) == nil)
        #expect(guards.reason(forKey: "max_input_tokens", old: .int(4096), new: nil) == nil)
        #expect(guards.reason(forKey: "name", old: .string("a"), new: .string("b")) == nil)
    }

    @Test func tiersAreMatchedByTheirMinimumContext() {
        func tier(_ minimum: Int, _ input: Double) -> YAMLValue {
            .mapping([YAMLMappingEntry("min_context", .int(minimum)), YAMLMappingEntry("input", .float(input))])
        }
        let old = YAMLValue.sequence([tier(200_000, 2.5), tier(1_000_000, 5)])
        #expect(
            guards.reason(forKey: "pricing.tiers", old: old, new: .sequence([tier(1_000_000, 5), tier(200_000, 3)]))
                == nil)
        #expect(
            guards.reason(
                forKey: "pricing.tiers", old: old, new: .sequence([tier(200_000, 2.5), tier(1_000_000, 500)]))
                == .priceFactor(100))
        #expect(guards.reason(forKey: "pricing.tiers", old: old, new: .sequence([tier(200_000, 2.5)])) == .priceRemoved)
        #expect(guards.reason(forKey: "pricing.tiers", old: old, new: nil) == .priceRemoved)
    }

    @Test func guardsSetToApplyHoldNothing() {
        let off = UpdateGuards.off
        #expect(off.reason(forKey: "pricing.input", old: .int(1), new: .int(100)) == nil)
        #expect(off.reason(forKey: "pricing.input", old: .int(1), new: .int(0)) == nil)
        #expect(off.reason(forKey: "context_window", old: .int(2), new: .int(1)) == nil)
    }

    @Test func acceptedPatternsSplitAtTheLastColonAndTakeGlobs() throws {
        let accepted = try AcceptedChanges(
            all: false, parsing: ["openrouter/meta-llama/llama-3-8b:free:pricing.*", "openai/gpt-5:capabilities"])
        #expect(accepted.accepts(fileID: "openrouter", model: "meta-llama/llama-3-8b:free", key: "pricing.input"))
        #expect(!accepted.accepts(fileID: "openrouter", model: "meta-llama/llama-3-8b", key: "pricing.input"))
        #expect(accepted.accepts(fileID: "openai", model: "gpt-5", key: "capabilities"))
        #expect(!accepted.accepts(fileID: "openai", model: "gpt-5", key: "pricing.input"))
        for bad in ["openai/gpt-5", "gpt-5:pricing.input", "/gpt-5:x", "openai/:x", "openai/gpt-5:"] {
            #expect(throws: AcceptancePatternError.self, "\(bad)") { try AcceptedChanges(all: false, parsing: [bad]) }
        }
    }
}
