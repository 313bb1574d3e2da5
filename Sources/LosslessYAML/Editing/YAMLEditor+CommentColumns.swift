extension YAMLEditor {
    /// Puts the end-of-line comment after each edited one-line flow collection back at its column where the line
    /// allows (at least one space before the `#`).
    ///
    /// The edits on the line before the collection's end add up; a gap with a tab (aligned to a tab stop), or a line
    /// whose edits add or remove line breaks, is left as written.
    func alignComments(in list: inout SpliceList) {
        for anchor in list.commentAnchors.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            let contentEnd = anchor.upperBound
            let lineStart = layout.lineStart(of: contentEnd)
            guard layout.lineStart(of: anchor.lowerBound) == lineStart,
                let comment = layout.trailingComment(after: contentEnd),
                !document.bytes[contentEnd..<comment].contains(0x09)
            else { continue }
            var delta = 0
            var alignable = true
            for splice in list.splices where splice.range.upperBound > lineStart && splice.range.lowerBound < comment {
                let range = splice.range
                if range.lowerBound < lineStart || range.upperBound > contentEnd
                    || splice.text.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
                {
                    alignable = false
                    break
                }
                delta += splice.text.unicodeScalars.count - layout.width(from: range.lowerBound, to: range.upperBound)
            }
            let gap = comment - contentEnd
            let padding = max(1, gap - delta)
            guard alignable, padding != gap else { continue }
            list.add(contentEnd..<comment, String(repeating: " ", count: padding), rank: .replace)
        }
    }

    /// The outermost flow collection that holds `node` (or is `node`, when `including`), if `node` lies in flow.
    func outermostFlowCollection(around node: YAMLNodeID, including: Bool) -> YAMLNodeID? {
        var found: YAMLNodeID? = including && document.collectionStyle(of: node) == .flow ? node : nil
        var current = node
        while let parent = document.parent(of: current), document.collectionStyle(of: parent) == .flow {
            found = parent
            current = parent
        }
        return found
    }
}
