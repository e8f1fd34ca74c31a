// RFC 6901 JSON Pointers, built incrementally while walking a document.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drslint::core {

// Appends "/" and the escaped token ("~" -> "~0", "/" -> "~1").
void append_pointer_token(std::string& pointer, std::string_view token);
void append_pointer_index(std::string& pointer, std::size_t index);
// Splits a pointer into unescaped tokens. Returns false for a malformed pointer.
bool split_pointer(std::string_view pointer, std::vector<std::string>& tokens);
// Calls visit(token) for each token of a pointer, still escaped ("~0", "~1"), allocating nothing.
// Returns false, having visited nothing, for a malformed pointer.
// Whether every '~' of a pointer starts "~0" or "~1" (RFC 6901's only escapes). Most pointers hold
// no '~': a search for one (memchr), not a look at every byte.
inline bool escapes_well_formed(std::string_view pointer)
{
    for (std::size_t i = pointer.find('~'); i != std::string_view::npos; i = pointer.find('~', i + 1)) {
        if (i + 1 >= pointer.size() || (pointer[i + 1] != '0' && pointer[i + 1] != '1')) return false;
    }
    return true;
}
template <typename Visit>
bool for_each_raw_token(std::string_view pointer, Visit&& visit)
{
    if (!pointer.empty() && pointer.front() != '/') return false;
    if (!escapes_well_formed(pointer)) return false;
    for (std::size_t start = 1; start <= pointer.size() && !pointer.empty();) {
        const std::size_t end = std::min(pointer.find('/', start), pointer.size());
        visit(pointer.substr(start, end - start));
        start = end + 1;
    }
    return true;
}
// "~1" -> "/", "~0" -> "~" in one token of a well-formed pointer.
std::string unescape_token(std::string_view raw);
// The last unescaped token ("" for the root).
std::string last_pointer_token(std::string_view pointer);
// The pointer without its last token ("" for the root and for a top-level member): a view of it.
std::string_view parent_pointer(std::string_view pointer);
// The array index a token names, as RFC 6901 writes one ("0", or digits without a leading zero,
// here at most 9 of them); nullopt for any other token.
std::optional<std::size_t> array_index(std::string_view token);
// How a message names a place: "`name`", "`speed_limit[1].end`" (the last two member names with
// the indexes between them), or "the body" for the root. Member names are printable (core/text.h).
std::string describe_pointer(std::string_view pointer);
// The same, into `out` (replacing what it held, keeping its capacity).
void describe_pointer(std::string_view pointer, std::string& out);

// Where a walk over a document stands: a member name (a view into the document or a schema, which
// outlive the walk) or an index per step. Descending costs a push; the pointer text is built only
// for a place that is reported, so a clean body builds none.
class PointerPath {
public:
    PointerPath() { steps_.reserve(16); }  // deeper than real bodies go: one allocation per walk
    void push(std::string_view name) { steps_.push_back({name, kName}); }
    void push(std::size_t index) { steps_.push_back({{}, index}); }
    void pop() { steps_.pop_back(); }
    std::string str() const;

    // Pushes on construction and pops on destruction.
    class Scope {
    public:
        Scope(PointerPath& path, std::string_view name) : path_(path) { path_.push(name); }
        Scope(PointerPath& path, std::size_t index) : path_(path) { path_.push(index); }
        ~Scope() { path_.pop(); }
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

    private:
        PointerPath& path_;
    };

private:
    static constexpr std::size_t kName = static_cast<std::size_t>(-1);
    struct Step {
        std::string_view name;
        std::size_t index;  // kName: the step is `name`
    };
    std::vector<Step> steps_;
};

}  // namespace drslint::core
