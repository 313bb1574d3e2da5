import Diagnostics
import Foundation
import LosslessYAML
import ModelSync
import SafeFiles

/// Where the settings file and the models directory are, and what the settings file says.
///
/// Made by ``RunConfiguration/resolve(_:writes:in:)``, which documents the precedence.
public struct ModelsyncConfiguration: Sendable {
    /// The settings file's content; empty when there is no settings file.
    public var settings: SyncSettings
    /// Whether the settings file exists (and was read).
    public var hasSettingsFile: Bool
    /// Where the settings file is (or would be).
    public var settingsFile: ResolvedPath
    /// The models directory.
    public var modelsDirectory: ResolvedPath

    public init(
        settings: SyncSettings, hasSettingsFile: Bool, settingsFile: ResolvedPath, modelsDirectory: ResolvedPath
    ) {
        self.settings = settings
        self.hasSettingsFile = hasSettingsFile
        self.settingsFile = settingsFile
        self.modelsDirectory = modelsDirectory
    }

    /// The provider file `<fileID>.yml` in the models directory.
    public func file(fileID: String) -> ResolvedPath {
        modelsDirectory.appending(fileID + ".yml")
    }

    /// The path of a provider file as shown in reports (relative to the working directory when the models directory
    /// was given so).
    public func path(fileID: String) -> String {
        file(fileID: fileID).shown
    }

    /// Reads the settings file at `path`; empty settings when it does not exist.
    ///
    /// - Throws: ``RunFailure`` when it cannot be read, does not parse or holds a wrong value (positioned).
    static func readSettings(at path: ResolvedPath) throws(RunFailure) -> (SyncSettings, exists: Bool) {
        guard FileManager.default.fileExists(atPath: path.absolute) else { return (SyncSettings(), false) }
        let bytes: [UInt8]
        do {
            bytes = try FileContents.read(path.absolute)
        } catch {
            throw RunFailure(Diagnostic(path: path.shown, message: "cannot read: \(error.reason)"))
        }
        do {
            return (try SyncSettings.parse(YAMLDocument(bytes: bytes, path: path.shown)), true)
        } catch let error as DiagnosticConvertible {
            throw RunFailure(error.diagnostic)
        } catch {
            throw RunFailure(Diagnostic(path: path.shown, message: "\(error)"))
        }
    }
}
