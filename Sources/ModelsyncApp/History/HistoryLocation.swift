import Diagnostics
import Foundation
import ModelSync

/// Where a run keeps the catalog history, resolved once (docs/history.md#where-it-is-kept).
public struct HistoryLocation: Sendable, Equatable {
    /// The SQLite file.
    public var path: ResolvedPath
    /// Whether the run may create the file's directory: only the default location's, under an existing home or
    /// `XDG_DATA_HOME`; a path the user named must be in an existing directory.
    public var createsDirectory: Bool

    /// The option and variable that name the history, for messages.
    public static let option = OptionReference("history")
    public static let offOption = OptionReference("no-history")

    /// Resolves the history's place; `nil` when no history is kept.
    ///
    /// Precedence: 1. `noHistory` (off); 2. `flag` (a path); 3. `MODELSYNC_HISTORY` (a path, or `off`; empty counts
    /// as unset); 4. the settings' `history:` (a path relative to the settings file's directory, or `off`);
    /// 5. `$XDG_DATA_HOME/modelsync/history.sqlite` when `XDG_DATA_HOME` is absolute, else
    /// `~/.local/share/modelsync/history.sqlite`. A home directory that does not exist is never created: the history
    /// is then off, with a warning; without any `HOME` it is off silently.
    static func resolve(
        noHistory: Bool, flag: String?, settings: SyncSettings.HistorySetting?, settingsDirectory: ResolvedPath,
        in environment: RunEnvironment
    ) -> (location: HistoryLocation?, warning: Diagnostic?) {
        if noHistory { return (nil, nil) }
        if let flag, !flag.isEmpty {
            return (HistoryLocation(path: environment.path(flag), createsDirectory: false), nil)
        }
        if let variable = environment.variables["MODELSYNC_HISTORY"], !variable.isEmpty {
            if variable == "off" { return (nil, nil) }
            return (HistoryLocation(path: environment.path(variable), createsDirectory: false), nil)
        }
        switch settings {
        case .off: return (nil, nil)
        case .path(let path):
            let resolved = path.hasPrefix("/") ? environment.path(path) : settingsDirectory.appending(path)
            return (HistoryLocation(path: resolved, createsDirectory: false), nil)
        case nil: break
        }
        if let xdg = environment.variables["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return (
                HistoryLocation(path: environment.path(xdg + "/modelsync/history.sqlite"), createsDirectory: true), nil
            )
        }
        guard let home = environment.variables["HOME"], !home.isEmpty else { return (nil, nil) }
        guard FileManager.default.fileExists(atPath: home) else {
            return (
                nil,
                Diagnostic(
                    .warning,
                    message: "the home directory \(home) does not exist: no catalog history is kept; set "
                        + "MODELSYNC_HISTORY to choose its place")
            )
        }
        let path = environment.path(home + "/.local/share/modelsync/history.sqlite")
        return (HistoryLocation(path: path, createsDirectory: true), nil)
    }
}
