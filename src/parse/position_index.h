// Maps JSON Pointers to places in the source text: PositionIndex by a second SAX pass, only when a
// document has findings, and only for the pointers those findings name; DocumentSpans from the
// parsed document itself, without a second parse.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "drslint/finding.h"
#include "parse/json_parser.h"

namespace drslint::parse {

struct Span {
    std::size_t key_begin = 0;  // offset of the member's key, or npos for array items and the root
    std::size_t key_end = 0;
    std::size_t begin = 0;      // offset of the value's first byte
    std::size_t end = 0;        // offset one past the value's last byte
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
};

// Converts byte offsets to 1-based line and column, counting code points; "\r\n", "\n" and a lone
// "\r" each end a line.
class LineMap {
public:
    explicit LineMap(std::string_view text);
    // With what the caller knows already: whether `text` is all ASCII (ParseResult::ascii).
    LineMap(std::string_view text, bool ascii);
    Position position(std::size_t offset) const;
    // Line `number` (1-based) without its line break; empty past the last line. Source excerpts
    // use it so that a Finding's line and column index the very line they were counted on.
    std::string_view line(std::size_t number) const;

private:
    // Code points in text_ before every kBlock-th byte, so that position() counts at most kBlock
    // bytes: a one-line file with many findings must not cost a scan of the line per finding.
    static constexpr std::size_t kBlock = 256;
    std::size_t code_points_before(std::size_t offset) const;

    std::string_view text_;
    std::vector<std::size_t> line_starts_;
    std::vector<std::size_t> block_code_points_;  // empty when text_ is ASCII: a code point per byte
    bool ascii_ = true;
};

class PositionIndex {
public:
    // Indexes the spans of `wanted` pointers in `text`, which must be a document that parsed.
    // `every_occurrence`: also the second and later members of a repeated name (duplicate keys);
    // without it, the scan stops once each wanted pointer has its first span.
    PositionIndex(std::string_view text, const std::unordered_set<std::string>& wanted,
                  bool every_occurrence = true);

    // The span of the `occurrence`-th member with this pointer (0 = first; duplicates repeat a
    // pointer). nullptr when the pointer is not in the document.
    const Span* find(const std::string& pointer, std::size_t occurrence = 0) const;

private:
    std::unordered_map<std::string, std::vector<Span>> spans_;
};

// The same spans as PositionIndex, found from the document that parse_json() made of the text, so
// that a body's findings cost no second parse: an in-situ parse leaves every string and member
// name pointing into a copy of the text at its own offset, which places each member's key, and
// from there its value; an array's items are found by one scan of the array, the first time one
// of them is wanted (a string item needs none), and a container's end by one scan of it.
class DocumentSpans {
public:
    // `parsed` must be a parse of `text` that succeeded, and outlive this.
    DocumentSpans(std::string_view text, const ParseResult& parsed);

    // The span of the `occurrence`-th value at `pointer`, in document order (as PositionIndex).
    // Without `with_end`, span.end is only begin + 1 (a container's end costs a scan of it).
    bool find(std::string_view pointer, std::size_t occurrence, Span& span, bool with_end = true);
    // The span of `value`, a value of the document, whose member name is `key` (null for the root
    // or an item), without a walk: false where that does not place it (an item that is no string),
    // and find() must.
    bool find(const rapidjson::Value& value, const rapidjson::Value* key, Span& span, bool with_end = true) const;

private:
    std::size_t offset_of(const char* string) const;  // npos when it is not in the buffer
    std::size_t value_end(std::size_t begin) const;
    std::size_t end_of(const rapidjson::Value& value, std::size_t begin) const;  // value starts at begin
    std::size_t item_begin(const rapidjson::Value& array, std::size_t array_begin, rapidjson::SizeType index);

    std::string_view text_;
    const char* base_;
    const rapidjson::Value& root_;
    // The offsets of the items of arrays scanned so far.
    std::unordered_map<const rapidjson::Value*, std::vector<std::size_t>> items_;
    // find()'s objects being searched (kept, so that a body's finds allocate it once).
    struct Frame {
        const rapidjson::Value* object;
        std::size_t token_end;  // where the pointer goes on after the token
        std::string_view token;
        bool escaped;              // the token holds a '~'
        rapidjson::SizeType next;  // the member to try next
    };
    std::vector<Frame> frames_;
};

}  // namespace drslint::parse
