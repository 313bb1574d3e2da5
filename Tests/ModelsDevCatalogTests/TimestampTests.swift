import Foundation
import Testing

@testable import ModelsDevCatalog

@Suite struct TimestampTests {
    /// Foundation's own calendar, an independent reference for the hand-written conversion.
    private static func referenceDate(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int)
        throws -> Date
    {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let components = DateComponents(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return try #require(calendar.date(from: components))
    }

    @Test(arguments: [
        ("1970-01-01T00:00:00Z", [1970, 1, 1, 0, 0, 0]),
        ("2026-07-02T09:30:00Z", [2026, 7, 2, 9, 30, 0]),
        ("2000-02-29T23:59:59Z", [2000, 2, 29, 23, 59, 59]),
        ("2024-12-31T12:00:01Z", [2024, 12, 31, 12, 0, 1]),
        ("1969-12-31T23:59:59Z", [1969, 12, 31, 23, 59, 59]),
        ("2100-03-01T00:00:00Z", [2100, 3, 1, 0, 0, 0]),
    ])
    func formatsAndParsesLikeTheGregorianCalendar(_ text: String, _ parts: [Int]) throws {
        let date = try Self.referenceDate(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5])
        #expect(Timestamp.format(date) == text)
        #expect(Timestamp.parse(text) == date)
    }

    @Test func everyDayOfFourHundredYearsRoundTrips() {
        var mismatches = 0
        for days in -1_000...(146_097 + 1_000) {
            let (year, month, day) = Timestamp.civilDate(daysSinceEpoch: days)
            if Timestamp.daysSinceEpoch(year: year, month: month, day: day) != days { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    @Test func dropsFractionsOfASecond() {
        #expect(Timestamp.format(Date(timeIntervalSince1970: 59.999)) == "1970-01-01T00:00:59Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59Z")
    }

    @Test(arguments: [
        "", "2026-07-02", "2026-07-02T09:30:00", "2026-07-02T09:30:00+02:00", "2026-07-02 09:30:00Z",
        "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-07-02T24:00:00Z",
        "2026-07-02T09:60:00Z", "2026-07-02T09:30:60Z", "2026-07-0xT09:30:00Z", "2026-07-02T09:30:00.5Z",
    ])
    func refusesAnythingButTheOneForm(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
    }
}
