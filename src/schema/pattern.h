// A JSON Schema "pattern" (ECMAScript regular expression, searched as std::regex_search does on
// the string's bytes), compiled into a table-driven DFA. It takes a plain subset of ECMAScript:
// literals, classes, groups, alternation, one quantifier per atom (* + ? {m} {m,} {m,n}), and ^ / $
// at the ends of a pattern without a top-level alternation (where ECMAScript binds them to one
// branch). Matching is one table lookup per byte, with no recursion and no allocation, so strings
// of any length are checked. A pattern outside the subset is refused when the schemas load: no
// silent std::regex fallback, whose recursion per character would need a length limit (and so
// leave long strings unchecked).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drslint::schema {

class Pattern {
public:
    // Throws std::invalid_argument for a pattern outside the subset, naming what it cannot take.
    // The automata are built on the first search, or by compile(): building them was most of the
    // cost of loading the schemas, and a lint uses few patterns.
    explicit Pattern(const std::string& source);
    Pattern(Pattern&&) noexcept;
    Pattern& operator=(Pattern&&) noexcept;
    ~Pattern();

    // Builds the automata now; throws std::invalid_argument when they would be too large (and a
    // search would throw the same). Once built, later calls and searches do nothing more. Safe to
    // call from several threads, as search() is.
    void compile() const;

    // Whether the pattern matches somewhere in `text` (std::regex_search semantics).
    bool search(std::string_view text) const;

    // For a text that an anchored pattern (^...$, run as a DFA) rejects: the byte offset of the
    // first byte with which no match can go on, or text.size() when the text ends too early.
    // std::nullopt for a match or an unanchored pattern.
    std::optional<std::size_t> first_mismatch(std::string_view text) const;

    const std::string& source() const { return source_; }

private:
    // The DFA: byte -> class, then (state * classes + class) -> next state; state 0 is dead.
    struct Dfa {
        std::uint8_t byte_class[256] = {};
        std::size_t classes = 0;
        std::vector<std::uint16_t> next;
        std::vector<bool> accepting;
        std::uint16_t start = 0;
    };
    // The parsed pattern, and the DFA once built from it.
    struct Automata;
    const Dfa& dfa() const;
    const Dfa& build_dfa() const;  // the first use: builds the automata under the mutex

    std::string source_;
    bool anchored_start_ = false;  // the pattern starts with ^
    bool anchored_end_ = false;    // the pattern ends with $: only a match at the end counts
    std::unique_ptr<Automata> automata_;
};

}  // namespace drslint::schema
