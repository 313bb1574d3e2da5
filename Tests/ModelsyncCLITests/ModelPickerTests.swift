import Testing

@testable import ModelsyncCLI

/// The picker's state, line by line: numbers name the rows on the screen, the filter narrows them, the prompt
/// names what is selected.
@Suite struct ModelPickerTests {
    private func picker() -> ModelPicker {
        ModelPicker(choices: [
            .init(id: "alpha-small", name: "Alpha Small", input: "1", output: "2"),
            .init(id: "beta-large", name: "Beta Large", input: "3", output: "4"),
            .init(id: "gamma-small", name: "Gamma Small", input: "-", output: "-"),
        ])
    }

    @Test func numbersNameTheRowsOnTheScreenNotTheFullList() {
        var picker = picker()
        #expect(picker.handle("small") == .show(note: nil))
        #expect(picker.shown == [0, 2])
        #expect(picker.handle("2") == .show(note: nil))
        #expect(picker.selected == [2], "row 2 on the screen is gamma-small, not beta-large")
        #expect(picker.table(width: nil).contains("\n2 * gamma-small"))
        #expect(picker.handle("3") == .show(note: "no model numbered 3 on the screen: numbers go from 1 to 2"))
        #expect(picker.handle("") == .done(["gamma-small"]))
    }

    @Test func thePromptNamesTheSelection() {
        var picker = picker()
        #expect(picker.prompt == "0 selected> ")
        _ = picker.handle("1 3")
        #expect(picker.prompt == "2 selected (alpha-small, gamma-small)> ")
        _ = picker.handle("*")
        #expect(picker.prompt == "3 selected (alpha-small, beta-large, gamma-small)> ")
    }

    @Test func aFilterThatShowsNothingSaysSoAndNumbersSelectNothing() {
        var picker = picker()
        #expect(picker.handle("zzz") == .show(note: "no model matches 'zzz'; / shows all"))
        #expect(picker.handle("1") == .show(note: "no model is shown; / shows all"))
        #expect(picker.selected.isEmpty)
        #expect(picker.handle(nil) == .cancel)
    }
}
