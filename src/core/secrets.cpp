#include "core/secrets.h"

#include <algorithm>
#include <cctype>

#include "core/pointer.h"
#include "core/suggest.h"
#include "core/text.h"

namespace drslint::core {

bool is_secret_member(std::string_view name)
{
    constexpr std::size_t kNearMiss = 2;
    // Longer names are no near miss of a short secret name, and searching them stays linear.
    constexpr std::size_t kMaxNearMissBytes = 32;
    if (name.size() <= kMaxNearMissBytes) {
        for (std::string_view secret : kSecretMembers) {
            const std::size_t longer = std::max(name.size(), secret.size());
            const std::size_t shorter = std::min(name.size(), secret.size());
            if (longer - shorter <= kNearMiss && edit_distance(name, secret, kNearMiss) <= kNearMiss) {
                return true;
            }
        }
    }
    if (name.size() > kMaxSecretNameBytes) return false;
    static constexpr std::string_view kNotSecret[] = {"is_set_password"};
    for (std::string_view documented : kNotSecret) {
        if (name == documented) return false;
    }
    auto contains = [name](std::string_view word) {
        return std::search(name.begin(), name.end(), word.begin(), word.end(), [](char a, char b) {
                   return std::tolower(static_cast<unsigned char>(a)) == b;
               }) != name.end();
    };
    return contains("password") || contains("passwd");
}

bool is_secret_pointer(std::string_view pointer)
{
    bool secret = false;
    if (!for_each_raw_token(pointer, [&secret](std::string_view raw) {
            secret = secret || is_secret_member(unescape_token(raw));
        })) {
        return true;  // cannot tell: be safe
    }
    return secret;
}

std::string redact_pointer(std::string_view pointer)
{
    std::size_t end = pointer.size();
    bool found = false;
    std::size_t at = 0;
    const bool wellformed = for_each_raw_token(pointer, [&](std::string_view raw) {
        at = static_cast<std::size_t>(raw.data() - pointer.data()) + raw.size();
        if (!found && is_secret_member(unescape_token(raw))) {
            found = true;
            end = at;
        }
    });
    return wellformed ? std::string(pointer.substr(0, end)) : std::string();
}

void redact_finding(Finding& finding, std::string_view summary)
{
    std::string cut = redact_pointer(finding.pointer);
    if (cut.size() == finding.pointer.size()) return;
    // Strictly inside a secret: what is wrong there could only be said with what is there.
    std::string secret = "`" + printable(last_pointer_token(cut)) + "`";
    finding.message = secret + " holds a secret, so nothing inside it is shown: " + std::string(summary);
    finding.suggestion.clear();
    finding.expected.clear();
    finding.pointer = std::move(cut);
}

}  // namespace drslint::core
