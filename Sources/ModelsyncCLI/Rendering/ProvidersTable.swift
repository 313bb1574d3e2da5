import ArgumentParser
import Diagnostics
import ModelDiscovery
import ModelsDevCatalog
import ModelsyncApp

extension ProvidersOverview {
    /// Columns ID, NAME, MODELS, ENV, TRACKED, fitted to the terminal width.
    ///
    /// ``fittedWidths(natural:firstVariables:maximumWidth:)`` has the rule; without a width (a pipe, a file), whole
    /// lines. The header is bold and `yes` green on a colour terminal.
    func table(console: Console) -> String {
        let header = ["ID", "NAME", "MODELS", "ENV", "TRACKED"]
        let variables = rows.map { $0.provider.env ?? [] }
        var cells = zip(rows, variables).map { row, variables in
            [
                row.provider.id.rawValue, row.provider.name ?? "-", String(row.provider.models.count),
                variables.joined(separator: ",").ifEmpty("-"), row.tracked ? "yes" : "no",
            ]
        }
        let natural = header.indices.map { column in
            ([header] + cells).map { $0[column].count }.max() ?? 0
        }
        let fitted = Self.fittedWidths(
            natural: natural,
            firstVariables: variables.map { ($0.first?.count ?? 1) + ($0.count > 1 ? 2 : 0) }.max() ?? 1,
            maximumWidth: console.outputWidth)
        for (index, variables) in variables.enumerated() {
            if let width = fitted.name { cells[index][1] = TextTable.truncate(cells[index][1], to: width) }
            if let width = fitted.env, !variables.isEmpty { cells[index][3] = Self.shortened(variables, to: width) }
        }
        var widths = natural
        widths[1] = fitted.name ?? 0
        widths[3] = fitted.env ?? 0
        let kept = [0, 1, 2, 3, 4].filter { ($0 != 1 || fitted.name != nil) && ($0 != 3 || fitted.env != nil) }
        func line(_ cells: [String], header: Bool) -> String {
            let padded = kept.map { column -> String in
                let cell = cells[column]
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                let text = column == 2 ? padding + cell : cell + (column == 4 ? "" : padding)
                if header { return console.style(text, .bold, colored: console.colorsOutput) }
                if column == 4, cell == "yes" { return console.style(text, .green, colored: console.colorsOutput) }
                return text
            }
            return padded.joined(separator: "  ")
        }
        return ([line(header, header: true)] + cells.map { line($0, header: false) }).joined(separator: "\n")
    }

    /// The widths of NAME and ENV that fit `maximumWidth` terminal columns (`nil`: the column leaves); `natural`
    /// holds the widest cell of each of the five columns, `firstVariables` the width at which every ENV cell keeps
    /// its first variable whole (`AZURE_COGNITIVE_SERVICES_RESOURCE_NAME,…`).
    ///
    /// ID, MODELS and TRACKED are never cut: they say what to write in the settings, how big a provider is, and
    /// whether it is synced. ENV tells which variables to set and NAME mostly repeats the id, so, in order, while
    /// the table is too wide:
    ///
    /// 1. ENV is cut, down to `firstVariables`: every row keeps at least its first variable whole, a cut list ends
    ///    in `,…` (``shortened(_:to:)``).
    /// 2. NAME is cut with `…`, down to 10 columns.
    /// 3. NAME leaves, and ENV takes back the room, up to its whole width.
    /// 4. ENV is cut below `firstVariables`, down to 10 columns (a long first variable cut with `…`).
    /// 5. ENV leaves; the table is wider than the terminal only when ID, MODELS and TRACKED alone are.
    ///
    /// Without a width, every column at its widest.
    static func fittedWidths(natural: [Int], firstVariables: Int, maximumWidth: Int?) -> (name: Int?, env: Int?) {
        let (name, env) = (natural[1], natural[3])
        guard let maximumWidth else { return (name, env) }
        let fixed = natural[0] + natural[2] + natural[4] + 2 * 2
        let roomForBoth = maximumWidth - fixed - 2 * 2
        let roomForOne = maximumWidth - fixed - 2
        let envFloor = min(env, firstVariables)
        let nameFloor = min(name, 10)
        if name + env <= roomForBoth { return (name, env) }
        if name + envFloor <= roomForBoth { return (name, roomForBoth - name) }
        if nameFloor + envFloor <= roomForBoth { return (roomForBoth - envFloor, envFloor) }
        if envFloor <= roomForOne { return (nil, min(env, roomForOne)) }
        if min(env, 10) <= roomForOne { return (nil, roomForOne) }
        return (nil, nil)
    }

    /// A provider's variables, joined by `,`, in at most `width` columns: as many whole variables as fit, then `,…`;
    /// the first variable cut with `…` when even it does not fit.
    static func shortened(_ variables: [String], to width: Int) -> String {
        let whole = variables.joined(separator: ",")
        guard whole.count > width else { return whole }
        var kept: [String] = []
        var length = -1
        for variable in variables {
            guard length + 1 + variable.count + 2 <= width else { break }
            kept.append(variable)
            length += 1 + variable.count
        }
        return kept.isEmpty ? TextTable.truncate(whole, to: width) : kept.joined(separator: ",") + ",…"
    }
}

/// What `providers` says about providers the catalog lists under ids that cannot be file names.
enum ProvidersTable {
    /// Each such provider as an error on standard error; exit 2 when there is one.
    static func reportRejected(_ loaded: LoadedCatalog, on console: Console) throws {
        for rejected in loaded.catalog.rejectedProviders { console.show(.init(message: "\(rejected.description)")) }
        if !loaded.catalog.rejectedProviders.isEmpty { throw ExitCode(2) }
    }
}

extension String {
    fileprivate func ifEmpty(_ replacement: String) -> String {
        isEmpty ? replacement : self
    }
}
