import Foundation

/// Runs independent pieces of work on every core.
enum ParallelWork {
    /// Runs `work` for `0..<count` on up to as many tasks as the machine has cores, starting them in `order` (every
    /// index once; index order when `nil`); results in index order.
    ///
    /// Starting the biggest jobs first keeps one large file from running alone at the end while the other cores
    /// idle.
    static func run<Result: Sendable>(
        _ count: Int, order: [Int]? = nil, _ work: @escaping @Sendable (Int) -> Result
    ) async -> [Result] {
        guard count > 0 else { return [] }
        let order = order ?? Array(0..<count)
        let width = max(1, min(ProcessInfo.processInfo.activeProcessorCount, count))
        var results = [Result?](repeating: nil, count: count)
        await withTaskGroup(of: (Int, Result).self) { group in
            var next = 0
            while next < width {
                let index = order[next]
                group.addTask { (index, work(index)) }
                next += 1
            }
            while let (index, result) = await group.next() {
                results[index] = result
                if next < count {
                    let index = order[next]
                    group.addTask { (index, work(index)) }
                    next += 1
                }
            }
        }
        return results.compactMap { $0 }
    }
}
