/// One entry (its key node) or item of a flow collection, located in the text.
private struct FlowMember {
    var node: Int32
    /// The key's first byte (an explicit key's `?`), or the item's.
    var start: Int
    /// End of the member's value text.
    var end: Int
}

extension YAMLEditor {
    /// Inserts and removes the recorded members of a flow collection, separated by `, `.
    ///
    /// Insertions before a removed member go before the next member that stays (or are appended). A flow mapping
    /// left with only new members in a block parent (`models: {}`) is written as a block mapping instead.
    func flowMembershipSplices(_ collection: YAMLNodeID, into list: inout SpliceList) throws {
        let record = document.nodes[Int(collection.index)]
        if let flow = outermostFlowCollection(around: collection, including: true) {
            list.keepCommentColumn(after: document.range(of: flow))
        }
        if record.kind == .mapping {
            let firstChildStart =
                record.childCount > 0
                ? document.nodes[Int(document.children[Int(record.payload)])].start : record.contentEnd
            guard let open = openingBracket(of: collection), open < Int(firstChildStart) else {
                throw invalid(
                    "cannot add or remove entries of a flow pair without braces at \(document.position(of: collection))"
                )
            }
        }
        let members = flowMembers(of: collection)
        let surviving = members.filter { !removals.contains($0.node) }
        let (before, appended) = placedInsertions(in: collection, members: members)

        if surviving.isEmpty {
            try emptiedFlowCollectionSplices(collection, filledWith: appended, into: &list)
            return
        }
        flowRemovalSplices(members, into: &list)
        for member in surviving {
            guard let insertions = before[member.node], !insertions.isEmpty else { continue }
            list.insert(
                insertions.map(flowText).joined(separator: ", ") + ", ", at: member.start, rank: .insertBefore)
        }
        if !appended.isEmpty, let last = surviving.last {
            list.insert(
                ", " + appended.map(flowText).joined(separator: ", "), at: last.end, rank: .append,
                depth: depth(of: collection))
        }
    }

    /// The members of a flow collection in document order: each entry's key (or item) node, and where the member's
    /// text starts (an explicit key's `?`) and ends.
    private func flowMembers(of collection: YAMLNodeID) -> [FlowMember] {
        let record = document.nodes[Int(collection.index)]
        let isMapping = record.kind == .mapping
        let stride = isMapping ? 2 : 1
        let first = Int(record.payload)
        var members: [FlowMember] = []
        var index = first
        while index < first + Int(record.childCount) {
            let anchor = document.children[index]
            let last = document.children[index + stride - 1]
            let keyStart = Int(document.nodes[Int(anchor)].start)
            let start = isMapping ? (explicitKeyIndicator(before: keyStart) ?? keyStart) : keyStart
            members.append(
                FlowMember(
                    node: anchor, start: start, end: Int(max(document.nodes[Int(last)].contentEnd, Int32(start)))))
            index += stride
        }
        return members
    }

    /// The recorded insertions of `collection`, by the member that stays which they go before, and those appended
    /// after the last member that stays (insertions before a removed member move on to the next one that stays).
    private func placedInsertions(
        in collection: YAMLNodeID, members: [FlowMember]
    ) -> (before: [Int32: [Insertion]], appended: [Insertion]) {
        var before: [Int32: [Insertion]] = [:]
        var carried: [Insertion] = []
        for member in members {
            carried += insertionsBefore[member.node] ?? []
            if !removals.contains(member.node) {
                before[member.node] = carried
                carried = []
            }
        }
        return (before, carried + (appends[collection.index] ?? []))
    }

    /// A flow collection none of whose members stays: its new members (if any) between its brackets, or, for a
    /// flow mapping in a block parent that gets new entries, a block mapping in its place.
    private func emptiedFlowCollectionSplices(
        _ collection: YAMLNodeID, filledWith all: [Insertion], into list: inout SpliceList
    ) throws {
        let record = document.nodes[Int(collection.index)]
        let parentIsBlock = record.parent < 0 || document.nodes[Int(record.parent)].isBlockCollection
        if record.kind == .mapping && !all.isEmpty && parentIsBlock {
            // `models: {}` becomes a block mapping when filled.
            let entries = all.map { YAMLMappingEntry(key: $0.key ?? .null, value: $0.value) }
            try replacementSplices(collection, with: .mapping(entries, style: .block), into: &list)
            return
        }
        guard let open = openingBracket(of: collection) else {
            throw invalid("cannot find the bracket of the flow collection at \(document.position(of: collection))")
        }
        let close = Int(record.contentEnd) - 1
        list.add(open + 1..<close, all.map(flowText).joined(separator: ", "), rank: .replace)
    }

    /// Removes the removed members, in runs of neighbours: a run goes up to the next member that stays, or, at the
    /// end of the collection, from the end of the member that stays before it (at least one member stays).
    private func flowRemovalSplices(_ members: [FlowMember], into list: inout SpliceList) {
        var position = 0
        while position < members.count {
            guard removals.contains(members[position].node) else {
                position += 1
                continue
            }
            var runEnd = position
            while runEnd + 1 < members.count, removals.contains(members[runEnd + 1].node) { runEnd += 1 }
            if runEnd + 1 < members.count {
                list.add(members[position].start..<members[runEnd + 1].start, "", rank: .replace)
            } else {
                list.add(members[position - 1].end..<members[runEnd].end, "", rank: .replace)
            }
            position = runEnd + 1
        }
    }

    /// The inline text of a new member of a flow collection: `key: value` or the item.
    private func flowText(_ insertion: Insertion) -> String {
        guard let key = insertion.key else { return renderer.inlineText(insertion.value) }
        return renderer.keyText(key) + ": "
            + renderer.entryValueText(YAMLMappingEntry(key: key, value: insertion.value))
    }

    /// Offset of the first `{` (mapping) or `[` (sequence) in the collection's text; for a flow pair written without
    /// braces this is a nested collection's bracket, if any, so callers check that it lies before the first member.
    private func openingBracket(of collection: YAMLNodeID) -> Int? {
        let record = document.nodes[Int(collection.index)]
        let bracket = record.kind == .mapping ? UInt8(ascii: "{") : UInt8(ascii: "[")
        var index = Int(record.start)
        while index < Int(record.contentEnd) {
            if document.bytes[index] == bracket { return index }
            index += 1
        }
        return nil
    }
}
