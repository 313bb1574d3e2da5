import Foundation
import SafeFiles
import Testing

@Suite struct SafeFilesTests {
    @Test func atomicWritesReplaceContentKeepPermissionsAndLeaveNoTemporaryFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("openai.yml")
        try directory.write("openai.yml", "old\n")
        chmod(path, 0o640)
        try AtomicFileWriter.write(Array("new\n".utf8), to: path)
        #expect(try directory.read("openai.yml") == "new\n")
        var status = stat()
        stat(path, &status)
        #expect(status.st_mode & 0o7777 == 0o640)
        #expect(try directory.names() == ["openai.yml"])
    }

    @Test func writingIntoAMissingDirectoryFailsWithThePathAndReason() {
        #expect(throws: AtomicWriteError.self) {
            try AtomicFileWriter.write([1], to: "/nonexistent-dir-for-modelsync/x.yml")
        }
        do {
            try AtomicFileWriter.write([1], to: "/nonexistent-dir-for-modelsync/x.yml")
        } catch {
            #expect(error.description.hasPrefix("/nonexistent-dir-for-modelsync/.x.yml.tmp-"))
            #expect(error.description.hasSuffix("error: cannot write: No such file or directory"))
        }
    }

    @Test func staleTemporaryFilesOfKilledRunsAreRemovedOnlyForTheirSuffix() throws {
        let directory = try TemporaryDirectory()
        try directory.write(".openai.yml.tmp-123-abc", "half")
        try directory.write(".notes.txt.tmp-1", "other")
        try directory.write("openai.yml", "x")
        #expect(
            AtomicFileWriter.removeStaleTemporaryFiles(in: directory.path, forFilesEnding: ".yml") == [
                ".openai.yml.tmp-123-abc"
            ])
        #expect(try directory.names() == [".notes.txt.tmp-1", "openai.yml"])
    }

    @Test func theLockIsExclusiveAndFreedOnRelease() throws {
        let directory = try TemporaryDirectory()
        let first = try DirectoryLock.acquire(directory: directory.path)
        #expect(throws: DirectoryLockError.held(path: directory.file(".modelsync.lock"), waited: 0)) {
            try DirectoryLock.acquire(directory: directory.path)
        }
        let started = Date()
        #expect(throws: DirectoryLockError.held(path: directory.file(".modelsync.lock"), waited: 0.3)) {
            try DirectoryLock.acquire(directory: directory.path, wait: 0.3)
        }
        #expect(Date().timeIntervalSince(started) >= 0.3)
        first.release()
        let second = try DirectoryLock.acquire(directory: directory.path)
        second.release()
        #expect(
            DirectoryLockError.held(path: "/m/.modelsync.lock", waited: 5).description
                == "/m/.modelsync.lock: another modelsync sync holds the lock on this models directory after waiting 5 s; "
                + "try again later, or pass --wait SECONDS")
    }

    @Test func theWritePoolWritesEveryFileAndReportsFailuresByIndex() throws {
        let directory = try TemporaryDirectory()
        let pool = AtomicWritePool(threads: 3)
        for index in 0..<20 {
            pool.submit(Array("file \(index)\n".utf8), to: directory.file("f\(index).yml"), index: index)
        }
        pool.submit([1], to: "/nonexistent-dir-for-modelsync/x.yml", index: 20)
        let failures = pool.finish()
        #expect(Array(failures.keys) == [20])
        #expect(failures[20]?.reason == "No such file or directory")
        #expect(try directory.names() == (0..<20).map { "f\($0).yml" }.sorted())
        #expect(try directory.read("f7.yml") == "file 7\n")
    }
}
