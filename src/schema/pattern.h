// A JSON Schema "pattern" (ECMAScript regular expression, searched as std::regex_search does on
// the string's bytes), compiled into a table-driven DFA when it stays within a plain subset:
// literals, classes, groups, alternation, the quantifiers * + ? {m} {m,} {m,n}, and ^ / $ at the
// ends. Matching is then one table lookup per byte, with no recursion and no allocation, where
// std::regex costs thousands of instructions per match and a stack frame per character. Anything
// outside the subset (or a DFA that would grow too large) falls back to std::regex, so every
// pattern still means exactly what ECMAScript says.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace drslint::schema {

class Pattern {
public:
    // Throws std::regex_error for a pattern std::regex refuses.
    explicit Pattern(const std::string& source);

    // Whether the pattern matches somewhere in `text` (std::regex_search semantics).
    bool search(std::string_view text) const;

    // For a text that an anchored pattern (^...$, run as a DFA) rejects: the byte offset of the
    // first byte with which no match can go on, or text.size() when the text ends too early.
    // std::nullopt for a match, an unanchored pattern or the std::regex fallback.
    std::optional<std::size_t> first_mismatch(std::string_view text) const;

    // Whether it runs as a DFA (false: the std::regex fallback).
    bool compiled() const { return fallback_ == nullptr; }
    const std::string& source() const { return source_; }

private:
    std::string source_;
    std::unique_ptr<std::regex> fallback_;
    // The DFA: byte -> class, then (state * classes + class) -> next state; state 0 is dead.
    std::uint8_t byte_class_[256] = {};
    std::size_t classes_ = 0;
    std::vector<std::uint16_t> next_;
    std::vector<bool> accepting_;
    std::uint16_t start_ = 0;
    bool anchored_start_ = false;  // the pattern starts with ^
    bool anchored_end_ = false;    // the pattern ends with $: only a match at the end counts
};

}  // namespace drslint::schema
