import Testing

/// The long end-to-end runs, one after the other: the snapshot walk and the SIGKILL loop.
///
/// Each keeps a processor busy for many seconds. Run one at a time (and, like every command-line test, with their
/// child processes at a lower priority and at most two at once), they leave processor time to the tests elsewhere in
/// the suite that measure time.
@Suite(.serialized) enum LongRunningTests {}
