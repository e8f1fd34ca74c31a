#include "parse/pointer.h"

#include <algorithm>

namespace drslint::parse {

void append_pointer_token(std::string& pointer, std::string_view token)
{
    pointer.push_back('/');
    // Most names need no escaping: one append instead of a push_back per character.
    if (std::none_of(token.begin(), token.end(), [](char c) { return c == '~' || c == '/'; })) {
        pointer.append(token);
        return;
    }
    for (char c : token) {
        if (c == '~') {
            pointer += "~0";
        } else if (c == '/') {
            pointer += "~1";
        } else {
            pointer.push_back(c);
        }
    }
}

void append_pointer_index(std::string& pointer, std::size_t index)
{
    pointer.push_back('/');
    pointer += std::to_string(index);
}

std::string PointerPath::str() const
{
    std::string pointer;
    for (const Step& step : steps_) {
        if (step.index == kName) {
            append_pointer_token(pointer, step.name);
        } else {
            append_pointer_index(pointer, step.index);
        }
    }
    return pointer;
}

std::string unescape_token(std::string_view raw)
{
    std::string token;
    token.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '~' && i + 1 < raw.size()) {
            token.push_back(raw[++i] == '0' ? '~' : '/');
        } else {
            token.push_back(raw[i]);
        }
    }
    return token;
}

bool split_pointer(std::string_view pointer, std::vector<std::string>& tokens)
{
    tokens.clear();
    const bool ok = for_each_raw_token(pointer, [&tokens](std::string_view raw) { tokens.push_back(unescape_token(raw)); });
    return ok;
}

std::string last_pointer_token(std::string_view pointer)
{
    std::vector<std::string> tokens;
    if (!split_pointer(pointer, tokens) || tokens.empty()) {
        return {};
    }
    return tokens.back();
}

}  // namespace drslint::parse
