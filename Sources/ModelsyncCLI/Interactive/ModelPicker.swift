import Foundation
import ModelDiscovery
import ModelsDevCatalog

/// The interactive model picker's state: numbered choices, a filter and a selection.
///
/// It reads input lines and returns what to show; it does no I/O (``ModelPicker/run(title:console:)`` does).
///
/// The picker is line-based, so the terminal stays in its normal (cooked) mode and there is nothing to restore,
/// whatever ends the process: the terminal's own line editing, Ctrl-C and Ctrl-D keep working. Each line is one of:
/// - text: shows only the models whose id or name contains every word of it (case ignored); it replaces the filter;
/// - numbers and ranges (`3`, `1 4-6`, `2,5`): select those models, or unselect the ones already selected. Numbers
///   are those on the screen: the rows shown are numbered from 1, so a number always names a row the user sees;
/// - `*`: select every model shown (unselect them when all are selected already);
/// - `/`: clear the filter;
/// - an empty line: done, add the selected models (with none selected, nothing is written);
/// - end of input (Ctrl-D): cancel, nothing is written.
struct ModelPicker {
    /// One model the picker offers.
    struct Choice: Equatable {
        var id: String
        var name: String
        /// Input and output price in USD per million tokens, as text; `-` when unknown.
        var input: String
        var output: String

        init(id: String, name: String, input: String, output: String) {
            self.id = id
            self.name = name
            self.input = input
            self.output = output
        }

        /// A choice for a catalog model.
        init(_ model: Model) {
            self.init(
                id: model.id, name: model.name ?? "-", input: model.cost?.prices.input?.description ?? "-",
                output: model.cost?.prices.output?.description ?? "-")
        }
    }

    /// What to do after a line.
    enum Step: Equatable {
        /// Show the list again, with a note when there is one.
        case show(note: String?)
        /// Done: add these model ids, in list order.
        case done([String])
        /// Cancelled: add nothing.
        case cancel
    }

    /// The help line printed under the list.
    static let help =
        "Type to filter; numbers or ranges (1 4-6) select or unselect; * selects all shown; / shows all; "
        + "an empty line adds the selected; Ctrl-D cancels."

    let choices: [Choice]
    private(set) var filter = ""
    /// Indexes of the selected choices.
    private(set) var selected: Set<Int> = []

    init(choices: [Choice]) {
        self.choices = choices
    }

    /// Indexes of the choices the filter shows, in list order.
    var shown: [Int] {
        let words = filter.lowercased().split(whereSeparator: \.isWhitespace)
        guard !words.isEmpty else { return Array(choices.indices) }
        return choices.indices.filter { index in
            let text = (choices[index].id + " " + choices[index].name).lowercased()
            return words.allSatisfy { text.contains($0) }
        }
    }

    /// The prompt: how many are selected and which (the first three ids, then how many more).
    var prompt: String {
        guard !selected.isEmpty else { return "0 selected> " }
        let ids = selected.sorted().map { choices[$0].id }
        var names = ids.prefix(3).joined(separator: ", ")
        if ids.count > 3 { names += " and \(ids.count - 3) more" }
        return "\(selected.count) selected (\(names))> "
    }

    /// Handles one input line (without its line break); `nil` is the end of input.
    mutating func handle(_ line: String?) -> Step {
        guard let line else { return .cancel }
        let text = line.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return .done(selected.sorted().map { choices[$0].id }) }
        if text == "/" {
            filter = ""
            return .show(note: nil)
        }
        if text == "*" {
            let visible = shown
            if visible.allSatisfy(selected.contains) {
                selected.subtract(visible)
            } else {
                selected.formUnion(visible)
            }
            return .show(note: nil)
        }
        if let numbers = Self.numbers(in: text) {
            let visible = shown
            guard let wrong = numbers.first(where: { !(1...max(1, visible.count)).contains($0) || visible.isEmpty })
            else {
                for number in numbers.map({ visible[$0 - 1] }) {
                    if selected.remove(number) == nil { selected.insert(number) }
                }
                return .show(note: nil)
            }
            guard !visible.isEmpty else { return .show(note: "no model is shown; / shows all") }
            return .show(note: "no model numbered \(wrong) on the screen: numbers go from 1 to \(visible.count)")
        }
        filter = text
        return .show(note: shown.isEmpty ? "no model matches '\(text)'; / shows all" : nil)
    }

    /// The numbers a line of numbers and ranges names, in order (a range `4-6` is 4, 5, 6); `nil` when the line is
    /// something else.
    static func numbers(in text: String) -> [Int]? {
        var result: [Int] = []
        let tokens = text.split { $0 == " " || $0 == "," || $0 == "\t" }
        guard !tokens.isEmpty else { return nil }
        for token in tokens {
            let bounds = token.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count), let low = Int(bounds[0]), let high = Int(bounds[bounds.count - 1]),
                bounds.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) })
            else { return nil }
            guard low <= high, high - low < 100_000 else { return nil }
            result += Array(low...high)
        }
        return result
    }

    /// The shown choices as a table fitted to `width` columns: the row's number on the screen, a `*` for selected
    /// ones, id, name, prices.
    func table(width: Int?) -> String {
        var table = TextTable(columns: [
            .init("#", alignment: .right), .init(""), .init("ID"), .init("NAME", truncatable: true),
            .init("INPUT $/M", alignment: .right), .init("OUTPUT $/M", alignment: .right),
        ])
        table.separator = " "
        for (row, index) in shown.enumerated() {
            let choice = choices[index]
            table.append([
                String(row + 1), selected.contains(index) ? "*" : "", choice.id, choice.name, choice.input,
                choice.output,
            ])
        }
        return table.render(maximumWidth: width)
    }
}
