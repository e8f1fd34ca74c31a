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

bool split_pointer(std::string_view pointer, std::vector<std::string>& tokens)
{
    tokens.clear();
    if (pointer.empty()) {
        return true;
    }
    if (pointer.front() != '/') {
        return false;
    }
    std::string token;
    for (std::size_t i = 1; i <= pointer.size(); ++i) {
        if (i == pointer.size() || pointer[i] == '/') {
            tokens.push_back(token);
            token.clear();
        } else if (pointer[i] == '~') {
            if (i + 1 >= pointer.size() || (pointer[i + 1] != '0' && pointer[i + 1] != '1')) {
                return false;
            }
            token.push_back(pointer[i + 1] == '0' ? '~' : '/');
            ++i;
        } else {
            token.push_back(pointer[i]);
        }
    }
    return true;
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
