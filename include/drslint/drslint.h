/* drslint C API: lint DRS "update task" request bodies from C, or from any language with a C
 * foreign-function interface (Python ctypes, Go cgo, Rust FFI).
 *
 * It wraps the C++ library (drslint/linter.h) behind opaque handles so that callers need neither a
 * C++ compiler nor the C++ ABI. No C++ exception ever leaves a function of this header.
 *
 *   drslint_linter* linter = NULL;
 *   drslint_result* result = NULL;
 *   if (drslint_linter_new(NULL, &linter) != DRSLINT_OK) { puts(drslint_last_error()); return 2; }
 *   if (drslint_lint(linter, body, body_length, &result) == DRSLINT_OK) {
 *       for (size_t i = 0; i < drslint_result_count(result); ++i)
 *           printf("%zu:%zu %s [%s]\n", drslint_finding_line(result, i), drslint_finding_column(result, i),
 *                  drslint_finding_message(result, i, NULL), drslint_finding_rule(result, i, NULL));
 *   }
 *   drslint_result_free(result);
 *   drslint_linter_free(linter);
 *
 * Status codes. Functions that can fail return an int: DRSLINT_OK (0) or one of the other
 * DRSLINT_* status codes below. On failure, every output parameter is set to NULL and
 * drslint_last_error() says what went wrong. Getters that return a value instead return NULL, -1
 * or 0 (as each documents) for a NULL handle or an index out of range, and set the last error too.
 *
 * Last error. drslint_last_error() is per thread. Every function of this header except
 * drslint_last_error(), drslint_version(), drslint_severity_name() and the *_free() functions sets
 * it: to "" when the call succeeds, to a message when it fails.
 *
 * Threads. A drslint_linter is immutable: any number of threads may call drslint_lint() on one
 * linter at once. A drslint_result may be read from several threads; free it once. A
 * drslint_options is an ordinary mutable object: do not change it from two threads at once.
 *
 * Strings. Every string is UTF-8 and NUL-terminated. A JSON member name may itself contain
 * U+0000, and pointers and messages quote member names, so each string getter can also report the
 * string's length in bytes (pass NULL when a C string is enough). Strings of a result stay valid
 * until drslint_result_free(); the last error stays valid until the next call on the same thread.
 *
 * Never treat an error status as "clean": a body that could not be checked has not passed. */
#ifndef DRSLINT_DRSLINT_H
#define DRSLINT_DRSLINT_H

#include <stddef.h>

#include "drslint/version.h"

#ifdef __cplusplus
/* The functions never throw; saying so lets C++ callers rely on it. */
#define DRSLINT_NOEXCEPT noexcept
extern "C" {
#else
#define DRSLINT_NOEXCEPT
#endif

/* Status codes. */
enum {
    DRSLINT_OK = 0,
    /* A NULL handle or output parameter, a NULL buffer with a non-zero length, an unknown limit,
     * context field or severity, a limit value the library refuses, or a task context that is not
     * a JSON object. */
    DRSLINT_INVALID_ARGUMENT = 1,
    /* Memory ran out (a process limit such as ulimit -v, a container's): nothing was checked, and
     * the process goes on; a later call with more memory free may succeed. */
    DRSLINT_OUT_OF_MEMORY = 2,
    /* The library could not do its job, e.g. its embedded schemas failed to load. */
    DRSLINT_INTERNAL_ERROR = 3
};

/* Severities, in increasing order; the values match drslint::Severity. */
enum {
    DRSLINT_SEVERITY_INFO = 0,
    DRSLINT_SEVERITY_WARNING = 1,
    DRSLINT_SEVERITY_ERROR = 2
};

/* Limits, for drslint_options_set_limit(): drslint::Limits in drslint/linter.h, the command line's
 * --max-input, --max-depth, --max-string and --max-findings, with the same defaults and bounds. */
enum {
    DRSLINT_LIMIT_MAX_INPUT_BYTES = 0,  /* larger input is reported (input-too-large), not read */
    DRSLINT_LIMIT_MAX_DEPTH = 1,        /* deepest nesting of objects and arrays */
    DRSLINT_LIMIT_MAX_STRING_BYTES = 2, /* longer strings never reach a regular expression */
    DRSLINT_LIMIT_MAX_FINDINGS = 3      /* findings listed per body, then one summary finding */
};

/* Task facts, for drslint_options_set_context(): what an update body often does not carry itself.
 * Rules that need an unknown fact stay silent; values in the body take precedence. */
enum {
    DRSLINT_CONTEXT_JOB_TYPE = 0,      /* migration | sync | cloudDataGuard */
    DRSLINT_CONTEXT_ENGINE_TYPE = 1,   /* e.g. mysql-to-mysql */
    DRSLINT_CONTEXT_JOB_DIRECTION = 2, /* up | down | non-dbs */
    DRSLINT_CONTEXT_TASK_TYPE = 3      /* FULL_TRANS | FULL_INCR_TRANS | INCR_TRANS */
};

typedef struct drslint_options drslint_options;
typedef struct drslint_linter drslint_linter;
typedef struct drslint_result drslint_result;

/* The version of the library that is running ("0.1.0"); compare with DRSLINT_VERSION_STRING, the
 * version of the header a program was compiled against. */
const char* drslint_version(void) DRSLINT_NOEXCEPT;

/* Why the last failing call on this thread failed; "" after a successful call. Never NULL. */
const char* drslint_last_error(void) DRSLINT_NOEXCEPT;

/* "info", "warning" or "error"; NULL for any other value. */
const char* drslint_severity_name(int severity) DRSLINT_NOEXCEPT;

/* Options start with the defaults. A linter copies them: free them whenever convenient. */
int drslint_options_new(drslint_options** out) DRSLINT_NOEXCEPT;
void drslint_options_free(drslint_options* options) DRSLINT_NOEXCEPT; /* NULL is fine */
/* limit is a DRSLINT_LIMIT_* value. */
int drslint_options_set_limit(drslint_options* options, int limit, size_t value) DRSLINT_NOEXCEPT;
/* field is a DRSLINT_CONTEXT_* value; value is a C string, NULL or "" for unknown.
 * DRSLINT_INVALID_ARGUMENT for a value that base_info does not allow for the field (the last error
 * names the allowed values and the closest one), as --context refuses it. */
int drslint_options_set_context(drslint_options* options, int field, const char* value) DRSLINT_NOEXCEPT;
/* Reads all four facts from JSON, like `drslint --context FILE`: an object of the facts alone
 * (another key is refused, with a did-you-mean), or a saved "query task details" response, in which
 * they are found at any depth. Facts it does not find become unknown. DRSLINT_INVALID_ARGUMENT when
 * the text is not a JSON object, a key or a value is not one a task context has, or a response holds
 * none of the facts. */
int drslint_options_set_context_json(drslint_options* options, const char* json, size_t length) DRSLINT_NOEXCEPT;

/* Builds a linter (it compiles the embedded schemas: build one and keep it). options may be NULL
 * for the defaults. DRSLINT_INVALID_ARGUMENT when the library refuses a limit's value (checked
 * here, not by drslint_options_set_limit()); DRSLINT_INTERNAL_ERROR when the embedded schemas
 * cannot be loaded. */
int drslint_linter_new(const drslint_options* options, drslint_linter** out) DRSLINT_NOEXCEPT;
void drslint_linter_free(drslint_linter* linter) DRSLINT_NOEXCEPT; /* NULL is fine */

/* Lints one request body: length bytes of JSON text at json (no NUL terminator needed; json may be
 * NULL when length is 0). Problems with the body, including text that is not JSON or is too large,
 * are findings of a DRSLINT_OK result; a status other than DRSLINT_OK means it was not checked
 * (DRSLINT_OUT_OF_MEMORY when memory ran out during the lint). */
int drslint_lint(const drslint_linter* linter, const char* json, size_t length, drslint_result** out) DRSLINT_NOEXCEPT;
void drslint_result_free(drslint_result* result) DRSLINT_NOEXCEPT; /* NULL is fine */

/* Number of findings; 0 for NULL. */
size_t drslint_result_count(const drslint_result* result) DRSLINT_NOEXCEPT;
/* Number of findings of exactly this severity (a DRSLINT_SEVERITY_* value); 0 for NULL or an
 * unknown severity. A body fails when it has at least one DRSLINT_SEVERITY_ERROR finding. */
size_t drslint_result_count_severity(const drslint_result* result, int severity) DRSLINT_NOEXCEPT;

/* Finding number index (0-based, in report order). Strings: NULL (and *length 0) for a NULL
 * result or an index out of range; length may be NULL. */
const char* drslint_finding_rule(const drslint_result* result, size_t index, size_t* length) DRSLINT_NOEXCEPT;
const char* drslint_finding_pointer(const drslint_result* result, size_t index, size_t* length) DRSLINT_NOEXCEPT;
const char* drslint_finding_message(const drslint_result* result, size_t index, size_t* length) DRSLINT_NOEXCEPT;
/* What would have been accepted; "" where it does not apply. */
const char* drslint_finding_expected(const drslint_result* result, size_t index, size_t* length) DRSLINT_NOEXCEPT;
/* A did-you-mean replacement; "" where there is none. */
const char* drslint_finding_suggestion(const drslint_result* result, size_t index, size_t* length) DRSLINT_NOEXCEPT;
/* A DRSLINT_SEVERITY_* value; -1 for a NULL result or an index out of range. */
int drslint_finding_severity(const drslint_result* result, size_t index) DRSLINT_NOEXCEPT;
/* 1-based, counted in code points; the end is exclusive. 0 when the position is unknown, and for
 * a NULL result or an index out of range (the last error tells these apart). */
size_t drslint_finding_line(const drslint_result* result, size_t index) DRSLINT_NOEXCEPT;
size_t drslint_finding_column(const drslint_result* result, size_t index) DRSLINT_NOEXCEPT;
size_t drslint_finding_end_line(const drslint_result* result, size_t index) DRSLINT_NOEXCEPT;
size_t drslint_finding_end_column(const drslint_result* result, size_t index) DRSLINT_NOEXCEPT;

/* Fixes (drslint::Fix in drslint/finding.h; `drslint --fix`). Applicabilities, whose values match
 * drslint::Applicability: */
enum {
    DRSLINT_FIX_NONE = -1,  /* the finding has no fix (or the call failed: see drslint_last_error) */
    DRSLINT_FIX_SAFE = 0,   /* keeps what the body means: --fix applies it */
    DRSLINT_FIX_UNSAFE = 1  /* probably right, but changes what is sent: only --unsafe-fixes */
};

/* The applicability of finding `index`'s fix, or DRSLINT_FIX_NONE. */
int drslint_finding_fix(const drslint_result* result, size_t index) DRSLINT_NOEXCEPT;
/* What the fix does ("write \"50\""); NULL when the finding has none. */
const char* drslint_finding_fix_message(const drslint_result* result, size_t index, size_t* length) DRSLINT_NOEXCEPT;
/* Its edits: replace `length` bytes at `offset` of the linted text by `replacement` (not
 * NUL-terminated inside the text; its length is given). 0 edits when there is no fix. */
size_t drslint_finding_fix_edit_count(const drslint_result* result, size_t index) DRSLINT_NOEXCEPT;
int drslint_finding_fix_edit(const drslint_result* result, size_t index, size_t edit, size_t* offset, size_t* length,
                             const char** replacement, size_t* replacement_length) DRSLINT_NOEXCEPT;

/* `json` (the very text `result` was made from) with the result's fixes applied: safe ones, and
 * unsafe ones too when `unsafe` is non-zero; overlapping ones after the first are left for a later
 * round. *out is NUL-terminated, *out_length its length without the NUL; free it with
 * drslint_text_free(). `applied` (may be NULL) receives the number applied. */
int drslint_apply_fixes(const drslint_result* result, const char* json, size_t length, int unsafe, char** out,
                        size_t* out_length, size_t* applied) DRSLINT_NOEXCEPT;
/* Lints `json` and applies its fixes until a round applies none, as `drslint --fix` does. */
int drslint_fix(const drslint_linter* linter, const char* json, size_t length, int unsafe, char** out,
                size_t* out_length, size_t* applied) DRSLINT_NOEXCEPT;
void drslint_text_free(char* text) DRSLINT_NOEXCEPT; /* NULL is fine */

#ifdef __cplusplus
}
#endif

#endif /* DRSLINT_DRSLINT_H */
