// libcurl through dlopen, so that the modelsync binary does not load it (and its ~30 dependencies) at start-up;
// only a run that goes to the network pays for it.

#include "CLibCurl.h"

#include <ctype.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

// MARK: The part of libcurl's ABI used here (curl/curl.h and curl/multi.h, stable since 7.x)

typedef void CURL;
typedef void CURLM;
typedef int CURLcode;
typedef int CURLMcode;
typedef int CURLoption;
typedef int CURLINFO;
struct curl_slist;

typedef struct {
    int msg;
    CURL *easy_handle;
    union {
        void *whatever;
        CURLcode result;
    } data;
} CURLMsg;

struct curl_waitfd;

typedef size_t (*curl_write_callback)(char *data, size_t size, size_t count, void *context);

enum {
    CURLE_OK = 0,
    CURLE_FAILED_INIT = 2,
    CURLE_OUT_OF_MEMORY = 27,
    CURLE_UNKNOWN_OPTION = 48,
    CURL_GLOBAL_ALL = 3,
    CURLMSG_DONE = 1,
    CURLPROTO_HTTP = 1,
    CURLPROTO_HTTPS = 2,
    CURL_ERROR_SIZE = 256,
};

enum {
    CURLOPT_WRITEDATA = 10001,
    CURLOPT_URL = 10002,
    CURLOPT_ERRORBUFFER = 10010,
    CURLOPT_WRITEFUNCTION = 20011,
    CURLOPT_HTTPHEADER = 10023,
    CURLOPT_HEADERDATA = 10029,
    CURLOPT_NOPROGRESS = 43,
    CURLOPT_FOLLOWLOCATION = 52,
    CURLOPT_HEADERFUNCTION = 20079,
    CURLOPT_NOSIGNAL = 99,
    CURLOPT_ACCEPT_ENCODING = 10102,
    CURLOPT_TIMEOUT_MS = 155,
    CURLOPT_PROTOCOLS = 181,
    CURLOPT_PROTOCOLS_STR = 10318,
};

enum {
    CURLINFO_RESPONSE_CODE = 0x200000 + 2,
};

// MARK: Loading

struct mscurl_library {
    const char *error;
    char error_text[512];
    void *handle;
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *easy, CURLoption option, ...);
    CURLcode (*easy_getinfo)(CURL *easy, CURLINFO info, ...);
    void (*easy_cleanup)(CURL *easy);
    const char *(*easy_strerror)(CURLcode code);
    CURLM *(*multi_init)(void);
    CURLMcode (*multi_add_handle)(CURLM *multi, CURL *easy);
    CURLMcode (*multi_remove_handle)(CURLM *multi, CURL *easy);
    CURLMcode (*multi_perform)(CURLM *multi, int *running);
    CURLMcode (*multi_poll)(CURLM *multi, struct curl_waitfd *extra, unsigned count, int timeout_ms, int *ready);
    CURLMsg *(*multi_info_read)(CURLM *multi, int *queued);
    CURLMcode (*multi_cleanup)(CURLM *multi);
    const char *(*multi_strerror)(CURLMcode code);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *line);
    void (*slist_free_all)(struct curl_slist *list);
};

/// Resolves `name` in `library->handle` into `*slot`; 0, or -1 with the error set.
static int resolve(mscurl_library *library, const char *name, void *slot) {
    void *symbol = dlsym(library->handle, name);
    if (symbol == NULL) {
        snprintf(library->error_text, sizeof library->error_text, "it has no %s (libcurl 7.66 or later is needed)",
                 name);
        return -1;
    }
    memcpy(slot, &symbol, sizeof symbol);
    return 0;
}

/// Opens the first of `names` that loads, resolves the functions and initialises libcurl; sets `library->error`
/// when any step fails.
static void load(mscurl_library *library, const char *const *names, size_t count) {
    library->error = library->error_text;
    for (size_t index = 0; index < count && library->handle == NULL; index++) {
        library->handle = dlopen(names[index], RTLD_NOW | RTLD_LOCAL);
        if (library->handle == NULL && index == 0) {
            const char *reason = dlerror();
            snprintf(library->error_text, sizeof library->error_text, "%s", reason != NULL ? reason : "dlopen failed");
        }
    }
    if (library->handle == NULL) return;
#define RESOLVE(field, name) \
    if (resolve(library, name, &library->field) != 0) goto fail;
    RESOLVE(global_init, "curl_global_init")
    RESOLVE(easy_init, "curl_easy_init")
    RESOLVE(easy_setopt, "curl_easy_setopt")
    RESOLVE(easy_getinfo, "curl_easy_getinfo")
    RESOLVE(easy_cleanup, "curl_easy_cleanup")
    RESOLVE(easy_strerror, "curl_easy_strerror")
    RESOLVE(multi_init, "curl_multi_init")
    RESOLVE(multi_add_handle, "curl_multi_add_handle")
    RESOLVE(multi_remove_handle, "curl_multi_remove_handle")
    RESOLVE(multi_perform, "curl_multi_perform")
    RESOLVE(multi_poll, "curl_multi_poll")
    RESOLVE(multi_info_read, "curl_multi_info_read")
    RESOLVE(multi_cleanup, "curl_multi_cleanup")
    RESOLVE(multi_strerror, "curl_multi_strerror")
    RESOLVE(slist_append, "curl_slist_append")
    RESOLVE(slist_free_all, "curl_slist_free_all")
#undef RESOLVE
    CURLcode code = library->global_init(CURL_GLOBAL_ALL);
    if (code != CURLE_OK) {
        snprintf(library->error_text, sizeof library->error_text, "curl_global_init failed: %s",
                 library->easy_strerror(code));
        goto fail;
    }
    library->error = NULL;
    return;
fail:
    dlclose(library->handle);
    library->handle = NULL;
}

static pthread_once_t shared_once = PTHREAD_ONCE_INIT;
static mscurl_library shared;

static void load_shared(void) {
    static const char *const names[] = {"libcurl.so.4", "libcurl.so"};
    load(&shared, names, sizeof names / sizeof names[0]);
}

const mscurl_library *mscurl_shared_library(void) {
    pthread_once(&shared_once, load_shared);
    return &shared;
}

const mscurl_library *mscurl_load_library(const char *name) {
    mscurl_library *library = calloc(1, sizeof *library);
    if (library == NULL) return NULL;
    load(library, &name, 1);
    return library;
}

const char *mscurl_library_error(const mscurl_library *library) {
    return library->error;
}

uint64_t mscurl_now(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

// MARK: One exchange

struct mscurl_exchange {
    const mscurl_library *library;
    CURL *easy;
    CURLM *multi;
    int is_added;
    struct curl_slist *request_headers;
    char error[CURL_ERROR_SIZE];

    int64_t max_body_bytes;
    int too_large;
    int out_of_memory;
    uint64_t last_activity;

    char *headers;
    size_t headers_size;
    size_t headers_capacity;
    int has_headers;
    int is_interim;
    int64_t content_length;

    char *body;
    size_t body_size;
    size_t body_capacity;

    int is_done;
    CURLcode result;
};

/// Makes room for `extra` more bytes in `*buffer`; 0, or -1 when out of memory.
static int reserve(char **buffer, size_t *capacity, size_t size, size_t extra) {
    if (size + extra <= *capacity) return 0;
    size_t wanted = *capacity < 4096 ? 4096 : *capacity;
    while (wanted < size + extra) wanted *= 2;
    char *grown = realloc(*buffer, wanted);
    if (grown == NULL) return -1;
    *buffer = grown;
    *capacity = wanted;
    return 0;
}

/// Whether `line` (of `size` bytes) is the header `name` (lower case, with its colon); sets `*value` after it.
static int is_header(const char *line, size_t size, const char *name, const char **value) {
    size_t length = strlen(name);
    if (size < length) return 0;
    for (size_t index = 0; index < length; index++) {
        if (tolower((unsigned char)line[index]) != name[index]) return 0;
    }
    *value = line + length;
    return 1;
}

/// Parses the digits of a Content-Length value; -1 when there are none or too many.
static int64_t parse_length(const char *value, const char *end) {
    while (value < end && (*value == ' ' || *value == '\t')) value++;
    int64_t length = 0;
    int digits = 0;
    while (value < end && *value >= '0' && *value <= '9') {
        if (++digits > 18) return -1;
        length = length * 10 + (*value - '0');
        value++;
    }
    return digits == 0 ? -1 : length;
}

/// The status code of a status line such as "HTTP/1.1 200 OK" or "HTTP/2 304"; 0 when there is none.
static long parse_status(const char *line, const char *end) {
    while (line < end && *line != ' ') line++;
    while (line < end && *line == ' ') line++;
    long status = 0;
    for (int digits = 0; digits < 3; digits++, line++) {
        if (line >= end || *line < '0' || *line > '9') return 0;
        status = status * 10 + (*line - '0');
    }
    return status;
}

static size_t on_header(char *data, size_t size, size_t count, void *context) {
    mscurl_exchange *exchange = context;
    size_t length = size * count;
    exchange->last_activity = mscurl_now();
    if (length >= 5 && memcmp(data, "HTTP/", 5) == 0) {
        // A new response (after a 1xx one, or a proxy's CONNECT): only the last one's headers count.
        exchange->headers_size = 0;
        exchange->has_headers = 0;
        exchange->content_length = -1;
        exchange->is_interim = parse_status(data, data + length) < 200;
    } else if (exchange->has_headers) {
        return length;  // trailers after a chunked body
    }
    if ((length == 2 && data[0] == '\r') || (length == 1 && data[0] == '\n')) {
        if (exchange->is_interim) return length;
        exchange->has_headers = 1;
        if (exchange->content_length > exchange->max_body_bytes) {
            exchange->too_large = 1;
            return 0;
        }
        if (exchange->content_length > 0) {
            // Room for the whole body at once; a compressed one may still grow past it.
            size_t wanted = (size_t)exchange->content_length;
            reserve(&exchange->body, &exchange->body_capacity, exchange->body_size, wanted);
        }
        return length;
    }
    const char *value = NULL;
    if (is_header(data, length, "content-length:", &value)) {
        exchange->content_length = parse_length(value, data + length);
    }
    if (reserve(&exchange->headers, &exchange->headers_capacity, exchange->headers_size, length) != 0) {
        exchange->out_of_memory = 1;
        return 0;
    }
    memcpy(exchange->headers + exchange->headers_size, data, length);
    exchange->headers_size += length;
    return length;
}

static size_t on_body(char *data, size_t size, size_t count, void *context) {
    mscurl_exchange *exchange = context;
    size_t length = size * count;
    exchange->last_activity = mscurl_now();
    if ((int64_t)(exchange->body_size + length) > exchange->max_body_bytes) {
        exchange->too_large = 1;
        return 0;
    }
    if (reserve(&exchange->body, &exchange->body_capacity, exchange->body_size, length) != 0) {
        exchange->out_of_memory = 1;
        return 0;
    }
    memcpy(exchange->body + exchange->body_size, data, length);
    exchange->body_size += length;
    return length;
}

mscurl_exchange *mscurl_exchange_create(
    const mscurl_library *library, int64_t max_body_bytes, long backstop_timeout_ms) {
    if (library->error != NULL) return NULL;
    mscurl_exchange *exchange = calloc(1, sizeof *exchange);
    if (exchange == NULL) return NULL;
    exchange->library = library;
    exchange->max_body_bytes = max_body_bytes;
    exchange->content_length = -1;
    exchange->easy = library->easy_init();
    exchange->multi = library->multi_init();
    if (exchange->easy == NULL || exchange->multi == NULL) {
        mscurl_exchange_free(exchange);
        return NULL;
    }
    CURL *easy = exchange->easy;
    library->easy_setopt(easy, CURLOPT_ERRORBUFFER, exchange->error);
    library->easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    library->easy_setopt(easy, CURLOPT_NOPROGRESS, 1L);
    library->easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
    library->easy_setopt(easy, CURLOPT_TIMEOUT_MS, backstop_timeout_ms);
    library->easy_setopt(easy, CURLOPT_WRITEFUNCTION, (curl_write_callback)on_body);
    library->easy_setopt(easy, CURLOPT_WRITEDATA, (void *)exchange);
    library->easy_setopt(easy, CURLOPT_HEADERFUNCTION, (curl_write_callback)on_header);
    library->easy_setopt(easy, CURLOPT_HEADERDATA, (void *)exchange);
    return exchange;
}

int mscurl_exchange_add_header(mscurl_exchange *exchange, const char *line) {
    struct curl_slist *list = exchange->library->slist_append(exchange->request_headers, line);
    if (list == NULL) return CURLE_OUT_OF_MEMORY;
    exchange->request_headers = list;
    return CURLE_OK;
}

/// Records `code` as the end of the exchange, keeping libcurl's message or its description of the code.
static int fail(mscurl_exchange *exchange, CURLcode code, const char *message) {
    exchange->is_done = 1;
    exchange->result = code;
    if (exchange->error[0] == '\0') snprintf(exchange->error, sizeof exchange->error, "%s", message);
    return code;
}

int mscurl_exchange_start(mscurl_exchange *exchange, const char *url) {
    const mscurl_library *library = exchange->library;
    CURL *easy = exchange->easy;
    CURLcode code = library->easy_setopt(easy, CURLOPT_URL, url);
    if (code != CURLE_OK) return fail(exchange, code, library->easy_strerror(code));
    // Only HTTP(S), whatever the URL says; CURLOPT_PROTOCOLS_STR is new in 7.85, the bitmask its predecessor.
    if (library->easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_UNKNOWN_OPTION) {
        library->easy_setopt(easy, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
    }
    // "" asks for every encoding this libcurl can decode (gzip, deflate, br, zstd as built).
    code = library->easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
    if (code != CURLE_OK) return fail(exchange, code, library->easy_strerror(code));
    if (exchange->request_headers != NULL) {
        code = library->easy_setopt(easy, CURLOPT_HTTPHEADER, exchange->request_headers);
        if (code != CURLE_OK) return fail(exchange, code, library->easy_strerror(code));
    }
    exchange->last_activity = mscurl_now();
    CURLMcode added = library->multi_add_handle(exchange->multi, easy);
    if (added != 0) return fail(exchange, CURLE_FAILED_INIT, library->multi_strerror(added));
    exchange->is_added = 1;
    return CURLE_OK;
}

int mscurl_exchange_step(mscurl_exchange *exchange, int wait_ms) {
    if (exchange->is_done) return 1;
    const mscurl_library *library = exchange->library;
    CURLMcode code = library->multi_poll(exchange->multi, NULL, 0, wait_ms < 0 ? 0 : wait_ms, NULL);
    if (code != 0) {
        fail(exchange, CURLE_FAILED_INIT, library->multi_strerror(code));
        return 1;
    }
    int running = 0;
    code = library->multi_perform(exchange->multi, &running);
    if (code != 0) {
        fail(exchange, CURLE_FAILED_INIT, library->multi_strerror(code));
        return 1;
    }
    int queued = 0;
    CURLMsg *message;
    while ((message = library->multi_info_read(exchange->multi, &queued)) != NULL) {
        if (message->msg == CURLMSG_DONE && message->easy_handle == exchange->easy) {
            exchange->is_done = 1;
            exchange->result = message->data.result;
            if (exchange->result != CURLE_OK && exchange->error[0] == '\0') {
                snprintf(exchange->error, sizeof exchange->error, "%s", library->easy_strerror(exchange->result));
            }
        }
    }
    if (!exchange->is_done && running == 0) {
        fail(exchange, CURLE_FAILED_INIT, "the transfer stopped without a result");
    }
    return exchange->is_done;
}

int mscurl_exchange_result(const mscurl_exchange *exchange) {
    return exchange->result;
}

const char *mscurl_exchange_error(const mscurl_exchange *exchange) {
    if (exchange->out_of_memory) return "out of memory";
    return exchange->error;
}

int mscurl_exchange_too_large(const mscurl_exchange *exchange) {
    return exchange->too_large;
}

uint64_t mscurl_exchange_last_activity(const mscurl_exchange *exchange) {
    return exchange->last_activity;
}

int mscurl_exchange_has_headers(const mscurl_exchange *exchange) {
    return exchange->has_headers;
}

long mscurl_exchange_status(const mscurl_exchange *exchange) {
    long status = 0;
    exchange->library->easy_getinfo(exchange->easy, CURLINFO_RESPONSE_CODE, &status);
    return status;
}

int64_t mscurl_exchange_content_length(const mscurl_exchange *exchange) {
    return exchange->content_length;
}

const char *mscurl_exchange_headers(const mscurl_exchange *exchange, size_t *size) {
    *size = exchange->headers_size;
    return exchange->headers != NULL ? exchange->headers : "";
}

int64_t mscurl_exchange_body_size(const mscurl_exchange *exchange) {
    return (int64_t)exchange->body_size;
}

void *mscurl_exchange_take_body(mscurl_exchange *exchange, size_t *size) {
    *size = exchange->body_size;
    void *body = exchange->body;
    if (exchange->body_size == 0) {
        free(body);
        body = NULL;
    }
    exchange->body = NULL;
    exchange->body_size = 0;
    exchange->body_capacity = 0;
    return body;
}

void mscurl_exchange_free(mscurl_exchange *exchange) {
    if (exchange == NULL) return;
    const mscurl_library *library = exchange->library;
    if (exchange->is_added) library->multi_remove_handle(exchange->multi, exchange->easy);
    if (exchange->easy != NULL) library->easy_cleanup(exchange->easy);
    if (exchange->multi != NULL) library->multi_cleanup(exchange->multi);
    if (exchange->request_headers != NULL) library->slist_free_all(exchange->request_headers);
    free(exchange->headers);
    free(exchange->body);
    free(exchange);
}
