/// A unified diff of two texts, line by line (Myers' algorithm), as `diff -u` and `git diff` print it.
///
/// Lines keep their own line endings in the comparison; a last line without a final newline is marked with
/// `\ No newline at end of file`. Context is 3 lines.
public struct UnifiedDiff: Sendable {
    public let oldPath: String
    public let newPath: String
    public let oldText: String
    public let newText: String
    /// Unchanged lines shown around each change.
    public var context = 3

    public init(oldPath: String, newPath: String, oldText: String, newText: String) {
        self.oldPath = oldPath
        self.newPath = newPath
        self.oldText = oldText
        self.newText = newText
    }

    /// The diff text, empty when the texts are equal.
    ///
    /// With `colored`, removed lines are red, added ones green and hunk headers cyan (ANSI escapes).
    public func render(colored: Bool = false) -> String {
        let old = Self.lines(oldText)
        let new = Self.lines(newText)
        let script = Self.editScript(old, new)
        guard script.contains(where: { $0.kind != .same }) else { return "" }
        let red = colored ? "\u{1B}[31m" : ""
        let green = colored ? "\u{1B}[32m" : ""
        let cyan = colored ? "\u{1B}[36m" : ""
        let reset = colored ? "\u{1B}[0m" : ""
        var output = "--- \(oldPath)\n+++ \(newPath)\n"
        for hunk in hunks(script) {
            let oldStart = hunk.oldCount == 0 ? hunk.oldStart : hunk.oldStart + 1
            let newStart = hunk.newCount == 0 ? hunk.newStart : hunk.newStart + 1
            output += "\(cyan)@@ -\(oldStart),\(hunk.oldCount) +\(newStart),\(hunk.newCount) @@\(reset)\n"
            for edit in hunk.edits {
                let line: Line
                let prefix: String
                switch edit.kind {
                case .same:
                    line = old[edit.oldIndex]
                    prefix = " "
                case .delete:
                    line = old[edit.oldIndex]
                    prefix = red + "-"
                case .insert:
                    line = new[edit.newIndex]
                    prefix = green + "+"
                }
                let color = edit.kind == .same ? "" : reset
                output += prefix + line.text + color + "\n"
                if !line.endsWithBreak { output += "\\ No newline at end of file\n" }
            }
        }
        return output
    }

    // MARK: - Lines and edits

    struct Line: Equatable {
        /// The line without its line break (a CR of CRLF is kept, so CRLF changes show).
        var text: String
        var endsWithBreak: Bool
    }

    enum Kind { case same, delete, insert }

    struct Edit {
        var kind: Kind
        var oldIndex: Int
        var newIndex: Int
    }

    struct Hunk {
        var oldStart: Int
        var oldCount: Int
        var newStart: Int
        var newCount: Int
        var edits: [Edit]
    }

    static func lines(_ text: String) -> [Line] {
        var result: [Line] = []
        var current = Substring(text)
        while let newline = current.firstIndex(of: "\n") {
            result.append(Line(text: String(current[..<newline]), endsWithBreak: true))
            current = current[current.index(after: newline)...]
        }
        if !current.isEmpty { result.append(Line(text: String(current), endsWithBreak: false)) }
        return result
    }

    /// The shortest edit script from `a` to `b` (Myers, O((N+M)·D)).
    static func editScript(_ a: [Line], _ b: [Line]) -> [Edit] {
        let n = a.count
        let m = b.count
        let max = n + m
        var frontier = [Int](repeating: 0, count: 2 * max + 2)
        var trace: [[Int]] = []
        var found = false
        for d in 0...max {
            trace.append(frontier)
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && frontier[max + k - 1] < frontier[max + k + 1]) {
                    x = frontier[max + k + 1]
                } else {
                    x = frontier[max + k - 1] + 1
                }
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                frontier[max + k] = x
                if x >= n && y >= m {
                    found = true
                    break
                }
            }
            if found { break }
        }
        // Walk back through the trace.
        var edits: [Edit] = []
        var x = n
        var y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let previousK: Int
            if k == -d || (k != d && v[max + k - 1] < v[max + k + 1]) {
                previousK = k + 1
            } else {
                previousK = k - 1
            }
            let previousX = d == 0 ? 0 : v[max + previousK]
            let previousY = previousX - previousK
            while x > previousX && y > previousY {
                x -= 1
                y -= 1
                edits.append(Edit(kind: .same, oldIndex: x, newIndex: y))
            }
            if d > 0 {
                if x == previousX {
                    y -= 1
                    edits.append(Edit(kind: .insert, oldIndex: x, newIndex: y))
                } else {
                    x -= 1
                    edits.append(Edit(kind: .delete, oldIndex: x, newIndex: y))
                }
            }
        }
        return edits.reversed()
    }

    /// Groups an edit script into hunks with `context` unchanged lines around changes; changes closer than twice
    /// the context share a hunk.
    func hunks(_ script: [Edit]) -> [Hunk] {
        var ranges: [Range<Int>] = []
        for (position, edit) in script.enumerated() where edit.kind != .same {
            let lower = max(0, position - context)
            let upper = min(script.count, position + context + 1)
            if let last = ranges.last, lower <= last.upperBound {
                ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, upper)
            } else {
                ranges.append(lower..<upper)
            }
        }
        return ranges.map { range in
            let edits = Array(script[range])
            return Hunk(
                oldStart: edits[0].oldIndex, oldCount: edits.filter { $0.kind != .insert }.count,
                newStart: edits[0].newIndex, newCount: edits.filter { $0.kind != .delete }.count, edits: edits)
        }
    }
}
