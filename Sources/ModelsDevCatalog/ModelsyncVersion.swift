/// The version of modelsync, for `--version` and the `User-Agent` header.
public enum ModelsyncVersion {
    /// The release version, such as `0.1.0`.
    public static let current = "0.1.0"
}
