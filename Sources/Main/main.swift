import ModelsyncCLI

// `modelsync`: every command; `serve` runs `modelsync-serve`, which carries the HTTP server.
await ModelsyncEntry.main()
