/// A capability derived from a model's catalog fields (docs/provider-files.md#capabilities), in the canonical order of `allCases`.
///
/// The raw values are the names written in provider files and accepted by `--capability`.
public enum ModelCapability: String, CaseIterable, Sendable {
    /// Text in `modalities.output`.
    case streaming
    /// `tool_call: true`.
    case functionCalling = "function_calling"
    /// `reasoning: true`.
    case reasoning
    /// `structured_output: true`.
    case structuredOutput = "structured_output"
    /// Image in `modalities.input`.
    case vision
    /// Audio in `modalities.input`.
    case audioInput = "audio_input"
    /// Video in `modalities.input`.
    case videoInput = "video_input"
    /// PDF in `modalities.input`.
    case pdfInput = "pdf_input"
    /// `attachment: true`.
    case attachments
    /// Image in `modalities.output`.
    case imageGeneration = "image_generation"
    /// Audio in `modalities.output`.
    case audioOutput = "audio_output"
    /// `cost.cache_read` greater than 0.
    case promptCaching = "prompt_caching"
    /// `temperature: true`.
    case temperature
    /// `interleaved: true`, or an object.
    case interleavedReasoning = "interleaved_reasoning"
}

extension Model {
    /// The capabilities derived from this model's fields, in canonical order; booleans count only when true.
    public var capabilities: [ModelCapability] {
        // The modality lists once, rather than once per capability: every catalog read asks this of every model.
        let (input, output) = (modalities?.input ?? [], modalities?.output ?? [])
        var result: [ModelCapability] = []
        for capability in ModelCapability.allCases where derives(capability, input: input, output: output) {
            result.append(capability)
        }
        return result
    }

    /// Whether this model's fields derive `capability` (docs/provider-files.md#capabilities).
    public func has(_ capability: ModelCapability) -> Bool {
        derives(capability, input: modalities?.input ?? [], output: modalities?.output ?? [])
    }

    private func derives(_ capability: ModelCapability, input: [String], output: [String]) -> Bool {
        switch capability {
        case .streaming: return output.contains("text")
        case .functionCalling: return toolCall == true
        case .reasoning: return reasoning == true
        case .structuredOutput: return structuredOutput == true
        case .vision: return input.contains("image")
        case .audioInput: return input.contains("audio")
        case .videoInput: return input.contains("video")
        case .pdfInput: return input.contains("pdf")
        case .attachments: return attachment == true
        case .imageGeneration: return output.contains("image")
        case .audioOutput: return output.contains("audio")
        case .promptCaching: return cost?.prices.cacheRead?.isPositive == true
        case .temperature: return temperature == true
        case .interleavedReasoning: return interleaved?.isEnabled == true
        }
    }
}
