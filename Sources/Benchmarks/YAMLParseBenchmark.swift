import CLibYAML
import LosslessYAML

/// Parse-and-index with ``YAMLDocument`` against a bare libyaml event loop over the same bytes, in one run.
func runYAMLParseBenchmark(snapshotPath: String, runs: Int) throws {
    let files = try ProviderCorpus.files(fromSnapshot: snapshotPath)
    let totalBytes = files.reduce(0) { $0 + $1.bytes.count }
    let totalLines = files.reduce(0) { $0 + $1.bytes.filter { $0 == 0x0A }.count }
    print(
        "corpus: \(files.count) provider files generated from \(snapshotPath), \(totalBytes) bytes, \(totalLines) lines"
    )

    var eventCount = 0
    var nodeCount = 0
    let measurements = try measureInterleaved(
        runs: runs,
        [
            (
                "libyaml event loop (floor)",
                {
                    eventCount = 0
                    for file in files { eventCount += countEvents(file.bytes) }
                }
            ),
            (
                "YAMLDocument parse + index",
                {
                    nodeCount = 0
                    for file in files { nodeCount += try YAMLDocument(bytes: file.bytes, path: file.name).nodeCount }
                }
            ),
        ])
    let floor = measurements[0]
    let index = measurements[1]
    print("events per pass: \(eventCount), nodes indexed per pass: \(nodeCount)")
    printComparison(
        title: "YAML parse-and-index (\(runs) runs)", baseline: floor, others: [index], goal: "ratio at most 1.5×")
}

/// The floor: libyaml's parser alone, no tree, events freed as they come.
func countEvents(_ bytes: [UInt8]) -> Int {
    bytes.withUnsafeBufferPointer { buffer -> Int in
        var parser = yaml_parser_t()
        yaml_parser_initialize(&parser)
        defer { yaml_parser_delete(&parser) }
        guard let base = buffer.baseAddress else { return 0 }
        yaml_parser_set_input_string(&parser, base, buffer.count)
        var event = yaml_event_t()
        var count = 0
        while yaml_parser_parse(&parser, &event) == 1 {
            count += 1
            let done = event.type == YAML_STREAM_END_EVENT
            yaml_event_delete(&event)
            if done { break }
        }
        return count
    }
}
