import Foundation
import TestSupport
import Testing

/// The 2026-07-02 snapshot as `JSONSerialization` reads it, for expectations computed apart from modelsync.
enum SnapshotJSON {
    static let path = Fixtures.modelsDev("api-2026-07-02.json").path

    /// Provider id → provider object.
    static func providers() throws -> [String: [String: Any]] {
        try #require(
            JSONSerialization.jsonObject(with: Fixtures.modelsDevData("api-2026-07-02.json"))
                as? [String: [String: Any]])
    }

    /// The provider object of `provider`.
    static func provider(_ provider: String) throws -> [String: Any] {
        try #require(try providers()[provider])
    }

    /// The model object `id` of `provider`.
    static func model(_ provider: String, _ id: String) throws -> [String: Any] {
        let models = try #require(try Self.provider(provider)["models"] as? [String: [String: Any]])
        return try #require(models[id])
    }

    /// The capabilities derived from a model object (docs/provider-files.md#capabilities), in canonical order.
    static func capabilities(of model: [String: Any]) -> [String] {
        let modalities = model["modalities"] as? [String: [String]] ?? [:]
        let input = modalities["input"] ?? []
        let output = modalities["output"] ?? []
        let cost = model["cost"] as? [String: Any] ?? [:]
        func flag(_ key: String) -> Bool { model[key] as? Bool == true }
        let rules: [(String, Bool)] = [
            ("streaming", output.contains("text")), ("function_calling", flag("tool_call")),
            ("reasoning", flag("reasoning")), ("structured_output", flag("structured_output")),
            ("vision", input.contains("image")), ("audio_input", input.contains("audio")),
            ("video_input", input.contains("video")), ("pdf_input", input.contains("pdf")),
            ("attachments", flag("attachment")), ("image_generation", output.contains("image")),
            ("audio_output", output.contains("audio")),
            ("prompt_caching", ((cost["cache_read"] as? NSNumber)?.doubleValue ?? 0) > 0),
            ("temperature", flag("temperature")),
            ("interleaved_reasoning", flag("interleaved") || model["interleaved"] is [String: Any]),
        ]
        return rules.filter(\.1).map(\.0)
    }

    /// Whether `ours` holds what `raw` holds: objects member by member (members only `ours` has must be null),
    /// strings and numbers by value.
    static func matches(_ raw: Any, _ ours: Any?) -> Bool {
        if let raw = raw as? [String: Any] {
            guard let ours = ours as? [String: Any] else { return false }
            return raw.allSatisfy { matches($0.value, ours[$0.key]) }
                && ours.allSatisfy { raw[$0.key] != nil || $0.value is NSNull }
        }
        if let raw = raw as? [Any] {
            guard let ours = ours as? [Any], ours.count == raw.count else { return false }
            return zip(raw, ours).allSatisfy { matches($0, $1) }
        }
        if raw is NSNull { return ours is NSNull }
        if let raw = raw as? String { return ours as? String == raw }
        guard let raw = raw as? NSNumber, let ours = ours as? NSNumber else { return false }
        return raw == ours
    }
}

/// The JSON object a command printed on stdout.
func jsonObject(_ result: CommandRunner.Result) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
}
