/// Changes a YAML text the way people, tools and accidents do: bytes, lines, indentation, comments, quotes, anchors,
/// aliases and tags, flow and block lists, line endings, a byte-order mark, tabs, long lines, duplicated keys and
/// document markers.
///
/// Deterministic for a given generator: a failing case is replayed from its seed.
public struct YAMLMutator {
    /// One kind of change.
    public enum Mutation: String, CaseIterable, Sendable {
        case flipByte, insertByte, deleteByte, duplicateLine, deleteLine, swapLines, indentLine, outdentLine
        case addComment, addLineComment, quoteValue, doubleQuoteValue, addAnchorAndAlias, addTag, blockToFlow
        case flowToBlock, crlf, byteOrderMark, tabIndent, longLine, duplicateKey, documentMarkers, emptyValue
        case userKey, unicodeValue
    }

    public init() {}

    /// `bytes` changed by `count` random mutations; the mutations made, in order.
    public func mutate(
        _ bytes: [UInt8], count: Int, using generator: inout some RandomNumberGenerator
    ) -> (bytes: [UInt8], mutations: [Mutation]) {
        var text = bytes
        var made: [Mutation] = []
        for _ in 0..<count {
            let mutation = Mutation.allCases.randomElement(using: &generator) ?? .flipByte
            text = apply(mutation, to: text, using: &generator)
            made.append(mutation)
        }
        return (text, made)
    }

    /// `bytes` with `mutation` made at a random place.
    public func apply(
        _ mutation: Mutation, to bytes: [UInt8], using generator: inout some RandomNumberGenerator
    ) -> [UInt8] {
        var lines = Self.lines(bytes)
        func pickLine() -> Int? { lines.isEmpty ? nil : Int.random(in: 0..<lines.count, using: &generator) }
        func valueLine() -> Int? {
            let candidates = lines.indices.filter { index in
                let line = String(decoding: lines[index], as: UTF8.self)
                return line.contains(": ") && !line.hasSuffix(":") && !line.trimmingLeadingSpaces.hasPrefix("#")
            }
            return candidates.randomElement(using: &generator)
        }
        switch mutation {
        case .flipByte:
            guard !bytes.isEmpty else { return bytes }
            var result = bytes
            let index = Int.random(in: 0..<result.count, using: &generator)
            result[index] ^= UInt8(1 << Int.random(in: 0..<8, using: &generator))
            return result
        case .insertByte:
            var result = bytes
            let index = Int.random(in: 0...result.count, using: &generator)
            let choices: [UInt8] = Array(" -:#&*!|>'\"{}[],?\n\t%@`".utf8) + [0x00, 0x7F, 0xC3, 0xA9]
            result.insert(choices.randomElement(using: &generator) ?? 0x20, at: index)
            return result
        case .deleteByte:
            guard !bytes.isEmpty else { return bytes }
            var result = bytes
            result.remove(at: Int.random(in: 0..<result.count, using: &generator))
            return result
        case .duplicateLine:
            guard let index = pickLine() else { return bytes }
            lines.insert(lines[index], at: index)
        case .deleteLine:
            guard let index = pickLine() else { return bytes }
            lines.remove(at: index)
        case .swapLines:
            guard lines.count > 1, let index = pickLine() else { return bytes }
            lines.swapAt(index, (index + 1) % lines.count)
        case .indentLine:
            guard let index = pickLine() else { return bytes }
            lines[index] = Array("  ".utf8) + lines[index]
        case .outdentLine:
            guard let index = pickLine(), lines[index].starts(with: Array("  ".utf8)) else { return bytes }
            lines[index].removeFirst(2)
        case .addComment:
            guard let index = pickLine() else { return Array("# a comment\n".utf8) + bytes }
            let indent = lines[index].prefix { $0 == 0x20 }
            lines.insert(Array(indent) + Array("# a note kept by hand\n".utf8), at: index)
        case .addLineComment:
            guard let index = valueLine() else { return bytes }
            lines[index] = Self.appending(Array("   # why".utf8), to: lines[index])
        case .quoteValue, .doubleQuoteValue:
            guard let index = valueLine() else { return bytes }
            let quote: UInt8 = mutation == .quoteValue ? 0x27 : 0x22
            lines[index] = Self.rewritingValue(lines[index]) { value in
                value.contains(quote) || value.first == UInt8(ascii: "[") || value.first == UInt8(ascii: "{")
                    ? value : [quote] + value + [quote]
            }
        case .addAnchorAndAlias:
            guard let first = valueLine(), let second = valueLine(), first < second else { return bytes }
            lines[first] = Self.rewritingValue(lines[first]) { Array("&fz ".utf8) + $0 }
            lines[second] = Self.rewritingValue(lines[second]) { _ in Array("*fz".utf8) }
        case .addTag:
            guard let index = valueLine() else { return bytes }
            let tags = ["!!str ", "!<tag:x> ", "!!int ", "! "]
            let tag = tags.randomElement(using: &generator) ?? "!!str "
            if Bool.random(using: &generator) {
                lines[index] = Self.rewritingValue(lines[index]) { Array(tag.utf8) + $0 }
            } else {
                let indent = lines[index].prefix { $0 == 0x20 }
                lines[index] = Array(indent) + Array(tag.utf8) + Array(lines[index].dropFirst(indent.count))
            }
        case .blockToFlow:
            // `key:` followed by `- a` lines becomes `key: [a, …]`.
            guard
                let index = lines.indices.filter({ index in
                    index + 1 < lines.count
                        && lines[index].last(where: { $0 != 0x0A && $0 != 0x0D }) == UInt8(ascii: ":")
                        && String(decoding: lines[index + 1], as: UTF8.self).trimmingLeadingSpaces.hasPrefix("- ")
                }).randomElement(using: &generator)
            else { return bytes }
            var items: [String] = []
            while index + 1 < lines.count,
                case let line = String(decoding: lines[index + 1], as: UTF8.self).trimmingLeadingSpaces,
                line.hasPrefix("- ")
            {
                items.append(String(line.dropFirst(2)).trimmingTrailingNewline)
                lines.remove(at: index + 1)
            }
            lines[index] = Self.appending(Array(" [\(items.joined(separator: ", "))]".utf8), to: lines[index])
        case .flowToBlock:
            guard
                let index = lines.indices.filter({ index in
                    let line = String(decoding: lines[index], as: UTF8.self)
                    return line.contains(": [") && line.trimmingTrailingNewline.hasSuffix("]")
                }).randomElement(using: &generator)
            else { return bytes }
            let line = String(decoding: lines[index], as: UTF8.self).trimmingTrailingNewline
            guard let open = line.range(of: ": [") else { return bytes }
            let indent = String(line.prefix { $0 == " " })
            let items = line[open.upperBound...].dropLast().split(separator: ",").map { $0.trimmingLeadingSpaces }
            lines[index] = Array((String(line[..<open.lowerBound]) + ":\n").utf8)
            for (offset, item) in items.enumerated() {
                lines.insert(Array("\(indent)  - \(item)\n".utf8), at: index + 1 + offset)
            }
        case .crlf:
            var result: [UInt8] = []
            for byte in bytes {
                if byte == 0x0A { result.append(0x0D) }
                result.append(byte)
            }
            return result
        case .byteOrderMark:
            return [0xEF, 0xBB, 0xBF] + bytes
        case .tabIndent:
            guard let index = pickLine(), lines[index].first == 0x20 else { return bytes }
            lines[index][0] = 0x09
        case .longLine:
            guard let index = valueLine() else { return bytes }
            let long = String(repeating: "long ", count: Int.random(in: 200...1_200, using: &generator))
            lines[index] = Self.rewritingValue(lines[index]) { _ in Array(long.utf8) }
        case .duplicateKey:
            guard let index = valueLine() else { return bytes }
            lines.insert(lines[index], at: index + 1)
        case .documentMarkers:
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: return Array("---\n".utf8) + bytes
            case 1: return bytes + Array("...\n".utf8)
            default: return bytes + Array("---\nsecond: document\n".utf8)
            }
        case .emptyValue:
            guard let index = valueLine() else { return bytes }
            lines[index] = Self.rewritingValue(lines[index]) { _ in [] }
        case .userKey:
            guard let index = valueLine() else { return bytes }
            let indent = lines[index].prefix { $0 == 0x20 }
            lines.insert(Array(indent) + Array("notes: kept by hand # mine\n".utf8), at: index + 1)
        case .unicodeValue:
            guard let index = valueLine() else { return bytes }
            let values = ["'yes'", "\"é\\u0301 ✓\"", "2024-10-22", "0x1F", "~", "null", "1:20", "\"a\\tb\""]
            lines[index] = Self.rewritingValue(lines[index]) { _ in
                Array((values.randomElement(using: &generator) ?? "x").utf8)
            }
        }
        return lines.flatMap { $0 }
    }

    /// The lines of `bytes`, each with its line break.
    static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        for byte in bytes {
            current.append(byte)
            if byte == 0x0A {
                lines.append(current)
                current = []
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// `line` with `suffix` before its line break.
    static func appending(_ suffix: [UInt8], to line: [UInt8]) -> [UInt8] {
        let body = line.prefix { $0 != 0x0A && $0 != 0x0D }
        return Array(body) + suffix + Array(line.dropFirst(body.count))
    }

    /// `line` (`key: value`) with its value rewritten by `change`.
    static func rewritingValue(_ line: [UInt8], _ change: ([UInt8]) -> [UInt8]) -> [UInt8] {
        guard let colon = line.firstRange(of: Array(": ".utf8)) else { return line }
        let body = line.prefix { $0 != 0x0A && $0 != 0x0D }
        let value = Array(body[colon.upperBound...])
        return Array(line[..<colon.upperBound]) + change(value) + Array(line.dropFirst(body.count))
    }
}

extension StringProtocol {
    fileprivate var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
    fileprivate var trimmingTrailingNewline: String {
        var text = String(self)
        while text.last == "\n" || text.last == "\r" { text.removeLast() }
        return text
    }
}
