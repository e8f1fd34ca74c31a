// RFC 6901 JSON Pointers, built incrementally while walking a document.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace drslint::parse {

// Appends "/" and the escaped token ("~" -> "~0", "/" -> "~1").
void append_pointer_token(std::string& pointer, std::string_view token);
void append_pointer_index(std::string& pointer, std::size_t index);
// Splits a pointer into unescaped tokens. Returns false for a malformed pointer.
bool split_pointer(std::string_view pointer, std::vector<std::string>& tokens);
// The last unescaped token ("" for the root).
std::string last_pointer_token(std::string_view pointer);

// Grows a pointer on descent and shrinks it back on return.
class PointerScope {
public:
    PointerScope(std::string& pointer, std::string_view token) : pointer_(pointer), size_(pointer.size())
    {
        append_pointer_token(pointer_, token);
    }
    PointerScope(std::string& pointer, std::size_t index) : pointer_(pointer), size_(pointer.size())
    {
        append_pointer_index(pointer_, index);
    }
    ~PointerScope() { pointer_.resize(size_); }
    PointerScope(const PointerScope&) = delete;
    PointerScope& operator=(const PointerScope&) = delete;

private:
    std::string& pointer_;
    std::size_t size_;
};

}  // namespace drslint::parse
