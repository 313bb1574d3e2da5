/// An ETag (RFC 9110 §8.8.3) and the `If-None-Match` comparison.
struct EntityTag: Equatable {
    /// The opaque tag, without quotes.
    var opaque: String
    var isWeak: Bool

    static func strong(_ opaque: String) -> EntityTag {
        EntityTag(opaque: opaque, isWeak: false)
    }

    /// The `ETag` field value: `"…"`, or `W/"…"`.
    var header: String { (isWeak ? "W/" : "") + "\"" + opaque + "\"" }

    /// Whether `fields` (the `If-None-Match` values) name `tag`.
    ///
    /// `*` names every tag, and a tag names `tag` when its opaque part is the same: the comparison is weak, as
    /// RFC 9110 §13.1.2 asks for `If-None-Match`. A malformed member names nothing.
    static func matches(_ tag: EntityTag, ifNoneMatch fields: [String]) -> Bool {
        for field in fields {
            for member in field.split(separator: ",") {
                var text = member.trimmingSpaces
                if text == "*" { return true }
                if text.hasPrefix("W/") { text = text.dropFirst(2) }
                guard text.count >= 2, text.first == "\"", text.last == "\"" else { continue }
                if text.dropFirst().dropLast() == tag.opaque { return true }
            }
        }
        return false
    }
}

extension Substring {
    /// The text without spaces and tabs at either end.
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}
