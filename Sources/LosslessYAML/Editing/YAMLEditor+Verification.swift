extension YAMLEditor {
    /// Parses `output` and checks that it reads as the intended data.
    func verify(_ output: [UInt8]) throws {
        let reparsed: YAMLDocument
        do {
            reparsed = try YAMLDocument(
                bytes: output, path: document.path, allowsMultipleDocuments: document.roots.count > 1)
        } catch YAMLError.undefinedAlias(let diagnostic) {
            // The edits replaced or removed a node whose anchor an alias elsewhere uses: a layout the editor does not
            // write, refused like the others (the caller keeps the original bytes).
            throw YAMLError.invalidEdit(
                path: document.path,
                message: "the edits would drop an anchor that an alias uses (\(diagnostic.message.description))")
        } catch let error as YAMLError {
            throw YAMLError.verificationFailed(path: document.path, detail: "the new text does not parse: \(error)")
        }
        let same: Bool
        if document.roots.isEmpty {
            let intended = intendedValues()
            same =
                intended.count == reparsed.roots.count
                && zip(reparsed.roots, intended).allSatisfy { reparsed.isEqual($0, to: $1) }
        } else {
            same =
                reparsed.roots.count == document.roots.count
                && zip(reparsed.roots, document.roots).allSatisfy { reads($0, in: reparsed, asIntended: $1) }
        }
        guard same else {
            let intended = intendedValues()
            let actual = reparsed.roots.map { reparsed.value(of: $0) }
            let detail = YAMLValueDifference.describe(expected: intended, actual: actual)
            throw YAMLError.verificationFailed(path: document.path, detail: detail)
        }
    }

    /// Whether `node` of `reparsed` reads as the data ``intendedValue(of:)`` gives for `original`, a node of the
    /// edited document, without building that value.
    ///
    /// Untouched leaves compare by their bytes (falling back to their data when the bytes differ); only edited parts
    /// compare against the values the edits carry.
    private func reads(_ node: YAMLNodeID, in reparsed: YAMLDocument, asIntended original: YAMLNodeID) -> Bool {
        if let replacement = replacements[original.index] { return reparsed.isEqual(node, to: replacement) }
        let record = document.nodes[Int(original.index)]
        guard record.kind == .mapping || record.kind == .sequence else {
            if reparsed.hasSameLeafText(node, as: original, in: document) { return true }
            return reparsed.isEqual(node, to: document.value(of: original))
        }
        let other = reparsed.nodes[Int(node.index)]
        guard other.kind == record.kind else { return false }
        let stride = record.kind == .mapping ? 2 : 1
        var position = Int(other.payload)
        let end = position + Int(other.childCount)
        func readsAsInserted(_ insertion: Insertion) -> Bool {
            guard position + stride <= end else { return false }
            let child = { YAMLNodeID(reparsed.children[position + $0]) }
            let same: Bool
            if stride == 2 {
                same =
                    reparsed.isEqual(child(0), to: insertion.key ?? .null)
                    && reparsed.isEqual(child(1), to: insertion.value)
            } else {
                same = reparsed.isEqual(child(0), to: insertion.value)
            }
            position += stride
            return same
        }
        let first = Int(record.payload)
        for index in Swift.stride(from: first, to: first + Int(record.childCount), by: stride) {
            let member = document.children[index]
            for insertion in insertionsBefore[member] ?? [] where !readsAsInserted(insertion) { return false }
            guard !removals.contains(member) else { continue }
            guard position + stride <= end else { return false }
            for offset in 0..<stride {
                let intended = YAMLNodeID(document.children[index + offset])
                guard reads(YAMLNodeID(reparsed.children[position + offset]), in: reparsed, asIntended: intended)
                else { return false }
            }
            position += stride
        }
        for insertion in appends[original.index] ?? [] where !readsAsInserted(insertion) { return false }
        return position == end
    }
}
