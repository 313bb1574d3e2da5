import ArgumentParser
import Foundation
import Testing

@testable import ModelsyncCLI

/// The libraries describe problems with diagnostics and never render them: no string literal in their sources
/// holds a severity label (`error:`) or spells a flag (`--source`); options are named symbolically, and every name
/// they use is a flag the command line has.
@Suite struct LibraryMessageTests {
    /// The sources of every library (everything but the command line and the benchmarks).
    static let libraries = [
        "Diagnostics", "LosslessYAML", "ModelsDevCatalog", "ModelSync", "ModelDiscovery", "SafeFiles", "ModelsyncApp",
    ]

    static let sourcesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

    /// Each string literal on each code line (comments dropped) of the libraries' Swift files, with its place.
    static func literals() throws -> [(place: String, text: String)] {
        var result: [(String, String)] = []
        for library in libraries {
            let directory = sourcesDirectory.appendingPathComponent(library)
            let files = try #require(FileManager.default.enumerator(atPath: directory.path)).compactMap {
                $0 as? String
            }
            .filter { $0.hasSuffix(".swift") }
            #expect(!files.isEmpty, "no sources found for \(library)")
            for file in files {
                let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
                for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let code = line.trimmingCharacters(in: .whitespaces)
                    if code.hasPrefix("//") { continue }
                    for literal in stringLiterals(in: String(line)) {
                        result.append(("\(library)/\(file):\(number + 1)", literal))
                    }
                }
            }
        }
        return result
    }

    /// The contents of the `"…"` literals of one line, up to a `//` comment outside them.
    static func stringLiterals(in line: String) -> [String] {
        var literals: [String] = []
        var current: String?
        var escaped = false
        var previous: Character = " "
        for character in line {
            if var text = current {
                if escaped {
                    escaped = false
                    text.append(character)
                } else if character == "\\" {
                    escaped = true
                    text.append(character)
                } else if character == "\"" {
                    literals.append(text)
                    current = nil
                    previous = character
                    continue
                } else {
                    text.append(character)
                }
                current = text
            } else if character == "\"" {
                current = ""
            } else if character == "/" && previous == "/" {
                break
            }
            previous = character
        }
        return literals
    }

    @Test func noLibraryLiteralHoldsASeverityLabelOrSpellsAFlag() throws {
        let literals = try Self.literals()
        #expect(literals.count > 500, "found only \(literals.count) literals: the scan is broken")
        let labels = literals.filter { $0.text.contains("error:") || $0.text.contains("warning:") }
        #expect(labels.isEmpty, "\(labels.map { "\($0.place): \"\($0.text)\"" }.joined(separator: "\n"))")
        let flags = literals.filter { $0.text.range(of: #"(^|[\s(`'])--[a-z]"#, options: .regularExpression) != nil }
        #expect(flags.isEmpty, "\(flags.map { "\($0.place): \"\($0.text)\"" }.joined(separator: "\n"))")
    }

    @Test func everyOptionTheLibrariesNameIsAFlagOfTheCommandLine() throws {
        var names: Set<String> = []
        for library in Self.libraries {
            let directory = Self.sourcesDirectory.appendingPathComponent(library)
            let files = try #require(FileManager.default.enumerator(atPath: directory.path)).compactMap {
                $0 as? String
            }
            .filter { $0.hasSuffix(".swift") }
            for file in files {
                let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
                let pattern = #/OptionReference\("([a-z][a-z-]*)"\)/#
                for match in text.matches(of: pattern) { names.insert(String(match.1)) }
            }
        }
        #expect(names.count >= 15, "found \(names.sorted())")
        var help = ""
        func visit(_ command: ParsableCommand.Type) {
            help += Modelsync.helpMessage(for: command, columns: 400)
            for child in command.configuration.subcommands { visit(child) }
        }
        visit(Modelsync.self)
        for name in names.sorted() {
            #expect(help.contains(OptionSpelling.spell(.init(name), value: nil)), "no command has --\(name)")
        }
    }
}
