import Diagnostics
import Testing

/// `DidYouMean`: the quoted list (`'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`) and the phrase around it, in parentheses
/// or after a semicolon, and nothing at all for no suggestion.
@Suite struct DidYouMeanTests {
    @Test func theListQuotesEachSuggestionAndJoinsTheLastWithOr() {
        #expect(DidYouMean.list([]) == "")
        #expect(DidYouMean.list(["a"]) == "'a'")
        #expect(DidYouMean.list(["a", "b"]) == "'a' or 'b'")
        #expect(DidYouMean.list(["a", "b", "c"]) == "'a', 'b' or 'c'")
        #expect(DidYouMean.list(["a", "b", "c", "d"]) == "'a', 'b', 'c' or 'd'")
    }

    @Test func thePhraseIsParenthesizedByDefault() {
        #expect(DidYouMean.phrase(["a", "b", "c"]) == " (did you mean 'a', 'b' or 'c'?)")
        #expect(DidYouMean.phrase(["gpt-4o"]) == " (did you mean 'gpt-4o'?)")
    }

    @Test func thePhraseFollowsASemicolonWhenNotParenthesized() {
        #expect(DidYouMean.phrase(["a", "b"], parenthesized: false) == "; did you mean 'a' or 'b'?")
    }

    @Test func noSuggestionGivesNoPhrase() {
        #expect(DidYouMean.phrase([]) == "")
        #expect(DidYouMean.phrase([], parenthesized: false) == "")
    }
}
