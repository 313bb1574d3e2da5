import Foundation
import ModelSync

extension ModelsyncConfiguration {
    /// The files that track models.dev provider `upstreamID` (docs/selection.md), in the settings file's order.
    ///
    /// With a `providers` list in the settings, every entry whose `upstream:` (or, without it, whose own id) is
    /// `upstreamID`, whether or not the file exists yet; several entries may track one provider. Without one,
    /// `<upstreamID>.yml` when it exists in the models directory.
    public func files(tracking upstreamID: String) -> [TrackingFile] {
        if let providers = settings.providers {
            return providers.filter { $0.upstream == upstreamID }.map { setting in
                TrackingFile(
                    fileID: setting.fileID, path: path(fileID: setting.fileID),
                    selectedModelsOnly: setting.selectedModelsOnly)
            }
        }
        let file = file(fileID: upstreamID)
        guard FileManager.default.fileExists(atPath: file.absolute) else { return [] }
        return [TrackingFile(fileID: upstreamID, path: file.shown)]
    }

    /// File ids of the settings' `providers` that track another models.dev provider, mapped to it
    /// (`gemini` → `google`), so that a reference may name the file.
    public var providerAliases: [String: String] {
        var aliases: [String: String] = [:]
        for setting in settings.providers ?? [] where setting.fileID != setting.upstream {
            aliases[setting.fileID] = setting.upstream
        }
        return aliases
    }
}
