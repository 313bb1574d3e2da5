/// One replacement of a byte range of the original text by new text.
struct Splice {
    /// Which splice goes first when several start at the same offset.
    enum Rank: Int, Comparable {
        /// A value written into an empty node here (it belongs to the text before).
        case fill = 0
        /// Text appended to a collection that ends here (deeper collections first).
        case append = 1
        /// Text inserted before a member that starts here.
        case insertBefore = 2
        /// A non-empty range replaced or removed.
        case replace = 3

        static func < (lhs: Rank, rhs: Rank) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    var range: Range<Int>
    var text: String
    var rank: Rank
    /// Among appends at one offset: larger for deeper collections, which go first.
    var depth: Int
    var sequence: Int
}

/// The splices of one edit batch, applied together to the original bytes.
struct SpliceList {
    private(set) var splices: [Splice] = []
    /// Byte ranges of edited one-line flow collections whose end-of-line comment keeps its column.
    private(set) var commentAnchors: Set<Range<Int>> = []

    /// Asks that the end-of-line comment after the flow collection at `range` keep its column after the edits inside.
    mutating func keepCommentColumn(after range: Range<Int>) {
        commentAnchors.insert(range)
    }

    mutating func add(_ range: Range<Int>, _ text: String, rank: Splice.Rank, depth: Int = 0) {
        let rank = range.isEmpty && rank == .replace ? .fill : rank
        splices.append(Splice(range: range, text: text, rank: rank, depth: depth, sequence: splices.count))
    }

    mutating func insert(_ text: String, at offset: Int, rank: Splice.Rank, depth: Int = 0) {
        add(offset..<offset, text, rank: rank, depth: depth)
    }

    /// The original bytes with every splice applied; throws when two splices overlap.
    func apply(to bytes: [UInt8], path: String) throws -> [UInt8] {
        let ordered = splices.sorted {
            if $0.range.lowerBound != $1.range.lowerBound { return $0.range.lowerBound < $1.range.lowerBound }
            if $0.rank != $1.rank { return $0.rank < $1.rank }
            if $0.depth != $1.depth { return $0.depth > $1.depth }
            return $0.sequence < $1.sequence
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + ordered.reduce(0) { $0 + $1.text.utf8.count })
        var cursor = 0
        for splice in ordered {
            guard splice.range.lowerBound >= cursor else {
                throw YAMLError.invalidEdit(
                    path: path,
                    message:
                        "overlapping edits at byte \(splice.range.lowerBound) (an edit inside a removed or replaced node)"
                )
            }
            output.append(contentsOf: bytes[cursor..<splice.range.lowerBound])
            output.append(contentsOf: splice.text.utf8)
            cursor = splice.range.upperBound
        }
        output.append(contentsOf: bytes[cursor...])
        return output
    }
}
