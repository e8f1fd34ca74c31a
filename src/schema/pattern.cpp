#include "schema/pattern.h"

#include <algorithm>
#include <atomic>
#include <bitset>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>

namespace drslint::schema {
namespace {

using ByteSet = std::bitset<256>;

// Sizes past which a pattern is refused: no real schema pattern comes near them.
constexpr std::size_t kMaxNfaStates = 4096;
constexpr std::size_t kMaxDfaStates = 2048;
constexpr int kMaxRepeat = 64;

// The parsed pattern. Repeat's max < 0 means unbounded.
struct Ast {
    enum Kind { set, concat, alternation, repeat } kind = concat;
    ByteSet bytes;
    std::vector<Ast> parts;
    int min = 0, max = 0;
};

// Recursive descent over the supported subset; nullopt for anything else (the caller refuses the
// pattern). Patterns come from the embedded schemas and rules, never from input.
class Parser {
public:
    explicit Parser(const std::string& source) : s_(source) {}

    // Sets *anchored_start / *anchored_end for a leading ^ / trailing $.
    std::optional<Ast> parse(bool& anchored_start, bool& anchored_end)
    {
        std::size_t end = s_.size();
        // In ECMAScript `^a|b$` is `(^a)|(b$)`, not `^(a|b)$`: anchors bind to one branch of a
        // top-level alternation, which this compiler does not model.
        if (top_level_alternation()) {
            const bool anchors = (!s_.empty() && s_.front() == '^') || (!s_.empty() && s_.back() == '$');
            if (anchors) return std::nullopt;
        }
        anchored_start = !s_.empty() && s_.front() == '^';
        if (anchored_start) i_ = 1;
        // A trailing $ that is not escaped (an even number of backslashes before it).
        if (end > i_ && s_[end - 1] == '$') {
            std::size_t slashes = 0;
            while (end - 1 - slashes > i_ && s_[end - 2 - slashes] == '\\') ++slashes;
            if (slashes % 2 == 0) {
                anchored_end = true;
                --end;
            }
        }
        s_ = s_.substr(0, end);
        auto ast = alternation();
        if (!ast || i_ != s_.size()) return std::nullopt;
        return ast;
    }

private:
    bool at_end() const { return i_ >= s_.size(); }

    // Whether a '|' stands outside every group and class (escapes skipped).
    bool top_level_alternation() const
    {
        int depth = 0;
        bool in_class = false;
        for (std::size_t k = 0; k < s_.size(); ++k) {
            const char c = s_[k];
            if (c == '\\') {
                ++k;
            } else if (in_class) {
                in_class = c != ']';
            } else if (c == '[') {
                in_class = true;
            } else if (c == '(') {
                ++depth;
            } else if (c == ')') {
                --depth;
            } else if (c == '|' && depth == 0) {
                return true;
            }
        }
        return false;
    }

    std::optional<Ast> alternation()
    {
        Ast alt;
        alt.kind = Ast::alternation;
        do {
            auto branch = concatenation();
            if (!branch) return std::nullopt;
            alt.parts.push_back(std::move(*branch));
        } while (!at_end() && s_[i_] == '|' && ++i_);
        return alt.parts.size() == 1 ? std::move(alt.parts.front()) : alt;
    }

    std::optional<Ast> concatenation()
    {
        Ast seq;
        seq.kind = Ast::concat;
        while (!at_end() && s_[i_] != '|' && s_[i_] != ')') {
            auto atom = repetition();
            if (!atom) return std::nullopt;
            seq.parts.push_back(std::move(*atom));
        }
        return seq;
    }

    std::optional<Ast> repetition()
    {
        auto atom = this->atom();
        if (!atom) return std::nullopt;
        // One quantifier per atom: ECMAScript refuses `a**` and `a{2}{3}` ("nothing to repeat").
        if (!at_end() && (s_[i_] == '*' || s_[i_] == '+' || s_[i_] == '?' || s_[i_] == '{')) {
            Ast rep;
            rep.kind = Ast::repeat;
            const char q = s_[i_++];
            if (q == '*') rep.min = 0, rep.max = -1;
            if (q == '+') rep.min = 1, rep.max = -1;
            if (q == '?') rep.min = 0, rep.max = 1;
            if (q == '{' && !bounds(rep.min, rep.max)) return std::nullopt;
            if (!at_end() && s_[i_] == '?') return std::nullopt;  // lazy quantifiers
            rep.parts.push_back(std::move(*atom));
            atom = std::move(rep);
            if (!at_end() && (s_[i_] == '*' || s_[i_] == '+' || s_[i_] == '{')) return std::nullopt;
        }
        return atom;
    }

    // {m}, {m,} or {m,n} after the '{'.
    bool bounds(int& min, int& max)
    {
        auto number = [this](int& out) {
            const std::size_t start = i_;
            out = 0;
            while (!at_end() && s_[i_] >= '0' && s_[i_] <= '9' && i_ - start < 3) out = out * 10 + (s_[i_++] - '0');
            return i_ > start && out <= kMaxRepeat;
        };
        if (!number(min)) return false;
        max = min;
        if (!at_end() && s_[i_] == ',') {
            ++i_;
            max = -1;
            if (!at_end() && s_[i_] != '}' && !number(max)) return false;
        }
        if (at_end() || s_[i_] != '}') return false;
        ++i_;
        return max < 0 || max >= min;
    }

    std::optional<Ast> atom()
    {
        if (at_end()) return std::nullopt;
        const char c = s_[i_];
        if (c == '(') {
            ++i_;
            if (s_.compare(i_, 2, "?:") == 0) i_ += 2;
            else if (!at_end() && s_[i_] == '?') return std::nullopt;  // lookaround
            auto inner = alternation();
            if (!inner || at_end() || s_[i_] != ')') return std::nullopt;
            ++i_;
            return inner;
        }
        Ast one;
        one.kind = Ast::set;
        if (c == '[') {
            ++i_;
            if (!bracket(one.bytes)) return std::nullopt;
            return one;
        }
        int byte = -1;
        if (c == '\\') {
            ++i_;
            byte = escape();
        } else if (std::string_view("^$.*+?{}])|").find(c) == std::string_view::npos) {
            byte = static_cast<unsigned char>(c);
            ++i_;
        }
        if (byte < 0 || byte >= 0x80) return std::nullopt;
        one.bytes.set(static_cast<std::size_t>(byte));
        return one;
    }

    // One escaped character after the backslash, as a byte; -1 when not in the subset (class
    // escapes such as \d, back-references, code points past ASCII).
    int escape()
    {
        if (at_end()) return -1;
        const char c = s_[i_++];
        if (c == 'u') {
            if (i_ + 4 > s_.size()) return -1;
            int value = 0;
            for (int k = 0; k < 4; ++k) {
                const char h = s_[i_++];
                const int digit = h >= '0' && h <= '9' ? h - '0'
                                  : h >= 'a' && h <= 'f' ? h - 'a' + 10
                                  : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                                         : -1;
                if (digit < 0) return -1;
                value = value * 16 + digit;
            }
            return value < 0x80 ? value : -1;
        }
        if (c == 't') return '\t';
        if (c == 'n') return '\n';
        if (c == 'r') return '\r';
        if (std::string_view("\\/.-^$*+?()[]{}|").find(c) != std::string_view::npos) return static_cast<unsigned char>(c);
        return -1;
    }

    // A class after the '['; negated ones are complemented over all 256 bytes, as std::regex
    // matches the bytes of a UTF-8 string.
    bool bracket(ByteSet& bytes)
    {
        const bool negated = !at_end() && s_[i_] == '^';
        if (negated) ++i_;
        if (!at_end() && s_[i_] == ']') return false;  // "[]" and "[^]" are not in the subset
        auto item = [this]() -> int {
            if (at_end()) return -1;
            const char c = s_[i_];
            if (c == '\\') {
                ++i_;
                return escape();
            }
            if (c == '[' || static_cast<unsigned char>(c) >= 0x80) return -1;  // [:classes:], non-ASCII
            ++i_;
            return static_cast<unsigned char>(c);
        };
        while (!at_end() && s_[i_] != ']') {
            const int low = item();
            if (low < 0) return false;
            int high = low;
            if (i_ + 1 < s_.size() && s_[i_] == '-' && s_[i_ + 1] != ']') {
                ++i_;
                high = item();
                if (high < low) return false;
            }
            for (int b = low; b <= high; ++b) bytes.set(static_cast<std::size_t>(b));
        }
        if (at_end()) return false;
        ++i_;  // ']'
        if (negated) bytes.flip();
        return true;
    }

    std::string s_;
    std::size_t i_ = 0;
};

// Thompson's construction, built backwards: build(ast, next) returns the state that matches the
// ast and then goes on to `next`.
class Nfa {
public:
    struct State {
        ByteSet bytes;           // a byte state: on any of these bytes, go to next[0]
        bool consumes = false;   // false: an epsilon state, to every state in next
        std::vector<int> next;
    };

    int add(State state)
    {
        states_.push_back(std::move(state));
        return static_cast<int>(states_.size()) - 1;
    }

    std::optional<int> build(const Ast& ast, int next)
    {
        if (states_.size() > kMaxNfaStates) return std::nullopt;
        switch (ast.kind) {
        case Ast::set: return add({ast.bytes, true, {next}});
        case Ast::concat:
            for (auto it = ast.parts.rbegin(); it != ast.parts.rend(); ++it) {
                const auto start = build(*it, next);
                if (!start) return std::nullopt;
                next = *start;
            }
            return next;
        case Ast::alternation: {
            State fork;
            for (const auto& part : ast.parts) {
                const auto start = build(part, next);
                if (!start) return std::nullopt;
                fork.next.push_back(*start);
            }
            return add(std::move(fork));
        }
        case Ast::repeat: {
            const Ast& body = ast.parts.front();
            int tail = next;
            if (ast.max < 0) {
                const int loop = add({});
                const auto start = build(body, loop);
                if (!start) return std::nullopt;
                states_[static_cast<std::size_t>(loop)].next = {*start, next};
                tail = loop;
            } else {
                for (int k = ast.min; k < ast.max; ++k) {
                    const auto start = build(body, tail);
                    if (!start) return std::nullopt;
                    tail = add({{}, false, {*start, next}});
                }
            }
            for (int k = 0; k < ast.min; ++k) {
                const auto start = build(body, tail);
                if (!start) return std::nullopt;
                tail = *start;
            }
            return tail;
        }
        }
        return std::nullopt;
    }

    const std::vector<State>& states() const { return states_; }

    // The sorted set of states reachable from `from` without consuming a byte.
    std::vector<int> closure(const std::vector<int>& from)
    {
        // Marked with a stamp per call: the subset construction calls this thousands of times.
        seen_.resize(states_.size());
        ++stamp_;
        std::vector<int>& stack = stack_;
        stack.assign(from.begin(), from.end());
        std::vector<int> out;
        while (!stack.empty()) {
            const int s = stack.back();
            stack.pop_back();
            if (seen_[static_cast<std::size_t>(s)] == stamp_) continue;
            seen_[static_cast<std::size_t>(s)] = stamp_;
            out.push_back(s);
            if (!states_[static_cast<std::size_t>(s)].consumes) {
                for (const int n : states_[static_cast<std::size_t>(s)].next) stack.push_back(n);
            }
        }
        std::sort(out.begin(), out.end());
        return out;
    }

private:
    std::vector<State> states_;
    std::vector<unsigned> seen_;
    std::vector<int> stack_;
    unsigned stamp_ = 0;
};

[[noreturn]] void refuse(const std::string& source, const char* why)
{
    throw std::invalid_argument("pattern `" + source + "` " + why +
                                "; drslint checks patterns as DFAs (src/schema/pattern.h lists what they take)");
}

}  // namespace

// The constructor parses to check the pattern, and keeps only its verdict and anchors: most
// patterns are never searched by a lint, and their syntax trees were pages of every start-up. The
// first use parses again and builds the NFA and the DFA, under `mutex`; the DFA (on the heap only
// once built) is published through `built`.
struct Pattern::Automata {
    std::mutex mutex;
    std::unique_ptr<Dfa> dfa;
    std::atomic<const Dfa*> built{nullptr};
};

namespace {

// The pattern's parse, with search semantics (a match may start anywhere) unless anchored at its
// start; std::nullopt outside the subset.
std::optional<Ast> parse_for_search(const std::string& source, bool& anchored_start, bool& anchored_end)
{
    std::optional<Ast> ast = Parser(source).parse(anchored_start, anchored_end);
    if (ast && !anchored_start) {
        Ast any;
        any.kind = Ast::set;
        any.bytes.set();
        Ast skip;
        skip.kind = Ast::repeat;
        skip.min = 0;
        skip.max = -1;
        skip.parts.push_back(std::move(any));
        Ast seq;
        seq.kind = Ast::concat;
        seq.parts.push_back(std::move(skip));
        seq.parts.push_back(std::move(*ast));
        ast = std::move(seq);
    }
    return ast;
}

}  // namespace

Pattern::Pattern(const std::string& source) : source_(source), automata_(std::make_unique<Automata>())
{
    if (!parse_for_search(source_, anchored_start_, anchored_end_)) {
        refuse(source_, "is outside the supported subset of ECMAScript");
    }
}

Pattern::Pattern(Pattern&&) noexcept = default;
Pattern& Pattern::operator=(Pattern&&) noexcept = default;
Pattern::~Pattern() = default;

// The path of every search once built: one load, inlined into search().
inline const Pattern::Dfa& Pattern::dfa() const
{
    if (const Dfa* built = automata_->built.load(std::memory_order_acquire)) return *built;
    return build_dfa();
}

const Pattern::Dfa& Pattern::build_dfa() const
{
    Automata& a = *automata_;
    const std::lock_guard<std::mutex> lock(a.mutex);
    if (const Dfa* built = a.built.load(std::memory_order_relaxed)) return *built;
    // The parse again (the constructor kept only its verdict): the same source parses the same.
    bool anchored_start = false;
    bool anchored_end = false;
    const std::optional<Ast> ast = parse_for_search(source_, anchored_start, anchored_end);
    if (!ast) refuse(source_, "is outside the supported subset of ECMAScript");
    Nfa nfa;
    const int match = nfa.add({});
    const std::optional<int> nfa_start = nfa.build(*ast, match);
    if (!nfa_start) refuse(source_, "is too large to compile");
    Dfa dfa;

    // Bytes that every byte state treats alike share a class (a handful, not 256 columns).
    std::vector<int> klass(256, 0);
    int class_count = 1;
    std::vector<ByteSet> distinct;  // states repeat the same few sets: split by each once
    for (const auto& state : nfa.states()) {
        if (state.consumes && std::find(distinct.begin(), distinct.end(), state.bytes) == distinct.end()) {
            distinct.push_back(state.bytes);
        }
    }
    for (const ByteSet& bytes : distinct) {
        // (old class, in the set) -> new class
        std::vector<int> split(static_cast<std::size_t>(class_count) * 2, -1);
        int count = 0;
        for (std::size_t b = 0; b < 256; ++b) {
            int& to = split[static_cast<std::size_t>(klass[b]) * 2 + bytes[b]];
            if (to < 0) to = count++;
            klass[b] = to;
        }
        class_count = count;
    }
    dfa.classes = static_cast<std::size_t>(class_count);
    const std::size_t classes = dfa.classes;
    std::vector<int> representative(classes, -1);
    for (std::size_t b = 0; b < 256; ++b) {
        dfa.byte_class[b] = static_cast<std::uint8_t>(klass[b]);
        if (representative[static_cast<std::size_t>(klass[b])] < 0) representative[static_cast<std::size_t>(klass[b])] = static_cast<int>(b);
    }

    // Subset construction; DFA state 0 is the dead (empty) set.
    std::map<std::vector<int>, std::uint16_t> ids;
    std::vector<std::vector<int>> sets;
    auto id_of = [&](std::vector<int> set) -> std::optional<std::uint16_t> {
        const auto it = ids.find(set);
        if (it != ids.end()) return it->second;
        if (sets.size() >= kMaxDfaStates) return std::nullopt;
        const auto id = static_cast<std::uint16_t>(sets.size());
        ids.emplace(set, id);
        dfa.accepting.push_back(std::binary_search(set.begin(), set.end(), match));
        sets.push_back(std::move(set));
        return id;
    };
    id_of({});
    dfa.start = *id_of(nfa.closure({*nfa_start}));
    for (std::size_t d = 1; d < sets.size(); ++d) {
        dfa.next.resize(sets.size() * classes);
        for (std::size_t c = 0; c < classes; ++c) {
            std::vector<int> moved;
            for (const int s : sets[d]) {
                const auto& state = nfa.states()[static_cast<std::size_t>(s)];
                if (state.consumes && state.bytes[static_cast<std::size_t>(representative[c])]) moved.push_back(state.next[0]);
            }
            const auto target = id_of(nfa.closure(moved));
            if (!target) refuse(source_, "is too large to compile");
            dfa.next[d * classes + c] = *target;
        }
    }
    dfa.next.resize(sets.size() * classes);
    a.dfa = std::make_unique<Dfa>(std::move(dfa));
    a.built.store(a.dfa.get(), std::memory_order_release);
    return *a.dfa;
}

void Pattern::compile() const { dfa(); }

bool Pattern::search(std::string_view text) const
{
    const Dfa& d = dfa();
    std::uint16_t state = d.start;
    if (!anchored_end_ && d.accepting[state]) return true;
    for (const char c : text) {
        state = d.next[state * d.classes + d.byte_class[static_cast<unsigned char>(c)]];
        if (state == 0) return false;
        if (!anchored_end_ && d.accepting[state]) return true;
    }
    return d.accepting[state];
}

std::optional<std::size_t> Pattern::first_mismatch(std::string_view text) const
{
    if (!anchored_start_ || !anchored_end_) return std::nullopt;
    const Dfa& d = dfa();
    std::uint16_t state = d.start;
    for (std::size_t i = 0; i < text.size(); ++i) {
        state = d.next[state * d.classes + d.byte_class[static_cast<unsigned char>(text[i])]];
        if (state == 0) return i;
    }
    return d.accepting[state] ? std::nullopt : std::optional<std::size_t>(text.size());
}

}  // namespace drslint::schema
