import ModelsyncCLI
import ModelsyncServer

// `modelsync-serve`: the same commands as `modelsync`, with the HTTP server linked in for `serve`
// (docs/service.md#one-binary-for-the-command-line-one-for-the-server).
await ModelsyncEntry.main { configuration, loaded, host, port, onListening in
    try await ServeRun(configuration, host: host, port: port).run(loaded, onListening: onListening)
}
