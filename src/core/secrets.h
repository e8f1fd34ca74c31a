// Secrets are recognized by where they are, never by what they look like: the value at or below a
// member named db_password, password, ssl_cert_key, ssl_cert_password or X-Auth-Token, or a near
// miss of one of these names, is never printed, and neither is any member name below it. This is
// the one policy: messages, pointers, suggestions and source excerpts all decide with
// is_secret_member().
#pragma once

#include <string>
#include <string_view>

#include "drslint/finding.h"

namespace drslint::core {

inline constexpr std::string_view kRedacted = "(redacted)";

// The members whose values are secrets, wherever they occur.
// X-Auth-Token is a header: lint_request checks headers under the pointer /headers/<name>.
inline constexpr std::string_view kSecretMembers[] = {"db_password", "password", "ssl_cert_key", "ssl_cert_password",
                                                     "X-Auth-Token"};

// A secret's name, or a near miss of one that still holds a secret: within two edits of a secret's
// name (case-insensitive: `DB_PASSWORD`, `dbPassword`, `db-password`, `db_password\u0000`), or a
// name with "password" or "passwd" in it (`new_password`), except documented members that are not
// secrets (`is_set_password`, a boolean).
// Names longer than kMaxSecretNameBytes are never secret: no secret's name comes close, and the
// excerpt masker need not decode longer keys (its scan stays linear on megabyte-long keys).
inline constexpr std::size_t kMaxSecretNameBytes = 64;
bool is_secret_member(std::string_view name);
// True when a token of `pointer` is a secret member (so the value there is, or is inside, a
// secret), and for a malformed pointer (it cannot tell).
bool is_secret_pointer(std::string_view pointer);
// `pointer` cut after its first secret token: what may be shown of a place at or inside a secret.
// Unchanged when no token is secret.
std::string redact_pointer(std::string_view pointer);
// Makes a finding safe to leave the library: one at or inside a secret has its pointer cut to the
// secret member (redact_pointer), and one strictly inside a secret has its message replaced by one
// that names only the secret member, and no suggestion or expected value (they would show member
// names below it). `summary` is the rule's one-line summary.
void redact_finding(Finding& finding, std::string_view summary);

}  // namespace drslint::core
