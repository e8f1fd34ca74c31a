#include "core/secrets.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "core/pointer.h"
#include "core/suggest.h"
#include "core/text.h"

namespace drslint::core {
namespace {

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The bytes of a name, case folded, as a set.
struct ByteSet {
    std::uint64_t bits[4] = {0, 0, 0, 0};

    explicit ByteSet(std::string_view text)
    {
        for (const char c : text) add(ascii_lower(c));
    }
    void add(char c)
    {
        const auto b = static_cast<unsigned char>(c);
        bits[b >> 6] |= std::uint64_t{1} << (b & 63);
    }
    bool has(char c) const
    {
        const auto b = static_cast<unsigned char>(ascii_lower(c));
        return (bits[b >> 6] >> (b & 63) & 1) != 0;
    }
};

// The bytes of `text` not in `set`, counted until `bound` is passed.
std::size_t foreign(std::string_view text, const ByteSet& set, std::size_t bound)
{
    std::size_t n = 0;
    for (const char c : text) {
        if (!set.has(c) && ++n > bound) break;
    }
    return n;
}

}  // namespace

// The predicate itself; is_secret_member() remembers its answers.
static bool decide_secret_member(std::string_view name)
{
    constexpr std::size_t kNearMiss = 2;
    // Longer names are no near miss of a short secret name, and searching them stays linear.
    constexpr std::size_t kMaxNearMissBytes = 32;
    if (name.size() <= kMaxNearMissBytes) {
        // Every finding asks this of each member on its pointer, so most names are no secret's:
        // a bound that costs a pass over the bytes rules them out before an edit distance. Each
        // edit brings at most one byte the other name lacks (a transposition none), so names
        // within kNearMiss edits each have at most kNearMiss bytes the other has nowhere.
        static const auto kSecretSets = [] {
            std::vector<ByteSet> sets;
            for (std::string_view secret : kSecretMembers) sets.emplace_back(secret);
            return sets;
        }();
        const ByteSet name_set(name);
        for (std::size_t i = 0; i < std::size(kSecretMembers); ++i) {
            const std::string_view secret = kSecretMembers[i];
            const std::size_t longer = std::max(name.size(), secret.size());
            const std::size_t shorter = std::min(name.size(), secret.size());
            if (longer - shorter > kNearMiss || foreign(name, kSecretSets[i], kNearMiss) > kNearMiss ||
                foreign(secret, name_set, kNearMiss) > kNearMiss) {
                continue;
            }
            if (edit_distance(name, secret, kNearMiss) <= kNearMiss) return true;
        }
    }
    if (name.size() > kMaxSecretNameBytes) return false;
    static constexpr std::string_view kNotSecret[] = {"is_set_password"};
    for (std::string_view documented : kNotSecret) {
        if (name == documented) return false;
    }
    auto contains = [name](std::string_view word) {
        return std::search(name.begin(), name.end(), word.begin(), word.end(),
                           [](char a, char b) { return ascii_lower(a) == b; }) != name.end();
    };
    return contains("password") || contains("passwd");
}

bool is_secret_member(std::string_view name)
{
    // Every finding asks this of each member on its pointer, and a batch repeats the same few
    // hundred member names: each thread keeps its answers (a Linter shares nothing mutable), for
    // names short enough to be a secret's near miss, in a table indexed by the name's hash (a
    // name that lands on another's slot replaces it): a lookup hashes and compares a few bytes,
    // and allocates nothing.
    constexpr std::size_t kMaxCachedBytes = 32;
    if (name.size() > kMaxCachedBytes) return decide_secret_member(name);
    // Shorter names are no secret's: more than kNearMiss edits from every secret name (the
    // shortest has 8 bytes), and too short to hold "passwd". Array indexes and most names are.
    constexpr std::size_t kShortestSecretOrNearMiss = 6;
    static_assert([] {
        for (std::string_view secret : kSecretMembers) {
            if (secret.size() < kShortestSecretOrNearMiss + 2) return false;
        }
        return true;
    }(), "a secret name this short would have near misses below the bound");
    if (name.size() < kShortestSecretOrNearMiss) return false;
    struct Answer {
        std::uint8_t length;  // 0: an empty slot (no name this short is kept)
        bool secret;
        char name[kMaxCachedBytes];
    };
    constexpr std::size_t kSlots = 512;  // a power of two
    // On the heap at a thread's first question, not in its static TLS block: the loader zeroes
    // that block for every thread at its start (17 KiB, five fresh pages of every process's
    // start-up), asked or not. Without memory for it, the answer is decided uncached (no throw).
    thread_local std::unique_ptr<Answer[]> table;
    if (!table) table.reset(new (std::nothrow) Answer[kSlots]());  // value-initialised: every slot empty
    if (!table) return decide_secret_member(name);
    Answer* const answers = table.get();
    // The slot from the name's length and its first and last four bytes (names here have six to
    // 32): two loads and a multiply, where a hash of every byte was a multiply per byte, and a
    // name that shares another's slot only replaces it (the full compare decides).
    std::uint32_t head, tail;
    std::memcpy(&head, name.data(), sizeof head);
    std::memcpy(&tail, name.data() + name.size() - sizeof tail, sizeof tail);
    const std::uint64_t mixed = ((std::uint64_t{head} << 32 | tail) ^ name.size()) * 0x9E3779B97F4A7C15ull;
    Answer& slot = answers[mixed >> (64 - 9)];
    static_assert(kSlots == std::size_t{1} << 9, "the slot takes the hash's top 9 bits");
    if (slot.length == name.size() && std::memcmp(name.data(), slot.name, name.size()) == 0) return slot.secret;
    const bool secret = decide_secret_member(name);
    slot.length = static_cast<std::uint8_t>(name.size());
    slot.secret = secret;
    std::copy(name.begin(), name.end(), slot.name);
    return secret;
}

namespace {

// Whether the member a raw (escaped) pointer token names is a secret's: most tokens hold no
// escape and are asked as they are, without building the unescaped copy.
bool is_secret_token(std::string_view raw)
{
    return raw.find('~') == std::string_view::npos ? is_secret_member(raw) : is_secret_member(unescape_token(raw));
}

}  // namespace

bool is_secret_pointer(std::string_view pointer)
{
    // Every finding asks this. A pointer without a '~' (nearly all) is well formed if it starts
    // with '/', and each token is the member name itself: asked as it is, up to the first secret.
    if (!pointer.empty() && pointer.front() == '/' && pointer.find('~') == std::string_view::npos) {
        for (std::size_t begin = 1;;) {
            const std::size_t end = std::min(pointer.find('/', begin), pointer.size());
            if (is_secret_member(pointer.substr(begin, end - begin))) return true;
            if (end == pointer.size()) return false;
            begin = end + 1;
        }
    }
    bool secret = false;
    if (!for_each_raw_token(pointer, [&secret](std::string_view raw) { secret = secret || is_secret_token(raw); })) {
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
        if (!found && is_secret_token(raw)) {
            found = true;
            end = at;
        }
    });
    return wellformed ? std::string(pointer.substr(0, end)) : std::string();
}

void redact_finding(Finding& finding, std::string_view summary)
{
    if (!is_secret_pointer(finding.pointer)) return;  // the common case, without a copy of the pointer
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
