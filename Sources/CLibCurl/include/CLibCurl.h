#ifndef CLIBCURL_H
#define CLIBCURL_H

// libcurl, opened with dlopen on first use, and one HTTP GET driven through its multi interface.
//
// Nothing here needs curl's headers: the few types, functions and constants used are declared in curl_loader.c
// (libcurl's ABI and option numbers are stable). The API is small and non-variadic so that Swift can call it.

#include <stddef.h>
#include <stdint.h>

#pragma clang assume_nonnull begin

/// libcurl's functions, resolved once; never unloaded.
typedef struct mscurl_library mscurl_library;

/// One GET on its own easy and multi handle, with its header and body buffers.
typedef struct mscurl_exchange mscurl_exchange;

/// The libcurl of this process: `libcurl.so.4`, else `libcurl.so`, opened and initialised once (thread-safe).
/// Never NULL; check `mscurl_library_error` before use.
const mscurl_library *mscurl_shared_library(void);

/// Opens the library file `name` anew, for tests that need a missing one; NULL only when out of memory.
/// The result is never freed (a few hundred bytes); check `mscurl_library_error` before use.
const mscurl_library *_Nullable mscurl_load_library(const char *name);

/// Why `library` is unusable (the dlopen or dlsym message, or curl_global_init's), or NULL when it is usable.
const char *_Nullable mscurl_library_error(const mscurl_library *library);

/// Nanoseconds of CLOCK_MONOTONIC, the clock of `mscurl_exchange_last_activity`.
uint64_t mscurl_now(void);

/// A new exchange that refuses bodies over `max_body_bytes` bytes, or NULL when out of memory or the library is
/// unusable. `backstop_timeout_ms` is libcurl's own total timeout, in milliseconds: a safety net behind the
/// caller's timers.
mscurl_exchange *_Nullable mscurl_exchange_create(
    const mscurl_library *library, int64_t max_body_bytes, long backstop_timeout_ms);

/// Adds a request header line ("Name: value", or "Name;" for an empty value), sent in the order added.
/// Returns 0, or a CURLcode when out of memory.
int mscurl_exchange_add_header(mscurl_exchange *exchange, const char *line);

/// Sets the URL and the options, and starts the transfer: a GET that follows no redirect, accepts any encoding
/// libcurl can decode and uses no signals. Returns 0, or a CURLcode (see `mscurl_exchange_error`).
int mscurl_exchange_start(mscurl_exchange *exchange, const char *url);

/// Waits up to `wait_ms` milliseconds for the network, then lets libcurl work; returns 1 when the transfer has
/// ended (see `mscurl_exchange_result`), 0 while it runs.
int mscurl_exchange_step(mscurl_exchange *exchange, int wait_ms);

/// The CURLcode the transfer ended with (0 for success); meaningful once `mscurl_exchange_step` returned 1.
int mscurl_exchange_result(const mscurl_exchange *exchange);

/// libcurl's message for the failure, or its description of the CURLcode; "" when there is none.
const char *mscurl_exchange_error(const mscurl_exchange *exchange);

/// Whether the body was refused for being longer than the limit (by its Content-Length or its bytes).
int mscurl_exchange_too_large(const mscurl_exchange *exchange);

/// When a header line or body bytes last arrived (or the transfer started), in `mscurl_now` nanoseconds.
uint64_t mscurl_exchange_last_activity(const mscurl_exchange *exchange);

/// Whether the response's header block is complete (the body, if any, follows).
int mscurl_exchange_has_headers(const mscurl_exchange *exchange);

/// The response status, or 0 before a status line arrived.
long mscurl_exchange_status(const mscurl_exchange *exchange);

/// The response's Content-Length in bytes, or -1 when it has none.
int64_t mscurl_exchange_content_length(const mscurl_exchange *exchange);

/// The header lines of the final response, status line first, each ending in a line break; `*size` bytes.
const char *mscurl_exchange_headers(const mscurl_exchange *exchange, size_t *size);

/// The number of body bytes received so far (decoded when the response was compressed).
int64_t mscurl_exchange_body_size(const mscurl_exchange *exchange);

/// Hands the body over to the caller, who frees it with free(); NULL when it is empty. `*size` bytes.
void *_Nullable mscurl_exchange_take_body(mscurl_exchange *exchange, size_t *size);

/// Stops the transfer if it still runs and frees everything the exchange holds.
void mscurl_exchange_free(mscurl_exchange *_Nullable exchange);

#pragma clang assume_nonnull end

#endif
