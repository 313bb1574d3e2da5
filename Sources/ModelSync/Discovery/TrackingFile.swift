/// A provider file that tracks a models.dev provider.
public struct TrackingFile: Sendable, Equatable {
    /// The file's id: its name without `.yml`.
    public var fileID: String
    /// The file's path as shown to the user (as given, or relative to the working directory).
    public var path: String
    /// `models: selected` in the settings: sync updates the models the file lists and never inserts others.
    public var selectedModelsOnly: Bool

    public init(fileID: String, path: String, selectedModelsOnly: Bool = false) {
        self.fileID = fileID
        self.path = path
        self.selectedModelsOnly = selectedModelsOnly
    }
}
