extension YAMLEditor {
    /// Inserts and removes the recorded members of a block collection, member by member in document order.
    ///
    /// A new member goes above the leading comments of the member it precedes (or directly above the member, when
    /// asked), or after the last member's owned lines when appended; a removed member goes with its leading
    /// comments and the lines it owns. A collection left with no members is written as `{}` or `[]`.
    func blockMembershipSplices(_ collection: YAMLNodeID, into list: inout SpliceList) throws {
        let members = try blockMembers(of: collection)
        let isMapping = document.kind(of: collection) == .mapping
        let survivors = members.filter { !removals.contains($0.node) }.count
        let additions =
            members.reduce(0) { $0 + (insertionsBefore[$1.node]?.count ?? 0) } + (appends[collection.index]?.count ?? 0)
        guard let firstMember = members.first, let lastMember = members.last else { return }
        if survivors == 0 && additions == 0 {
            // A block collection cannot be empty: write `{}` or `[]` in its place.
            let empty: YAMLValue = isMapping ? .mapping([], style: .flow) : .sequence([], style: .flow)
            try replacementSplices(collection, with: empty, into: &list)
            return
        }
        let column = firstMember.column
        let step = childStep(of: collection)
        let depth = self.depth(of: collection)
        for (position, member) in members.enumerated() {
            for insertion in insertionsBefore[member.node] ?? [] {
                let rendered = memberText([insertion], column: column, step: step)
                if member.startsLine {
                    let at = insertion.belowLeadingComments ? member.lineStart : member.leadingStart
                    list.insert(wholeLinesText(rendered, at: at), at: at, rank: .insertBefore)
                } else {
                    // `- key: value`: the new entry takes the dash line, the old one moves to the next line.
                    var text = String(rendered.dropFirst(column))
                    text.removeLast()  // the final line break (one `Character`, `\r\n` included)
                    let removedLast = removals.contains(member.node) && position + 1 == members.count
                    let suffix = removedLast ? "" : formatting.lineBreak + String(repeating: " ", count: column)
                    list.insert(text + suffix, at: member.anchorOffset, rank: .insertBefore)
                }
            }
            if removals.contains(member.node) {
                if !member.startsLine, position + 1 < members.count {
                    list.add(member.anchorOffset..<members[position + 1].anchorOffset, "", rank: .replace)
                } else if !member.startsLine {
                    list.add(member.anchorOffset..<member.contentEnd, "", rank: .replace)
                } else {
                    list.add(member.leadingStart..<member.ownedEnd, "", rank: .replace)
                }
            }
        }
        if let appended = appends[collection.index], let lastAppended = appended.last {
            let rendered = memberText(appended, column: column, step: step)
            let at = lastMember.ownedEnd
            list.insert(
                wholeLinesText(rendered, at: at, endsInBlockScalar: endsInBlockScalar(lastAppended.value)), at: at,
                rank: .append, depth: depth)
        }
    }

    /// The text of new members at column `column`, one after the other, every line ended by the file's line break.
    private func memberText(_ insertions: [Insertion], column: Int, step: Int) -> String {
        var output: [UInt8] = []
        for insertion in insertions {
            if let key = insertion.key {
                renderer.writeEntry(key: key, value: insertion.value, indent: column, step: step, into: &output)
            } else {
                renderer.writeItem(insertion.value, indent: column, step: step, into: &output)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
