import LosslessYAML

/// Checks the provider-level keys that name models of the same file (`default_model: claude-sonnet-4-5`, or a list
/// of ids): each model named must be in the file, not `available: false` and not `deprecated: true`.
struct ReferenceCheck {
    /// The provider-level keys to check.
    let keys: [String]

    /// What is wrong with the models the keys name in `document`, in key order then list order.
    func problems(in document: YAMLDocument) -> [ReferenceProblem] {
        guard let root = document.root, document.kind(of: root) == .mapping else { return [] }
        let models = document.value(forKey: "models", in: root).flatMap {
            document.kind(of: $0) == .mapping ? $0 : nil
        }
        var problems: [ReferenceProblem] = []
        for key in keys {
            guard let node = document.value(forKey: key, in: root) else { continue }
            let ids: [String]
            switch document.value(of: node) {
            case .string(let id): ids = [id]
            case .sequence(let items, _): ids = items.compactMap(\.stringValue)
            default: ids = []
            }
            for id in ids {
                guard let models, let model = document.value(forKey: id, in: models) else {
                    problems.append(ReferenceProblem(key: key, model: id, problem: .missing))
                    continue
                }
                guard document.kind(of: model) == .mapping else { continue }
                if let available = document.value(forKey: "available", in: model),
                    document.value(of: available) == .bool(false)
                {
                    problems.append(ReferenceProblem(key: key, model: id, problem: .unavailable))
                } else if let deprecated = document.value(forKey: "deprecated", in: model),
                    document.value(of: deprecated) == .bool(true)
                {
                    problems.append(ReferenceProblem(key: key, model: id, problem: .deprecated))
                }
            }
        }
        return problems
    }
}
