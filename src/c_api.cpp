// The C API (include/drslint/drslint.h) over the C++ library.
//
// Every entry point is noexcept and catches everything: an exception unwinding into C, Go or
// Python frames is undefined behaviour, so each failure becomes a status code plus a per-thread
// message instead.
#include "drslint/drslint.h"

#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>

#include "drslint/fix.h"
#include "drslint/linter.h"

struct drslint_options {
    drslint::Options options;
};

struct drslint_linter {
    explicit drslint_linter(const drslint::Options& options) : linter(options) {}
    drslint::Linter linter;
};

struct drslint_result {
    drslint::Report report;
};

namespace {

// Per thread, so that concurrent callers each read their own failure. If even the message cannot
// be stored (no memory), a static text stands in: drslint_last_error() must never fail itself.
struct LastError {
    std::string text;
    const char* fallback = nullptr;
};
thread_local LastError last_error;

void clear_error() noexcept
{
    last_error.text.clear();  // keeps the capacity: no allocation, cannot throw
    last_error.fallback = nullptr;
}

void append(std::string& text, const char* part) { text.append(part); }
void append(std::string& text, std::size_t number) { text.append(std::to_string(number)); }
void append(std::string& text, int number) { text.append(std::to_string(number)); }

// The message is built in here, inside the try, because building it allocates.
template <typename... Parts>
void set_error(const char* function, const Parts&... parts) noexcept
{
    try {
        last_error.text.assign(function).append(": ");
        (append(last_error.text, parts), ...);
        last_error.fallback = nullptr;
    } catch (...) {
        last_error.fallback = "out of memory while reporting an error";
    }
}

template <typename... Parts>
int fail(const char* function, int status, const Parts&... parts) noexcept
{
    set_error(function, parts...);
    return status;
}

// RapidJSON wants a real address even for empty text; C callers (and Go's empty slices) pass NULL.
std::string_view text_of(const char* data, std::size_t length) noexcept
{
    return data != nullptr ? std::string_view(data, length) : std::string_view("", 0);
}

// Runs body (which returns a status) with every exception turned into a status and a message.
// body gets the function's name because __func__ inside a lambda is "operator()".
template <typename Body>
int guarded(const char* function, Body&& body) noexcept
{
    try {
        clear_error();
        return body(function);
    } catch (const std::bad_alloc&) {
        return fail(function, DRSLINT_OUT_OF_MEMORY, "out of memory");
    } catch (const std::exception& e) {
        return fail(function, DRSLINT_INTERNAL_ERROR, e.what());
    } catch (...) {
        return fail(function, DRSLINT_INTERNAL_ERROR, "unknown internal error");
    }
}

// The finding a getter asks for, or nullptr (with the last error set) when there is none.
const drslint::Finding* finding_at(const char* function, const drslint_result* result, std::size_t index) noexcept
{
    if (result == nullptr) {
        set_error(function, "result is NULL");
        return nullptr;
    }
    const auto& findings = result->report.findings;
    if (index >= findings.size()) {
        set_error(function, "index ", index, " is out of range; the result has ", findings.size(), " findings");
        return nullptr;
    }
    clear_error();
    return &findings[index];
}

// One implementation for every string getter: which member to read is the only difference.
const char* string_field(const char* function, const drslint_result* result, std::size_t index, std::size_t* length,
                         std::string drslint::Finding::*field) noexcept
{
    const drslint::Finding* finding = finding_at(function, result, index);
    if (length != nullptr) {
        *length = finding != nullptr ? (finding->*field).size() : 0;
    }
    return finding != nullptr ? (finding->*field).c_str() : nullptr;
}

std::size_t position_field(const char* function, const drslint_result* result, std::size_t index,
                           drslint::Position drslint::Finding::*position, std::size_t drslint::Position::*part) noexcept
{
    const drslint::Finding* finding = finding_at(function, result, index);
    return finding != nullptr ? finding->*position.*part : 0;
}

// The C constants are the C++ enumerators' values, so a severity crosses by a plain cast.
static_assert(DRSLINT_FIX_SAFE == static_cast<int>(drslint::Applicability::safe) &&
              DRSLINT_FIX_UNSAFE == static_cast<int>(drslint::Applicability::unsafe));
static_assert(DRSLINT_SEVERITY_INFO == static_cast<int>(drslint::Severity::info) &&
              DRSLINT_SEVERITY_WARNING == static_cast<int>(drslint::Severity::warning) &&
              DRSLINT_SEVERITY_ERROR == static_cast<int>(drslint::Severity::error));

bool known_severity(int severity)
{
    return severity >= DRSLINT_SEVERITY_INFO && severity <= DRSLINT_SEVERITY_ERROR;
}

}  // namespace

extern "C" {

const char* drslint_version(void) noexcept
{
    return DRSLINT_VERSION_STRING;
}

const char* drslint_last_error(void) noexcept
{
    return last_error.fallback != nullptr ? last_error.fallback : last_error.text.c_str();
}

const char* drslint_severity_name(int severity) noexcept
{
    return known_severity(severity) ? drslint::to_string(static_cast<drslint::Severity>(severity)) : nullptr;
}

int drslint_options_new(drslint_options** out) noexcept
{
    return guarded(__func__, [&](const char* function) {
        if (out == nullptr) {
            return fail(function, DRSLINT_INVALID_ARGUMENT, "out is NULL");
        }
        *out = nullptr;
        *out = new drslint_options();
        return static_cast<int>(DRSLINT_OK);
    });
}

void drslint_options_free(drslint_options* options) noexcept
{
    delete options;
}

int drslint_options_set_limit(drslint_options* options, int limit, size_t value) noexcept
{
    return guarded(__func__, [&](const char* function) {
        if (options == nullptr) {
            return fail(function, DRSLINT_INVALID_ARGUMENT, "options is NULL");
        }
        drslint::Limits& limits = options->options.limits;
        switch (limit) {
        case DRSLINT_LIMIT_MAX_INPUT_BYTES: limits.max_input_bytes = value; break;
        case DRSLINT_LIMIT_MAX_DEPTH: limits.max_depth = value; break;
        case DRSLINT_LIMIT_MAX_STRING_BYTES: limits.max_pattern_length = value; break;
        case DRSLINT_LIMIT_MAX_FINDINGS: limits.max_findings = value; break;
        default: return fail(function, DRSLINT_INVALID_ARGUMENT, "unknown limit ", limit);
        }
        return static_cast<int>(DRSLINT_OK);
    });
}

int drslint_options_set_context(drslint_options* options, int field, const char* value) noexcept
{
    return guarded(__func__, [&](const char* function) {
        if (options == nullptr) {
            return fail(function, DRSLINT_INVALID_ARGUMENT, "options is NULL");
        }
        drslint::TaskContext& context = options->options.context;
        std::string* target = nullptr;
        switch (field) {
        case DRSLINT_CONTEXT_JOB_TYPE: target = &context.job_type; break;
        case DRSLINT_CONTEXT_ENGINE_TYPE: target = &context.engine_type; break;
        case DRSLINT_CONTEXT_JOB_DIRECTION: target = &context.job_direction; break;
        case DRSLINT_CONTEXT_TASK_TYPE: target = &context.task_type; break;
        default: return fail(function, DRSLINT_INVALID_ARGUMENT, "unknown context field ", field);
        }
        // Checked as --context is: a value outside its enum would leave the rules that need it quiet.
        const char* const names[] = {"job_type", "engine_type", "job_direction", "task_type"};
        try {
            drslint::check_task_context_value(names[field - DRSLINT_CONTEXT_JOB_TYPE], value != nullptr ? value : "");
        } catch (const std::invalid_argument& e) {
            return fail(function, DRSLINT_INVALID_ARGUMENT, e.what());
        }
        target->assign(value != nullptr ? value : "");
        return static_cast<int>(DRSLINT_OK);
    });
}

int drslint_options_set_context_json(drslint_options* options, const char* json, size_t length) noexcept
{
    return guarded(__func__, [&](const char* function) {
        if (options == nullptr) {
            return fail(function, DRSLINT_INVALID_ARGUMENT, "options is NULL");
        }
        if (json == nullptr && length != 0) {
            return fail(function, DRSLINT_INVALID_ARGUMENT, "json is NULL but length is not 0");
        }
        try {
            options->options.context = drslint::parse_task_context(text_of(json, length));
        } catch (const std::invalid_argument& e) {
            return fail(function, DRSLINT_INVALID_ARGUMENT, e.what());
        }
        return static_cast<int>(DRSLINT_OK);
    });
}

int drslint_linter_new(const drslint_options* options, drslint_linter** out) noexcept
{
    return guarded(__func__, [&](const char* function) {
        if (out == nullptr) {
            return fail(function, DRSLINT_INVALID_ARGUMENT, "out is NULL");
        }
        *out = nullptr;
        try {
            *out = new drslint_linter(options != nullptr ? options->options : drslint::Options{});
        } catch (const std::invalid_argument& e) {
            // The Linter refuses a limit outside its bounds: the caller's value, not a library fault.
            return fail(function, DRSLINT_INVALID_ARGUMENT, e.what());
        }
        return static_cast<int>(DRSLINT_OK);
    });
}

void drslint_linter_free(drslint_linter* linter) noexcept
{
    delete linter;
}

int drslint_lint(const drslint_linter* linter, const char* json, size_t length, drslint_result** out) noexcept
{
    return guarded(__func__, [&](const char* function) {
        if (out == nullptr) {
            return fail(function, DRSLINT_INVALID_ARGUMENT, "out is NULL");
        }
        *out = nullptr;
        if (linter == nullptr) {
            return fail(function, DRSLINT_INVALID_ARGUMENT, "linter is NULL");
        }
        if (json == nullptr && length != 0) {
            return fail(function, DRSLINT_INVALID_ARGUMENT, "json is NULL but length is not 0");
        }
        *out = new drslint_result{linter->linter.lint(text_of(json, length))};
        return static_cast<int>(DRSLINT_OK);
    });
}

void drslint_result_free(drslint_result* result) noexcept
{
    delete result;
}

size_t drslint_result_count(const drslint_result* result) noexcept
{
    if (result == nullptr) {
        set_error(__func__, "result is NULL");
        return 0;
    }
    clear_error();
    return result->report.findings.size();
}

size_t drslint_result_count_severity(const drslint_result* result, int severity) noexcept
{
    if (result == nullptr) {
        set_error(__func__, "result is NULL");
        return 0;
    }
    if (!known_severity(severity)) {
        set_error(__func__, "unknown severity ", severity);
        return 0;
    }
    clear_error();
    return result->report.count(static_cast<drslint::Severity>(severity));
}

const char* drslint_finding_rule(const drslint_result* result, size_t index, size_t* length) noexcept
{
    return string_field(__func__, result, index, length, &drslint::Finding::rule);
}

const char* drslint_finding_pointer(const drslint_result* result, size_t index, size_t* length) noexcept
{
    return string_field(__func__, result, index, length, &drslint::Finding::pointer);
}

const char* drslint_finding_message(const drslint_result* result, size_t index, size_t* length) noexcept
{
    return string_field(__func__, result, index, length, &drslint::Finding::message);
}

const char* drslint_finding_expected(const drslint_result* result, size_t index, size_t* length) noexcept
{
    return string_field(__func__, result, index, length, &drslint::Finding::expected);
}

const char* drslint_finding_suggestion(const drslint_result* result, size_t index, size_t* length) noexcept
{
    return string_field(__func__, result, index, length, &drslint::Finding::suggestion);
}

int drslint_finding_severity(const drslint_result* result, size_t index) noexcept
{
    const drslint::Finding* finding = finding_at(__func__, result, index);
    return finding != nullptr ? static_cast<int>(finding->severity) : -1;
}

size_t drslint_finding_line(const drslint_result* result, size_t index) noexcept
{
    return position_field(__func__, result, index, &drslint::Finding::begin, &drslint::Position::line);
}

size_t drslint_finding_column(const drslint_result* result, size_t index) noexcept
{
    return position_field(__func__, result, index, &drslint::Finding::begin, &drslint::Position::column);
}

size_t drslint_finding_end_line(const drslint_result* result, size_t index) noexcept
{
    return position_field(__func__, result, index, &drslint::Finding::end, &drslint::Position::line);
}

size_t drslint_finding_end_column(const drslint_result* result, size_t index) noexcept
{
    return position_field(__func__, result, index, &drslint::Finding::end, &drslint::Position::column);
}

int drslint_finding_fix(const drslint_result* result, size_t index) noexcept
{
    const drslint::Finding* finding = finding_at(__func__, result, index);
    return finding != nullptr && finding->fix ? static_cast<int>(finding->fix->applicability) : DRSLINT_FIX_NONE;
}

const char* drslint_finding_fix_message(const drslint_result* result, size_t index, size_t* length) noexcept
{
    const drslint::Finding* finding = finding_at(__func__, result, index);
    const bool has = finding != nullptr && finding->fix;
    if (length != nullptr) *length = has ? finding->fix->message.size() : 0;
    return has ? finding->fix->message.c_str() : nullptr;
}

size_t drslint_finding_fix_edit_count(const drslint_result* result, size_t index) noexcept
{
    const drslint::Finding* finding = finding_at(__func__, result, index);
    return finding != nullptr && finding->fix ? finding->fix->edits.size() : 0;
}

int drslint_finding_fix_edit(const drslint_result* result, size_t index, size_t edit, size_t* offset, size_t* length,
                             const char** replacement, size_t* replacement_length) noexcept
{
    const drslint::Finding* finding = finding_at(__func__, result, index);
    if (finding == nullptr) return DRSLINT_INVALID_ARGUMENT;
    if (!finding->fix || edit >= finding->fix->edits.size()) {
        set_error(__func__, "finding ", index, " has no edit ", edit);
        return DRSLINT_INVALID_ARGUMENT;
    }
    const drslint::Edit& e = finding->fix->edits[edit];
    if (offset != nullptr) *offset = e.offset;
    if (length != nullptr) *length = e.length;
    if (replacement != nullptr) *replacement = e.replacement.data();
    if (replacement_length != nullptr) *replacement_length = e.replacement.size();
    return DRSLINT_OK;
}

namespace {

// Hands a text to C: malloc'd, NUL-terminated, freed by drslint_text_free.
int give_text(const char* function, const std::string& text, char** out, size_t* out_length)
{
    char* copy = static_cast<char*>(std::malloc(text.size() + 1));
    if (copy == nullptr) return fail(function, DRSLINT_OUT_OF_MEMORY, "out of memory");
    std::memcpy(copy, text.data(), text.size());
    copy[text.size()] = '\0';
    *out = copy;
    if (out_length != nullptr) *out_length = text.size();
    return static_cast<int>(DRSLINT_OK);
}

}  // namespace

int drslint_apply_fixes(const drslint_result* result, const char* json, size_t length, int unsafe, char** out,
                        size_t* out_length, size_t* applied) noexcept
{
    return guarded(__func__, [&](const char* function) {
        if (out == nullptr) return fail(function, DRSLINT_INVALID_ARGUMENT, "out is NULL");
        *out = nullptr;
        if (result == nullptr) return fail(function, DRSLINT_INVALID_ARGUMENT, "result is NULL");
        if (json == nullptr && length != 0) {
            return fail(function, DRSLINT_INVALID_ARGUMENT, "json is NULL but length is not 0");
        }
        std::size_t count = 0;
        const std::string fixed = drslint::apply_fixes(text_of(json, length), result->report, unsafe != 0, &count);
        if (applied != nullptr) *applied = count;
        return give_text(function, fixed, out, out_length);
    });
}

int drslint_fix(const drslint_linter* linter, const char* json, size_t length, int unsafe, char** out,
                size_t* out_length, size_t* applied) noexcept
{
    return guarded(__func__, [&](const char* function) {
        if (out == nullptr) return fail(function, DRSLINT_INVALID_ARGUMENT, "out is NULL");
        *out = nullptr;
        if (linter == nullptr) return fail(function, DRSLINT_INVALID_ARGUMENT, "linter is NULL");
        if (json == nullptr && length != 0) {
            return fail(function, DRSLINT_INVALID_ARGUMENT, "json is NULL but length is not 0");
        }
        const drslint::FixResult fixed = drslint::fix_until_stable(
            text_of(json, length), [&](std::string_view t) { return linter->linter.lint(t); }, unsafe != 0);
        if (applied != nullptr) *applied = fixed.applied;
        return give_text(function, fixed.text, out, out_length);
    });
}

void drslint_text_free(char* text) noexcept
{
    std::free(text);
}

}  // extern "C"
