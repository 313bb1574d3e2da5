/// The flags of a command line as a user would type them again, for the command a message suggests.
enum RepeatedFlags {
    /// `flag value` for each value that is set.
    static func option(_ flag: String, _ value: String?) -> [String] {
        value.map { [flag, $0] } ?? []
    }

    /// `flag` when `isSet`.
    static func flag(_ flag: String, _ isSet: Bool) -> [String] {
        isSet ? [flag] : []
    }

    /// The words joined as a shell command: a word with characters a shell reads specially is single-quoted.
    static func shellCommand(_ words: [String]) -> String {
        words.map { word in
            let plain =
                !word.isEmpty
                && word.unicodeScalars.allSatisfy { scalar in
                    scalar.isASCII
                        && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                            || "-_./:=@%+,".unicodeScalars.contains(scalar))
                }
            return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }
}

extension DirectoryOptions {
    /// These flags as typed.
    var repeated: [String] {
        RepeatedFlags.option("--config-dir", configDir) + RepeatedFlags.option("--settings", settings)
            + RepeatedFlags.option("--models-dir", modelsDir)
    }
}

extension CatalogOptions {
    /// The flags that choose the catalog, as typed (not those that only say how to fetch it).
    var repeated: [String] {
        RepeatedFlags.option("--source", source) + RepeatedFlags.flag("--offline", offline)
            + RepeatedFlags.option("--max-age", maxAge.map(String.init)) + RepeatedFlags.option("--history", history)
            + RepeatedFlags.flag("--no-history", noHistory)
    }
}

extension SyncOptions {
    /// The flags that choose the files and how they merge, as typed.
    var repeated: [String] {
        repeatedWithoutAcceptance + RepeatedFlags.flag("--accept-held", acceptHeld)
            + accept.flatMap { ["--accept", $0] }
    }

    /// The flags that choose the files and how they merge, without the ones that accept held changes: the start of
    /// a command that accepts them.
    var repeatedWithoutAcceptance: [String] {
        providers.flatMap { ["--provider", $0] } + RepeatedFlags.flag("--all", all)
            + RepeatedFlags.flag("--prune", prune) + RepeatedFlags.flag("--allow-shrink", allowShrink)
    }
}
