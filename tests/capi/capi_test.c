/* The C API as a C program sees it: compiled as C99 (no C++ anywhere in this file), against
 * include/drslint/drslint.h alone. tests/package/package_test.sh builds it once more against an
 * installed drslint with pkg-config. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "drslint/drslint.h"

static int failures = 0;

#define CHECK(condition)                                                       \
    do {                                                                       \
        if (!(condition)) {                                                    \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #condition); \
            ++failures;                                                        \
        }                                                                      \
    } while (0)

#define CHECK_STR(actual, expected)                                            \
    do {                                                                       \
        const char* a_ = (actual);                                             \
        if (a_ == NULL || strcmp(a_, (expected)) != 0) {                       \
            fprintf(stderr, "%s:%d: CHECK failed: %s is \"%s\", expected \"%s\"\n", __FILE__, \
                    __LINE__, #actual, a_ ? a_ : "(NULL)", (expected));        \
            ++failures;                                                        \
        }                                                                      \
    } while (0)

/* examples/speed-limit-with-mistakes.json: speed_limit[1].end is "23:30" (line 7, column 36). */
static const char kBadBody[] =
    "{\n"
    "  \"job\": {\n"
    "    \"type\": \"speed_limit\",\n"
    "    \"params\": {\n"
    "      \"speed_limit\": [\n"
    "        { \"begin\": \"01:00\", \"end\": \"07:59\", \"speed\": \"100\" },\n"
    "        { \"begin\": \"22:00\", \"end\": \"23:30\", \"speed\": 50 }\n"
    "      ],\n"
    "      \"speedlimit\": []\n"
    "    }\n"
    "  }\n"
    "}\n";

static const char kGoodBody[] = "{\"job\": {\"type\": \"name\", \"params\": {\"base_info\": {\"name\": \"DRS-1234\"}}}}";

/* Index of the first finding with this rule, or the count when there is none. */
static size_t find_rule(const drslint_result* result, const char* rule)
{
    size_t i;
    for (i = 0; i < drslint_result_count(result); ++i) {
        if (strcmp(drslint_finding_rule(result, i, NULL), rule) == 0) {
            break;
        }
    }
    return i;
}

static int contains(const char* text, const char* part)
{
    return text != NULL && strstr(text, part) != NULL;
}

static drslint_result* lint(const drslint_linter* linter, const char* text, size_t length)
{
    drslint_result* result = NULL;
    int status = drslint_lint(linter, text, length, &result);
    CHECK(status == DRSLINT_OK);
    CHECK(result != NULL);
    CHECK_STR(drslint_last_error(), "");
    return result;
}

static void test_version(void)
{
    CHECK_STR(drslint_version(), DRSLINT_VERSION_STRING);
    CHECK(DRSLINT_VERSION_MAJOR >= 0 && DRSLINT_VERSION_MINOR >= 0 && DRSLINT_VERSION_PATCH >= 0);
}

static void test_known_finding(const drslint_linter* linter)
{
    drslint_result* result = lint(linter, kBadBody, sizeof kBadBody - 1);
    size_t i = find_rule(result, "string-format");
    size_t length = 99;
    CHECK(i < drslint_result_count(result));
    if (i < drslint_result_count(result)) {
        CHECK_STR(drslint_finding_pointer(result, i, &length), "/job/params/speed_limit/1/end");
        CHECK(length == strlen("/job/params/speed_limit/1/end"));
        CHECK(drslint_finding_severity(result, i) == DRSLINT_SEVERITY_ERROR);
        CHECK_STR(drslint_severity_name(drslint_finding_severity(result, i)), "error");
        CHECK(contains(drslint_finding_message(result, i, NULL), "23:30"));
        CHECK(contains(drslint_finding_expected(result, i, NULL), "hh:59"));
        CHECK(drslint_finding_line(result, i) == 7);
        CHECK(drslint_finding_column(result, i) == 36);
        CHECK(drslint_finding_end_line(result, i) == 7);
        CHECK(drslint_finding_end_column(result, i) == 43);
    }
    i = find_rule(result, "unknown-member");
    CHECK(i < drslint_result_count(result));
    if (i < drslint_result_count(result)) {
        CHECK_STR(drslint_finding_suggestion(result, i, NULL), "speed_limit");
        CHECK(drslint_finding_severity(result, i) == DRSLINT_SEVERITY_ERROR);
    }
    CHECK(drslint_result_count_severity(result, DRSLINT_SEVERITY_ERROR) >= 3);
    CHECK(drslint_result_count_severity(result, DRSLINT_SEVERITY_WARNING) == 0);
    drslint_result_free(result);

    result = lint(linter, kGoodBody, strlen(kGoodBody));
    CHECK(drslint_result_count(result) == 0);
    CHECK(drslint_result_count_severity(result, DRSLINT_SEVERITY_ERROR) == 0);
    drslint_result_free(result);
}

/* A body is length bytes, not a C string: what follows them is never read, and a NUL inside a
 * member name comes back whole through the length. */
static void test_buffers(const drslint_linter* linter)
{
    static const char kWithTrailer[] = "{\"job\": 1}GARBAGE";
    static const char kNulKey[] = "{\"job\": {\"type\": \"name\", \"params\": {\"base_info\": {\"name\": \"DRS-1234\"}}}, \"x\\u0000y\": 1}";
    drslint_result* result = lint(linter, kWithTrailer, strlen("{\"job\": 1}"));
    size_t length = 0;
    const char* pointer;
    CHECK(find_rule(result, "invalid-json") == drslint_result_count(result));
    CHECK(find_rule(result, "type-mismatch") < drslint_result_count(result));
    drslint_result_free(result);

    result = lint(linter, kNulKey, strlen(kNulKey));
    CHECK(drslint_result_count(result) == 1);
    pointer = drslint_finding_pointer(result, 0, &length);
    CHECK(length == 4 && pointer != NULL && memcmp(pointer, "/x\0y", 4) == 0);
    drslint_result_free(result);

    /* Not JSON, and the empty text (a NULL buffer of length 0), are findings, not failures. */
    result = lint(linter, "{\"job\": ", 8);
    CHECK(find_rule(result, "invalid-json") < drslint_result_count(result));
    drslint_result_free(result);
    result = lint(linter, NULL, 0);
    CHECK(find_rule(result, "invalid-json") < drslint_result_count(result));
    drslint_result_free(result);
}

static void test_options(void)
{
    drslint_options* options = NULL;
    drslint_linter* linter = NULL;
    drslint_result* result = NULL;
    static const char kDeep[] = "[[[[1]]]]";

    CHECK(drslint_options_new(&options) == DRSLINT_OK);
    CHECK(drslint_options_set_limit(options, DRSLINT_LIMIT_MAX_DEPTH, 2) == DRSLINT_OK);
    CHECK(drslint_options_set_limit(options, DRSLINT_LIMIT_MAX_INPUT_BYTES, 100) == DRSLINT_OK);
    CHECK(drslint_options_set_limit(options, DRSLINT_LIMIT_MAX_STRING_BYTES, 100) == DRSLINT_OK);
    CHECK(drslint_options_set_limit(options, DRSLINT_LIMIT_MAX_FINDINGS, 10) == DRSLINT_OK);
    CHECK_STR(drslint_last_error(), "");
    CHECK(drslint_linter_new(options, &linter) == DRSLINT_OK);
    /* The linter holds a copy: the options may go at once. */
    drslint_options_free(options);

    result = lint(linter, kDeep, strlen(kDeep));
    CHECK(find_rule(result, "nesting-too-deep") < drslint_result_count(result));
    drslint_result_free(result);
    result = lint(linter, kBadBody, sizeof kBadBody - 1);
    CHECK(drslint_result_count(result) == 1);
    CHECK(find_rule(result, "input-too-large") == 0);
    drslint_result_free(result);
    drslint_linter_free(linter);
}

/* Whether the rule conflict-policy-migration fires: only when the task is known to be a migration,
 * a fact this body does not carry. */
static int conflict_policy_flagged(const drslint_options* options)
{
    static const char kPolicyBody[] =
        "{\"job\": {\"type\": \"policy\", \"params\": {\"policy_config\": {\"conflict_policy\": \"ignore\"}}}}";
    drslint_linter* linter = NULL;
    drslint_result* result;
    int flagged;
    CHECK(drslint_linter_new(options, &linter) == DRSLINT_OK);
    result = lint(linter, kPolicyBody, strlen(kPolicyBody));
    flagged = find_rule(result, "conflict-policy-migration") < drslint_result_count(result);
    drslint_result_free(result);
    drslint_linter_free(linter);
    return flagged;
}

static void test_task_context(void)
{
    static const char kDetails[] = "{\"job\": {\"id\": \"x\", \"job_type\": \"migration\"}}";
    drslint_options* options = NULL;
    CHECK(!conflict_policy_flagged(NULL));
    CHECK(drslint_options_new(&options) == DRSLINT_OK);
    CHECK(drslint_options_set_context(options, DRSLINT_CONTEXT_JOB_TYPE, "migration") == DRSLINT_OK);
    CHECK(conflict_policy_flagged(options));
    CHECK(drslint_options_set_context(options, DRSLINT_CONTEXT_JOB_TYPE, NULL) == DRSLINT_OK);
    CHECK(!conflict_policy_flagged(options));
    /* A saved task-details response: the fact is found below the top level. */
    CHECK(drslint_options_set_context_json(options, kDetails, strlen(kDetails)) == DRSLINT_OK);
    CHECK(conflict_policy_flagged(options));
    drslint_options_free(options);
}

/* Every handle and output parameter may be NULL: a status or a neutral value comes back, with a
 * message naming the function, and nothing crashes. */
static void test_null_arguments(const drslint_linter* linter)
{
    size_t length = 99;
    drslint_result* result = (drslint_result*)&length; /* not NULL: a failure must reset it */

    CHECK(drslint_options_new(NULL) == DRSLINT_INVALID_ARGUMENT);
    CHECK(contains(drslint_last_error(), "drslint_options_new"));
    CHECK(drslint_options_set_limit(NULL, DRSLINT_LIMIT_MAX_DEPTH, 1) == DRSLINT_INVALID_ARGUMENT);
    CHECK(drslint_options_set_context(NULL, DRSLINT_CONTEXT_JOB_TYPE, "sync") == DRSLINT_INVALID_ARGUMENT);
    CHECK(drslint_options_set_context_json(NULL, "{}", 2) == DRSLINT_INVALID_ARGUMENT);
    CHECK(drslint_linter_new(NULL, NULL) == DRSLINT_INVALID_ARGUMENT);

    CHECK(drslint_lint(NULL, kGoodBody, strlen(kGoodBody), &result) == DRSLINT_INVALID_ARGUMENT);
    CHECK(result == NULL);
    CHECK(contains(drslint_last_error(), "drslint_lint: linter is NULL"));
    CHECK(drslint_lint(linter, NULL, 5, &result) == DRSLINT_INVALID_ARGUMENT);
    CHECK(drslint_lint(linter, kGoodBody, strlen(kGoodBody), NULL) == DRSLINT_INVALID_ARGUMENT);

    CHECK(drslint_result_count(NULL) == 0);
    CHECK(contains(drslint_last_error(), "result is NULL"));
    CHECK(drslint_result_count_severity(NULL, DRSLINT_SEVERITY_ERROR) == 0);
    CHECK(drslint_finding_rule(NULL, 0, &length) == NULL);
    CHECK(length == 0);
    CHECK(drslint_finding_pointer(NULL, 0, NULL) == NULL);
    CHECK(drslint_finding_message(NULL, 0, NULL) == NULL);
    CHECK(drslint_finding_expected(NULL, 0, NULL) == NULL);
    CHECK(drslint_finding_suggestion(NULL, 0, NULL) == NULL);
    CHECK(drslint_finding_severity(NULL, 0) == -1);
    CHECK(drslint_finding_line(NULL, 0) == 0);
    CHECK(drslint_finding_column(NULL, 0) == 0);
    CHECK(drslint_finding_end_line(NULL, 0) == 0);
    CHECK(drslint_finding_end_column(NULL, 0) == 0);
    CHECK(contains(drslint_last_error(), "drslint_finding_end_column: result is NULL"));
    CHECK(drslint_severity_name(7) == NULL);
    CHECK(drslint_severity_name(-1) == NULL);

    drslint_options_free(NULL);
    drslint_linter_free(NULL);
    drslint_result_free(NULL);
}

/* Wrong values are refused with a message that says which; out-of-range indexes too. */
static void test_errors(const drslint_linter* linter)
{
    drslint_options* options = NULL;
    drslint_result* result = NULL;
    drslint_linter* refused = NULL;
    size_t count;
    int status;

    CHECK(drslint_options_new(&options) == DRSLINT_OK);
    CHECK(drslint_options_set_limit(options, 42, 1) == DRSLINT_INVALID_ARGUMENT);
    CHECK_STR(drslint_last_error(), "drslint_options_set_limit: unknown limit 42");
    CHECK(drslint_options_set_context(options, -3, "sync") == DRSLINT_INVALID_ARGUMENT);
    CHECK_STR(drslint_last_error(), "drslint_options_set_context: unknown context field -3");
    CHECK(drslint_options_set_context_json(options, "[1, 2]", 6) == DRSLINT_INVALID_ARGUMENT);
    CHECK(contains(drslint_last_error(), "JSON object"));
    /* The task context is checked as --context is: a value outside its enum, an unknown key. */
    CHECK(drslint_options_set_context(options, DRSLINT_CONTEXT_JOB_TYPE, "synk") == DRSLINT_INVALID_ARGUMENT);
    CHECK(contains(drslint_last_error(), "job_type is 'synk'"));
    CHECK(contains(drslint_last_error(), "(did you mean 'sync'?)"));
    CHECK(drslint_options_set_context_json(options, "{\"jobtype\": \"sync\"}", 19) == DRSLINT_INVALID_ARGUMENT);
    CHECK(contains(drslint_last_error(), "unknown key 'jobtype' (did you mean 'job_type'?)"));
    /* A success clears the message. */
    CHECK(drslint_options_set_limit(options, DRSLINT_LIMIT_MAX_DEPTH, 8) == DRSLINT_OK);
    CHECK_STR(drslint_last_error(), "");
    drslint_options_free(options);

    result = lint(linter, kBadBody, sizeof kBadBody - 1);
    count = drslint_result_count(result);
    CHECK(drslint_finding_rule(result, count, NULL) == NULL);
    CHECK(contains(drslint_last_error(), "is out of range"));
    CHECK(drslint_finding_severity(result, count + 100) == -1);
    CHECK(drslint_finding_line(result, (size_t)-1) == 0);
    CHECK(drslint_result_count_severity(result, 3) == 0);
    CHECK_STR(drslint_last_error(), "drslint_result_count_severity: unknown severity 3");
    drslint_result_free(result);

    /* A limit the library refuses (a depth of 0, where it has bounds) is the caller's mistake:
     * never DRSLINT_INTERNAL_ERROR, and never a linter. */
    CHECK(drslint_options_new(&options) == DRSLINT_OK);
    CHECK(drslint_options_set_limit(options, DRSLINT_LIMIT_MAX_DEPTH, 0) == DRSLINT_OK);
    status = drslint_linter_new(options, &refused);
    CHECK(status == DRSLINT_OK || status == DRSLINT_INVALID_ARGUMENT);
    if (status == DRSLINT_INVALID_ARGUMENT) {
        CHECK(refused == NULL);
        CHECK(contains(drslint_last_error(), "drslint_linter_new: "));
    }
    drslint_linter_free(refused);
    drslint_options_free(options);
}

/* The last error belongs to the thread that caused it: a new thread starts with none, and its own
 * failure leaves the main thread's message alone. */
static void* fail_in_new_thread(void* unused)
{
    int started_clean = strcmp(drslint_last_error(), "") == 0;
    int failed = drslint_options_set_limit(NULL, DRSLINT_LIMIT_MAX_DEPTH, 1) == DRSLINT_INVALID_ARGUMENT &&
                 contains(drslint_last_error(), "drslint_options_set_limit");
    (void)unused;
    return started_clean && failed ? (void*)"ok" : NULL;
}

static void test_last_error_is_per_thread(void)
{
    pthread_t thread;
    void* verdict = NULL;
    CHECK(drslint_options_new(NULL) == DRSLINT_INVALID_ARGUMENT);
    CHECK(pthread_create(&thread, NULL, fail_in_new_thread, NULL) == 0);
    CHECK(pthread_join(thread, &verdict) == 0);
    CHECK(verdict != NULL);
    CHECK_STR(drslint_last_error(), "drslint_options_new: out is NULL");
}

/* A finding's fix, read through the C API, and applied by drslint_apply_fixes and drslint_fix. */
static void test_fixes(const drslint_linter* linter)
{
    static const char body[] = "{\"job\": {\"type\": \"re_create\", \"params\": {\"job_id\": 5, \"colour\": 1}}}";
    drslint_result* result = lint(linter, body, strlen(body));
    const size_t typed = find_rule(result, "type-mismatch");
    const size_t unknown = find_rule(result, "unknown-member");
    CHECK(typed < drslint_result_count(result) && unknown < drslint_result_count(result));
    if (typed < drslint_result_count(result) && unknown < drslint_result_count(result)) {
        CHECK(drslint_finding_fix(result, typed) == DRSLINT_FIX_SAFE);
        CHECK(drslint_finding_fix(result, unknown) == DRSLINT_FIX_UNSAFE);
        size_t length = 0;
        CHECK_STR(drslint_finding_fix_message(result, typed, &length), "write \"5\"");
        CHECK(drslint_finding_fix_edit_count(result, typed) == 1);
        size_t offset = 0, deleted = 0, inserted = 0;
        const char* replacement = NULL;
        CHECK(drslint_finding_fix_edit(result, typed, 0, &offset, &deleted, &replacement, &inserted) == DRSLINT_OK);
        CHECK(deleted == 1 && body[offset] == '5');
        CHECK(inserted == 3 && replacement != NULL && memcmp(replacement, "\"5\"", 3) == 0);
        CHECK(drslint_finding_fix_edit(result, typed, 1, &offset, &deleted, &replacement, &inserted) ==
              DRSLINT_INVALID_ARGUMENT);
    }
    char* fixed = NULL;
    size_t fixed_length = 0, applied = 0;
    CHECK(drslint_apply_fixes(result, body, strlen(body), 0, &fixed, &fixed_length, &applied) == DRSLINT_OK);
    CHECK(applied == 1);
    CHECK_STR(fixed, "{\"job\": {\"type\": \"re_create\", \"params\": {\"job_id\": \"5\", \"colour\": 1}}}");
    CHECK(fixed != NULL && fixed_length == strlen(fixed));
    drslint_text_free(fixed);
    fixed = NULL;
    CHECK(drslint_fix(linter, body, strlen(body), 1, &fixed, &fixed_length, &applied) == DRSLINT_OK);
    CHECK(applied == 2);
    CHECK_STR(fixed, "{\"job\": {\"type\": \"re_create\", \"params\": {\"job_id\": \"5\"}}}");
    drslint_text_free(fixed);
    CHECK(drslint_fix(linter, body, strlen(body), 0, NULL, NULL, NULL) == DRSLINT_INVALID_ARGUMENT);
    CHECK(drslint_fix(NULL, body, strlen(body), 0, &fixed, NULL, NULL) == DRSLINT_INVALID_ARGUMENT);
    drslint_result_free(result);
}

int main(void)
{
    drslint_linter* linter = NULL;
    test_version();
    if (drslint_linter_new(NULL, &linter) != DRSLINT_OK) {
        fprintf(stderr, "drslint_linter_new failed: %s\n", drslint_last_error());
        return 1;
    }
    test_known_finding(linter);
    test_buffers(linter);
    test_options();
    test_task_context();
    test_null_arguments(linter);
    test_errors(linter);
    test_last_error_is_per_thread();
    test_fixes(linter);
    drslint_linter_free(linter);
    if (failures != 0) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    puts("capi_test: all checks passed");
    return 0;
}
