// Secrets are recognized by where they are, never by what they look like: any value at or below a
// member named db_password, password, ssl_cert_key or ssl_cert_password is never printed.
#pragma once

#include <string>
#include <string_view>

#include <rapidjson/document.h>

namespace drslint::report {

inline constexpr std::string_view kRedacted = "(redacted)";

// The members whose values are secrets, wherever they occur.
// X-Auth-Token is a header: lint_request checks headers under the pointer /headers/<name>.
inline constexpr std::string_view kSecretMembers[] = {"db_password", "password", "ssl_cert_key", "ssl_cert_password",
                                                     "X-Auth-Token"};

bool is_secret_member(std::string_view name);
bool is_secret_pointer(std::string_view pointer);

// The most code points of a string value that a message quotes.
inline constexpr std::size_t kMaxRenderedCodePoints = 40;

// A short, printable rendering of `value` for a message: strings quoted and cut to
// kMaxRenderedCodePoints characters, control characters escaped, containers summarized, secrets replaced by kRedacted.
std::string render_value(const rapidjson::Value& value, std::string_view pointer);

// `text` (a member name, say) made safe to print: control characters, DEL, C1 controls and
// bidirectional overrides (which a terminal or an editor would act on) and bytes that are not UTF-8
// escaped as \uXXXX or \xNN; cut after `max_code_points` with "…".
std::string printable(std::string_view text, std::size_t max_code_points = 64);

// "a string", "a number", "an object", ...
std::string describe_type(const rapidjson::Value& value);

}  // namespace drslint::report
