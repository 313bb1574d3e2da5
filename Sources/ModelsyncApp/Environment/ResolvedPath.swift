import Foundation

/// A path as the user sees it and as the file system is asked for it.
///
/// Messages and reports show ``shown``: the path as given, or built from paths as given (relative to the working
/// directory when those were). File system calls use ``absolute``, resolved against the run's working directory,
/// so that a run's result does not depend on the process's current directory.
public struct ResolvedPath: Hashable, Sendable, CustomStringConvertible {
    /// The path as shown to the user.
    public var shown: String
    /// The path for file system calls: absolute.
    public var absolute: String

    /// `path` as given, resolved against `workingDirectory` (absolute).
    public init(_ path: String, workingDirectory: String) {
        shown = path
        absolute = path.hasPrefix("/") ? path : (workingDirectory as NSString).appendingPathComponent(path)
    }

    /// `component` inside this directory.
    public func appending(_ component: String) -> ResolvedPath {
        var copy = self
        copy.shown = (shown as NSString).appendingPathComponent(component)
        copy.absolute = (absolute as NSString).appendingPathComponent(component)
        return copy
    }

    /// The directory that holds this path.
    public var parent: ResolvedPath {
        var copy = self
        copy.shown = (shown as NSString).deletingLastPathComponent
        copy.absolute = (absolute as NSString).deletingLastPathComponent
        return copy
    }

    public var description: String { shown }
}
