import Diagnostics
import Testing

@Suite struct IDSuggestionsTests {
    private let ids = [
        "anthropic", "openai", "openrouter", "opencode", "mistral-large-latest", "pixtral-large-latest", "Mistral",
    ]

    @Test func aNearMissIsNotDrownedByLooserOnes() {
        #expect(IDSuggestions.closest(to: "mistral-large-latestt", among: ids, limit: 5) == ["mistral-large-latest"])
        #expect(IDSuggestions.closest(to: "anthropc", among: ids, limit: 5) == ["anthropic"])
    }

    @Test func containmentComesAfterEditsAndIgnoresCase() {
        #expect(IDSuggestions.closest(to: "OPEN", among: ids, limit: 5) == ["openai", "opencode", "openrouter"])
        #expect(IDSuggestions.closest(to: "mistral", among: ids, limit: 5) == ["Mistral", "mistral-large-latest"])
    }

    @Test func neverSuggestsTheTextItselfAndHonoursTheLimit() {
        #expect(IDSuggestions.closest(to: "openai", among: ids, limit: 5).contains("openai") == false)
        #expect(IDSuggestions.closest(to: "open", among: ids, limit: 2) == ["openai", "opencode"])
        #expect(IDSuggestions.closest(to: "", among: ids, limit: 5).isEmpty)
        #expect(IDSuggestions.closest(to: "zzzzzz", among: ids, limit: 5).isEmpty)
    }
}
