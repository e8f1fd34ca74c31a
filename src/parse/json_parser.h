// Bounded parsing: RapidJSON's iterative parser (no recursion on the C stack), a nesting limit, a
// member-name limit, strict UTF-8 (lone surrogate escapes included), and detection of duplicate
// keys, which RapidJSON otherwise keeps silently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace drslint::parse {

// RapidJSON's CrtAllocator returns null when memory runs out, and RapidJSON then writes through
// it. This allocator throws std::bad_alloc instead; every RapidJSON stack (a parser's, a writer's,
// a Document's) and string buffer on the lint path uses it, so running out of memory is an
// exception the caller can answer, not a crash.
struct ThrowingAllocator {
    static const bool kNeedFree = true;
    void* Malloc(std::size_t size);
    void* Realloc(void* original, std::size_t original_size, std::size_t new_size);
    static void Free(void* pointer) noexcept;
};

// The values of a Document live in a MemoryPoolAllocator<CrtAllocator>, a type that is part of
// rapidjson::Value's, so it cannot be swapped for a throwing one. Instead the pool gets one block,
// allocated here up front (std::bad_alloc when it cannot be), large enough for all the Document
// will hold: the pool then never asks its CrtAllocator for a chunk. overflowed() tells whether
// that bound was wrong.
class Pool {
public:
    explicit Pool(std::size_t bytes);
    rapidjson::MemoryPoolAllocator<>& allocator() { return allocator_; }
    bool overflowed() const { return allocator_.Capacity() > capacity_; }

private:
    std::unique_ptr<char[]> block_;  // before allocator_, which writes into it until destroyed
    std::size_t capacity_;
    rapidjson::MemoryPoolAllocator<> allocator_;
};

// The pool a parse of `text_bytes` of JSON needs, in situ: every value but the root takes one slot
// in its parent's array, 16 bytes for an element (and at least 2 bytes of text: its first byte and
// the comma or bracket after it) or 32 for a member (at least 4: `"":` and its value's first byte);
// strings stay in the text. So at most 8 bytes per byte of text. A parse that copies its strings
// (parse_embedded) needs no more: a string of n bytes takes none when n <= 13 (it lives in its
// value) and at most n + 8 otherwise, and it has n + 2 bytes of text of its own besides what its
// slot counts (32 + 16 + n + 8 <= 8 * (n + 2 + 4) for a member's name and value both).
constexpr std::size_t pool_bytes_for_parse(std::size_t text_bytes) { return 8 * text_bytes; }

// The pool an object of `members` members with copied names and values of `string_bytes` in all
// needs: its member array grows 1.5 times at a time from 16 (each growth a new block), and each
// copied string takes its bytes, a NUL and up to 7 of alignment.
constexpr std::size_t pool_bytes_for_object(std::size_t members, std::size_t string_bytes)
{
    const std::size_t capacity = members < 16 ? 16 : members + members / 2 + 1;
    return 3 * capacity * 32 + string_bytes + 16 * members;
}

// A Document whose values live in a Pool (see above) and whose stack throws.
using Document = rapidjson::GenericDocument<rapidjson::UTF8<>, rapidjson::MemoryPoolAllocator<>, ThrowingAllocator>;
using StringBuffer = rapidjson::GenericStringBuffer<rapidjson::UTF8<>, ThrowingAllocator>;
template <typename OutputStream>
using Writer = rapidjson::Writer<OutputStream, rapidjson::UTF8<>, rapidjson::UTF8<>, ThrowingAllocator>;

struct ParseLimits {
    std::size_t max_depth = 64;
    // Longer member names stop the parse. Every finding's pointer holds the names on its path, so
    // unbounded names would make each of many findings as large as the input.
    std::size_t max_member_name = static_cast<std::size_t>(-1);
    // Duplicate keys recorded at most, and the most bytes their pointers may hold together (a
    // duplicate deep under long member names has a pointer of up to max_depth long names);
    // ParseResult::duplicates_truncated says when more were seen.
    std::size_t max_duplicates = static_cast<std::size_t>(-1);
    std::size_t max_duplicate_bytes = static_cast<std::size_t>(-1);
};

enum class ParseErrorKind { syntax, too_deep, name_too_long };

struct ParseError {
    ParseErrorKind kind = ParseErrorKind::syntax;
    std::size_t offset = 0;  // byte offset into the text
    std::string reason;      // plain words, never a copy of the input
    std::size_t length = 0;  // name_too_long: the name's length in bytes
};

// A member name that occurs more than once in its object, reported once, at its second occurrence.
struct DuplicateKey {
    std::string pointer;     // the repeated member
    std::size_t occurrence;  // which member with this pointer is the repeat: 1, the second
};

struct ParseResult {
    ParseResult() = default;
    explicit ParseResult(std::unique_ptr<Pool> values) : pool(std::move(values)), document(&pool->allocator()) {}

    // The text, NUL-terminated, that the parse decoded strings into: the document's strings point
    // here (a vector, so that moving the result keeps them valid).
    std::vector<char> buffer;
    std::unique_ptr<Pool> pool;  // before document, whose values it holds
    Document document;
    bool ok = false;
    bool ascii = false;  // whether the text is all ASCII (a position is then a byte count)
    ParseError error;  // valid when !ok
    std::vector<DuplicateKey> duplicates;
    bool duplicates_truncated = false;  // more than ParseLimits::max_duplicates
};

// Throws std::bad_alloc when memory runs out.
ParseResult parse_json(std::string_view text, const ParseLimits& limits);

// Trusted JSON that the library embeds (the schemas, the rule catalogue), parsed as
// rapidjson::Document::Parse<kParseIterativeFlag> would parse it (no limits, no duplicate
// detection), but so that running out of memory throws std::bad_alloc: the values go to a Pool of
// pool_bytes_for_parse() of the text (of which only the pages the values fill are ever touched),
// its strings are copied there too (the text is read, never copied whole: see ScratchStream in
// json_parser.cpp) and its stack throws. The values end up in a rapidjson::Document, the type
// valijson takes, whose own (null-returning) stack is never used.
struct EmbeddedDocument {
    explicit EmbeddedDocument(std::shared_ptr<Pool> values)
        : pool(std::move(values)), document(&pool->allocator()) {}

    std::shared_ptr<Pool> pool;  // before document, whose values (and strings) it holds
    rapidjson::Document document;
    rapidjson::ParseResult result;  // the parse's error code and offset, if any
};

// A member parse_embedded leaves out of the document: the object value of each member `name` of
// an object `depth` containers deep (the root is 1) stands there as an unsigned integer, its span
// in the text (deferred_span()), for the caller to parse when it needs it; a value of another
// type stays. The text must be shorter than 4 GiB (std::length_error otherwise).
struct Deferred {
    std::string_view name;
    std::size_t depth = 0;  // 0: nothing is deferred
};

// The text of a value Deferred left out, from the integer that stands for it.
inline std::string_view deferred_span(std::string_view text, std::uint64_t span)
{
    const std::size_t begin = static_cast<std::size_t>(span >> 32);
    const std::size_t end = static_cast<std::size_t>(span & 0xFFFFFFFFu);
    return text.substr(begin, end - begin);
}

// Throws std::bad_alloc when memory runs out.
EmbeddedDocument parse_embedded(std::string_view text);
// The same, but with the members `deferred` names left out (see Deferred).
EmbeddedDocument parse_embedded(std::string_view text, const Deferred& deferred);
// The same, into a pool shared with other documents (a schema set's files): it must have room
// for pool_bytes_for_parse() of every text parsed into it. One pool for many small texts keeps
// their values on consecutive pages.
EmbeddedDocument parse_embedded(std::string_view text, std::shared_ptr<Pool> pool);

// The value `pointer` (RFC 6901) names in `document`, or nullptr when there is none.
const rapidjson::Value* value_at(const rapidjson::Value& document, std::string_view pointer);

// The UTF-8 byte-order mark (EF BB BF). RFC 8259 §8.1 forbids sending one but lets parsers ignore
// it; editors hide it, so callers strip it before parsing and columns match what the editor shows.
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
bool starts_with_byte_order_mark(std::string_view text);

}  // namespace drslint::parse
