import Foundation

/// A provider file that tracks a models.dev provider.
public struct TrackingFile: Sendable, Equatable {
    /// The file's id: its name without `.yml`.
    public var fileID: String
    /// The file's path, as ``ModelsyncConfiguration/path(fileID:)`` gives it.
    public var path: String
    /// `models: selected` in the settings: sync updates the models the file lists and never inserts others.
    public var selectedModelsOnly: Bool

    public init(fileID: String, path: String, selectedModelsOnly: Bool = false) {
        self.fileID = fileID
        self.path = path
        self.selectedModelsOnly = selectedModelsOnly
    }
}

extension ModelsyncConfiguration {
    /// The files that track models.dev provider `upstreamID` (SPEC §5), in the settings file's order.
    ///
    /// With a `providers` list in the settings, every entry whose `upstream:` (or, without it, whose own id) is
    /// `upstreamID`, whether or not the file exists yet; several entries may track one provider. Without one,
    /// `<upstreamID>.yml` when it exists in the models directory.
    public func files(tracking upstreamID: String) -> [TrackingFile] {
        if let providers = settings?.providers {
            return providers.filter { $0.upstream == upstreamID }.map { setting in
                TrackingFile(
                    fileID: setting.fileID, path: path(fileID: setting.fileID),
                    selectedModelsOnly: setting.selectedModelsOnly)
            }
        }
        let file = path(fileID: upstreamID)
        guard FileManager.default.fileExists(atPath: file) else { return [] }
        return [TrackingFile(fileID: upstreamID, path: file)]
    }

    /// File ids of the settings' `providers` that track another models.dev provider, mapped to it
    /// (`gemini` → `google`), so that a reference may name the file.
    public var providerAliases: [String: String] {
        var aliases: [String: String] = [:]
        for setting in settings?.providers ?? [] where setting.fileID != setting.upstream {
            aliases[setting.fileID] = setting.upstream
        }
        return aliases
    }
}
