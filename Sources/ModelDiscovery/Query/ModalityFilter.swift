import ModelsDevCatalog

/// A value of `--modality`: `image` matches a model that reads or writes images; `input:image` only one that reads
/// them, `output:audio` only one that writes audio.
public struct ModalityFilter: Equatable, Sendable {
    /// Which of a model's modality lists the filter looks at.
    public enum Direction: String, Sendable {
        /// `modalities.input` or `modalities.output`.
        case either
        /// `modalities.input` only.
        case input
        /// `modalities.output` only.
        case output
    }

    /// The modalities models.dev uses, accepted by `--modality`.
    public static let modalities = ["text", "image", "audio", "video", "pdf"]

    public var direction: Direction
    /// One of ``modalities``, such as `image`.
    public var modality: String

    public init(_ modality: String, direction: Direction = .either) {
        self.modality = modality
        self.direction = direction
    }

    /// Reads `image`, `input:image` or `output:audio` (case does not matter; `in:` and `out:` also work).
    ///
    /// - Throws: ``QueryError/unknownModality(_:)``, whose message lists the valid modalities.
    public init(parsing text: String) throws(QueryError) {
        let lowered = text.trimmingWhitespace().lowercased()
        let parts = lowered.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        var direction = Direction.either
        var modality = lowered
        if parts.count == 2 {
            switch parts[0] {
            case "input", "in": direction = .input
            case "output", "out": direction = .output
            default: throw .unknownModality(text)
            }
            modality = parts[1]
        }
        guard Self.modalities.contains(modality) else { throw .unknownModality(text) }
        self.init(modality, direction: direction)
    }

    /// Whether `model` lists the modality where this filter looks.
    public func matches(_ model: Model) -> Bool {
        let input = model.modalities?.input?.contains(modality) == true
        let output = model.modalities?.output?.contains(modality) == true
        switch direction {
        case .either: return input || output
        case .input: return input
        case .output: return output
        }
    }
}
