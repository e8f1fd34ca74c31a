#include "parse/shorten.h"

#include <algorithm>

#include "parse/pointer.h"

namespace drslint::parse {
namespace {

bool continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// At most max_bytes, ending before a code point; the whole first code point when it alone is longer.
std::size_t cut_length(const char* s, std::size_t length, std::size_t max_bytes)
{
    std::size_t n = std::min(length, max_bytes);
    while (n > 0 && n < length && continuation_byte(s[n])) --n;
    if (n == 0 && length > 0) {
        for (n = 1; n < length && continuation_byte(s[n]);) ++n;
    }
    return n;
}

}  // namespace

// Both walks use an explicit stack: no walk over input depends on the C stack, which an embedder's
// thread may keep small.
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

std::vector<std::string> copy_with_short_strings(const rapidjson::Value& source, std::size_t max_bytes,
                                                 rapidjson::Document& target)
{
    auto& allocator = target.GetAllocator();
    std::vector<std::string> cut;
    std::string pointer;
    // A copy of a scalar, its string cut when it is too long.
    auto scalar = [&](const rapidjson::Value& from) {
        rapidjson::Value to;
        if (from.IsString()) {
            std::size_t length = from.GetStringLength();
            if (length > max_bytes) {
                length = cut_length(from.GetString(), length, max_bytes);
                cut.push_back(pointer);
            }
            to.SetString(from.GetString(), static_cast<rapidjson::SizeType>(length), allocator);
        } else {
            to.CopyFrom(from, allocator);  // a number, a boolean or null
        }
        return to;
    };
    // One frame per container on the path to the value being copied. Children are copied in order
    // and each container is added to its parent when it is complete (RapidJSON moves it in O(1)), so
    // `pointer` always spells the path of the top frame plus one token.
    struct Frame {
        const rapidjson::Value* from;
        rapidjson::Value to;
        std::size_t pointer_size;
        rapidjson::SizeType next = 0;
    };
    std::vector<Frame> stack;
    auto open = [&](const rapidjson::Value& from) {
        stack.push_back({&from, rapidjson::Value(from.IsObject() ? rapidjson::kObjectType : rapidjson::kArrayType),
                         pointer.size()});
    };
    // Adds a finished child to the top frame, whose child number `next - 1` it copies.
    auto add = [&](rapidjson::Value child) {
        Frame& parent = stack.back();
        if (parent.from->IsObject()) {
            const auto& name = parent.from->MemberBegin()[parent.next - 1].name;
            parent.to.AddMember(rapidjson::Value(name.GetString(), name.GetStringLength(), allocator), child, allocator);
        } else {
            parent.to.PushBack(child, allocator);
        }
    };
    if (!source.IsObject() && !source.IsArray()) {
        static_cast<rapidjson::Value&>(target) = scalar(source);
        return cut;
    }
    open(source);
    while (true) {
        Frame& frame = stack.back();
        const bool object = frame.from->IsObject();
        const rapidjson::SizeType size = object ? frame.from->MemberCount() : frame.from->Size();
        if (frame.next == size) {
            rapidjson::Value done(std::move(frame.to));
            stack.pop_back();
            if (stack.empty()) {
                static_cast<rapidjson::Value&>(target) = done;
                return cut;
            }
            add(std::move(done));
            continue;
        }
        const rapidjson::SizeType i = frame.next++;
        pointer.resize(frame.pointer_size);
        const rapidjson::Value* child = nullptr;
        if (object) {
            const auto& member = frame.from->MemberBegin()[i];
            append_pointer_token(pointer, {member.name.GetString(), member.name.GetStringLength()});
            child = &member.value;
        } else {
            append_pointer_index(pointer, i);
            child = &(*frame.from)[i];
        }
        if (child->IsObject() || child->IsArray()) {
            open(*child);  // may reallocate `stack`: `frame` is not used after this
        } else {
            add(scalar(*child));
        }
    }
}

}  // namespace drslint::parse
