#include "parse/shorten.h"

#include <algorithm>
#include <vector>

namespace drslint::parse {

// An explicit stack: no walk over input depends on the C stack, which an embedder's thread may
// keep small.
std::size_t longest_string(const rapidjson::Value& value)
{
    std::size_t longest = 0;
    std::vector<const rapidjson::Value*> pending{&value};
    while (!pending.empty()) {
        const rapidjson::Value& v = *pending.back();
        pending.pop_back();
        if (v.IsString()) {
            longest = std::max<std::size_t>(longest, v.GetStringLength());
        } else if (v.IsArray()) {
            for (const auto& item : v.GetArray()) pending.push_back(&item);
        } else if (v.IsObject()) {
            for (const auto& member : v.GetObject()) {
                longest = std::max<std::size_t>(longest, member.name.GetStringLength());
                pending.push_back(&member.value);
            }
        }
    }
    return longest;
}

}  // namespace drslint::parse
