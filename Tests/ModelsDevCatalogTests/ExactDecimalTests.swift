import Testing

@testable import ModelsDevCatalog

/// `ExactDecimal` keeps prices exact: equality by value, shortest positional text, no floating-point noise.
struct ExactDecimalTests {
    @Test func printsTheShortestPositionalText() throws {
        let cases = [
            ("3", "3"), ("3.0", "3"), ("30e-1", "3"), ("0.3", "0.3"), ("2.5e-6", "0.0000025"), ("1E+3", "1000"),
            ("-0.50", "-0.5"), ("0", "0"), ("-0", "0"), ("0.000", "0"), ("12.345e1", "123.45"),
            ("0.30000000000000004", "0.30000000000000004"),
            // Text already positional is kept; a trailing zero, a point or an exponent is not.
            ("0.05", "0.05"), ("120", "120"), ("1.25", "1.25"), ("10.50", "10.5"), ("0.0", "0"), ("100.0", "100"),
        ]
        for (text, expected) in cases {
            #expect(try #require(ExactDecimal(text)).description == expected, "\(text)")
        }
    }

    @Test func comparesByValue() throws {
        #expect(ExactDecimal("3") == ExactDecimal("3.00"))
        #expect(ExactDecimal("0.3") != ExactDecimal("0.30000000000000004"))
        #expect(Set([ExactDecimal("1.5"), ExactDecimal("15e-1"), ExactDecimal("1.50")]).count == 1)
        let sorted = ["10", "-2", "0.3", "3", "0.03", "-0.5"].compactMap(ExactDecimal.init).sorted()
        #expect(sorted.map(\.description) == ["-2", "-0.5", "0.03", "0.3", "3", "10"])
    }

    @Test func knowsIntegersAndKeepsTheirText() throws {
        #expect(ExactDecimal("3")?.isInteger == true)
        #expect(ExactDecimal("3.0")?.intValue == 3)
        #expect(ExactDecimal("2e5")?.intValue == 200_000)
        #expect(ExactDecimal("0.5")?.isInteger == false)
        #expect(ExactDecimal("0.5")?.intValue == nil)
        #expect(ExactDecimal(64_000).text == "64000")
    }

    @Test func keepsHugeExponentsAsWritten() throws {
        let huge = try #require(ExactDecimal("1e999999999"))
        #expect(huge.description == "1e999999999")
        #expect(huge.intValue == nil)
        #expect(huge > ExactDecimal(1))
        #expect(ExactDecimal("9223372036854775807")?.intValue == Int.max)
        #expect(ExactDecimal("9223372036854775808")?.intValue == nil)
        #expect(ExactDecimal("1e-70")?.description == "1e-70")
    }

    @Test func acceptsOnlyJSONNumbers() {
        for text in ["", "-", "01", "1.", ".5", "+1", "1e", "0x10", "1 ", "NaN", "1_000"] {
            #expect(ExactDecimal(text) == nil, "\(text)")
        }
    }
}
