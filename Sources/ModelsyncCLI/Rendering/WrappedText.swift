/// Prose under a table, broken between words to fit the terminal.
enum WrappedText {
    /// `text` broken into lines of at most `width` terminal columns between words (a word wider than that keeps a
    /// line of its own); `text` as it is without a width.
    static func wrap(_ text: String, width: Int?) -> String {
        guard let width else { return text }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
