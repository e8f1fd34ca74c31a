#include "parse/position_index.h"

#include "core/text.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>

#include <rapidjson/reader.h>

#include "core/pointer.h"
#include "parse/json_parser.h"

namespace drslint::parse {

namespace {

}  // namespace

namespace {

}  // namespace

LineMap::LineMap(std::string_view text) : LineMap(text, core::all_ascii(text)) {}

LineMap::LineMap(std::string_view text, bool ascii) : text_(text), ascii_(ascii)
{
    line_starts_.push_back(0);
    if (ascii_) {
        // A code point per byte: only the line breaks are needed, found with memchr, and "\r"
        // looked for only in a text that has one.
        const bool has_cr = !text.empty() && std::memchr(text.data(), '\r', text.size()) != nullptr;  // data() may be null
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (!has_cr) {
                const void* lf = std::memchr(text.data() + i, '\n', text.size() - i);
                if (lf == nullptr) break;
                i = static_cast<std::size_t>(static_cast<const char*>(lf) - text.data());
                line_starts_.push_back(i + 1);
            } else if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
                line_starts_.push_back(i + 1);
            }
        }
        return;
    }
    block_code_points_.reserve(text.size() / kBlock + 2);
    // A block at a time, in loops simple enough to vectorise: the code points of each block, and
    // only then, where a block has one, its line breaks (a JSON Lines body has none).
    std::size_t code_points = 0;
    for (std::size_t begin = 0; begin < text.size(); begin += kBlock) {
        block_code_points_.push_back(code_points);
        const std::size_t end = std::min(text.size(), begin + kBlock);
        std::size_t in_block = 0, breaks = 0;
        for (std::size_t i = begin; i < end; ++i) {
            const auto c = static_cast<unsigned char>(text[i]);
            in_block += (c & 0xC0) != 0x80;
            breaks += c == '\n' || c == '\r';
        }
        code_points += in_block;
        if (breaks == 0) continue;
        for (std::size_t i = begin; i < end; ++i) {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
                line_starts_.push_back(i + 1);
            }
        }
    }
    if (text.size() % kBlock == 0) {
        block_code_points_.push_back(code_points);  // so that the end of the text has its block too
    }
}

std::size_t LineMap::code_points_before(std::size_t offset) const
{
    if (ascii_) return offset;
    const std::size_t block = offset / kBlock;
    std::size_t code_points = block_code_points_[block];
    for (std::size_t i = block * kBlock; i < offset; ++i) {
        code_points += core::starts_code_point(text_[i]);
    }
    return code_points;
}

Position LineMap::position(std::size_t offset) const
{
    if (offset > text_.size()) {
        offset = text_.size();
    }
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    const std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());
    const std::size_t start = line_starts_[line - 1];
    return {line, 1 + code_points_before(offset) - code_points_before(start)};
}

std::string_view LineMap::line(std::size_t number) const
{
    if (number == 0 || number > line_starts_.size()) {
        return {};
    }
    const std::size_t start = line_starts_[number - 1];
    std::size_t end = number < line_starts_.size() ? line_starts_[number] : text_.size();
    if (end > start && text_[end - 1] == '\n') --end;
    if (end > start && text_[end - 1] == '\r') --end;
    return text_.substr(start, end - start);
}

namespace {

// In situ, in a copy (strings decoded where they are, not pushed onto the reader's stack), and
// numbers as they are written (not converted): the scan only needs where things are.
constexpr unsigned kParseFlags =
    rapidjson::kParseIterativeFlag | rapidjson::kParseInsituFlag | rapidjson::kParseNumbersAsStringsFlag;

// The wanted pointers as a tree of unescaped tokens. The recorder follows only the paths that lead
// to a wanted pointer: a value elsewhere costs O(1), however long its pointer would be, so a
// document with many values under long member names is indexed in linear time.
class PointerTree {
public:
    static constexpr std::size_t none = static_cast<std::size_t>(-1);

    explicit PointerTree(const std::unordered_set<std::string>& pointers)
    {
        nodes_.emplace_back();  // the root, pointer ""
        std::vector<std::string> tokens;
        for (const auto& pointer : pointers) {
            if (!core::split_pointer(pointer, tokens)) {
                continue;  // names nothing in any document
            }
            std::size_t node = 0;
            for (auto& token : tokens) {
                const auto [it, added] = nodes_[node].children.try_emplace(std::move(token), nodes_.size());
                node = it->second;
                if (added) {
                    nodes_.emplace_back();
                }
            }
            if (nodes_[node].pointer == nullptr) ++wanted_;
            nodes_[node].pointer = &pointer;
        }
    }

    std::size_t child(std::size_t node, std::string_view token) const
    {
        if (node == none) {
            return none;
        }
        const auto& children = nodes_[node].children;
        const auto it = children.find(token);
        return it == children.end() ? none : it->second;
    }

    // The wanted pointer that ends at `node`, or nullptr.
    const std::string* pointer(std::size_t node) const { return node == none ? nullptr : nodes_[node].pointer; }
    // How many places are wanted.
    std::size_t wanted() const { return wanted_; }

private:
    struct Node {
        std::map<std::string, std::size_t, std::less<>> children;
        const std::string* pointer = nullptr;
    };
    std::vector<Node> nodes_;
    std::size_t wanted_ = 0;
};

// Follows the wanted pointers while RapidJSON reads the text, and records the spans they name.
// RapidJSON's in-situ stream, without its copy optimisation: with it, the reader advances a local
// copy of the stream and writes it back only after the handler ran, so Tell() in a handler would
// still be at the start of the token (the spans were one token behind).
struct InsituStream : rapidjson::InsituStringStream {
    using rapidjson::InsituStringStream::InsituStringStream;
};

// With `every_occurrence` false, it stops the parse once each wanted place has a span: the rest
// of the text can hold no place wanted (only a repeated member name could repeat one).
class SpanRecorder {
public:
    SpanRecorder(std::string_view text, InsituStream& stream, const PointerTree& tree,
                 std::unordered_map<std::string, std::vector<Span>>& out, bool every_occurrence)
        : text_(text), stream_(stream), tree_(tree), out_(out), every_occurrence_(every_occurrence) {}

    bool Null() { return scalar(); }
    bool Bool(bool) { return scalar(); }
    bool Int(int) { return scalar(); }
    bool Uint(unsigned) { return scalar(); }
    bool Int64(int64_t) { return scalar(); }
    bool Uint64(uint64_t) { return scalar(); }
    bool Double(double) { return scalar(); }
    bool RawNumber(const char*, rapidjson::SizeType, bool) { return scalar(); }
    bool String(const char*, rapidjson::SizeType, bool) { return scalar(); }

    bool Key(const char* s, rapidjson::SizeType n, bool)
    {
        Frame& frame = frames_.back();
        frame.key_node = tree_.child(frame.node, std::string_view(s, n));
        if (frame.key_node != PointerTree::none) {
            frame.key_begin = token_begin();
            frame.key_end = stream_.Tell();
        }
        last_end_ = stream_.Tell();
        return true;
    }

    bool StartObject() { return open(true); }
    bool StartArray() { return open(false); }
    bool EndObject(rapidjson::SizeType) { return close(); }
    bool EndArray(rapidjson::SizeType) { return close(); }

private:
    struct Frame {
        bool object = false;
        std::size_t node = PointerTree::none;      // the container's place in the tree
        std::size_t next_index = 0;
        std::size_t key_node = PointerTree::none;  // the place of the member whose key was just read
        std::size_t key_begin = Span::npos;
        std::size_t key_end = Span::npos;
        Span span;  // the container's own span, finished on close
    };

    std::size_t token_begin() const
    {
        std::size_t i = last_end_;
        while (i < text_.size() && (text_[i] == ' ' || text_[i] == '\t' || text_[i] == '\n' ||
                                    text_[i] == '\r' || text_[i] == ',' || text_[i] == ':')) {
            ++i;
        }
        return i;
    }

    // The tree node of the value about to start (none when no wanted pointer lies at or below
    // it), and its key span.
    std::size_t descend(Span& span)
    {
        span.key_begin = span.key_end = Span::npos;
        if (frames_.empty()) {
            return 0;
        }
        Frame& parent = frames_.back();
        if (parent.object) {
            span.key_begin = parent.key_begin;
            span.key_end = parent.key_end;
            return parent.key_node;
        }
        const std::size_t index = parent.next_index++;
        return parent.node == PointerTree::none ? PointerTree::none : tree_.child(parent.node, std::to_string(index));
    }

    // False once every wanted place is found and no later one is needed: that stops the parse.
    bool record(std::size_t node, const Span& span)
    {
        if (const std::string* pointer = tree_.pointer(node)) {
            auto& spans = out_[*pointer];
            found_ += spans.empty();
            spans.push_back(span);
        }
        return every_occurrence_ || found_ < tree_.wanted();
    }

    bool scalar()
    {
        Span span;
        const std::size_t node = descend(span);
        if (node != PointerTree::none) {
            span.begin = token_begin();
            span.end = stream_.Tell();
            if (!record(node, span)) return false;
        }
        last_end_ = stream_.Tell();
        return true;
    }

    bool open(bool object)
    {
        Frame frame;
        frame.object = object;
        frame.node = descend(frame.span);
        frame.span.begin = token_begin();
        // The iterative parser reports the start of a container before it consumes the bracket:
        // without this, the first key of an object would be found to begin at its '{'.
        last_end_ = std::min(frame.span.begin + 1, text_.size());
        frames_.push_back(frame);
        return true;
    }

    bool close()
    {
        Frame& frame = frames_.back();
        // The iterative parser reports the end of a container before it consumes the bracket.
        std::size_t end = stream_.Tell();
        while (end < text_.size() && text_[end] != '}' && text_[end] != ']') {
            ++end;
        }
        frame.span.end = std::min(end + 1, text_.size());
        last_end_ = frame.span.end;
        const bool more = record(frame.node, frame.span);
        frames_.pop_back();
        return more;
    }

    std::string_view text_;
    InsituStream& stream_;
    const PointerTree& tree_;
    std::unordered_map<std::string, std::vector<Span>>& out_;
    const bool every_occurrence_;
    std::size_t found_ = 0;  // wanted places with a span
    std::vector<Frame> frames_;
    std::size_t last_end_ = 0;
};

}  // namespace

PositionIndex::PositionIndex(std::string_view text, const std::unordered_set<std::string>& wanted,
                             bool every_occurrence)
{
    const PointerTree tree(wanted);
    if (tree.wanted() == 0) return;
    // A copy to parse in: a document that parsed has no NUL byte, so its end is the copy's end.
    std::string copy(text);
    InsituStream stream(copy.data());
    SpanRecorder recorder(text, stream, tree, spans_, every_occurrence);
    rapidjson::GenericReader<rapidjson::UTF8<>, rapidjson::UTF8<>, ThrowingAllocator> reader;  // see json_parser.h
    reader.Parse<kParseFlags>(stream, recorder);
}

const Span* PositionIndex::find(const std::string& pointer, std::size_t occurrence) const
{
    auto it = spans_.find(pointer);
    if (it == spans_.end() || occurrence >= it->second.size()) {
        return nullptr;
    }
    return &it->second[occurrence];
}

}  // namespace drslint::parse

namespace drslint::parse {

namespace {

constexpr std::size_t npos = Span::npos;

bool is_separator(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':'; }

// The first byte at or after `i` that is no white space, ',' or ':' (what PositionIndex's
// token_begin skips between one token and the next).
std::size_t skip_separators(std::string_view text, std::size_t i)
{
    while (i < text.size() && is_separator(text[i])) ++i;
    return i;
}

// One past the closing quote of the string whose opening quote is at `i`.
std::size_t string_end(std::string_view text, std::size_t i)
{
    for (++i; i < text.size(); ++i) {
        if (text[i] == '\\') {
            ++i;
        } else if (text[i] == '"') {
            return i + 1;
        }
    }
    return text.size();
}

// Whether the pointer token `raw` (escaped, `escaped` when it holds a '~') names `name`.
bool same_name(std::string_view raw, bool escaped, const rapidjson::Value& name)
{
    const char* s = name.GetString();
    const std::size_t n = name.GetStringLength();
    if (!escaped) return raw.size() == n && std::equal(raw.begin(), raw.end(), s);
    std::size_t j = 0;
    for (std::size_t i = 0; i < raw.size(); ++i, ++j) {
        char c = raw[i];
        if (c == '~') c = raw[++i] == '0' ? '~' : '/';  // the pointer was checked well-formed
        if (j >= n || s[j] != c) return false;
    }
    return j == n;
}

}  // namespace

DocumentSpans::DocumentSpans(std::string_view text, const ParseResult& parsed)
    : text_(text), base_(parsed.buffer.data()), root_(parsed.document)
{
}

std::size_t DocumentSpans::offset_of(const char* string) const
{
    // Strings of an in-situ parse start after their opening quote, so never at offset 0.
    if (string <= base_ || string > base_ + text_.size()) return npos;
    return static_cast<std::size_t>(string - base_);
}

std::size_t DocumentSpans::value_end(std::size_t begin) const
{
    if (begin >= text_.size()) return text_.size();
    const char c = text_[begin];
    if (c == '"') return string_end(text_, begin);
    if (c == '{' || c == '[') {
        std::size_t depth = 0;
        for (std::size_t i = begin; i < text_.size(); ++i) {
            const char d = text_[i];
            if (d == '"') {
                i = string_end(text_, i) - 1;
            } else if (d == '{' || d == '[') {
                ++depth;
            } else if ((d == '}' || d == ']') && --depth == 0) {
                return i + 1;
            }
        }
        return text_.size();
    }
    // A number or a literal: in JSON that parsed, white space, ',', ']' or '}' ends it.
    std::size_t i = begin;
    while (i < text_.size() && !is_separator(text_[i]) && text_[i] != ']' && text_[i] != '}') ++i;
    return i;
}

std::size_t DocumentSpans::end_of(const rapidjson::Value& value, std::size_t begin) const
{
    // A container ends one past the bracket that follows its last value (only white space lies
    // between them), so its end is found by following last members and items down to a value
    // whose end is known, without scanning what lies before them; where an item's beginning is not
    // in the document (a number last in an array), by the scan.
    std::size_t levels = 0;  // containers whose closing bracket follows
    const rapidjson::Value* at = &value;
    std::size_t at_begin = begin;
    for (;;) {
        if (at->IsObject() && at->MemberCount() > 0) {
            const auto& last = at->MemberBegin()[at->MemberCount() - 1];
            const std::size_t key = offset_of(last.name.GetString());
            if (key == npos) return value_end(begin);
            at_begin = skip_separators(text_, string_end(text_, key - 1));
            at = &last.value;
        } else if (at->IsArray() && at->Size() > 0) {
            const rapidjson::Value& last = (*at)[at->Size() - 1];
            if (last.IsString()) {
                const std::size_t string = offset_of(last.GetString());
                if (string == npos) return value_end(begin);
                at_begin = string - 1;
            } else if (!((last.IsObject() && last.MemberCount() > 0) || (last.IsArray() && last.Size() > 0))) {
                return value_end(begin);
            } else {
                at_begin = npos;  // not needed: its end comes from its own last value
            }
            at = &last;
        } else {
            break;
        }
        ++levels;
    }
    if (at_begin == npos) return value_end(begin);
    std::size_t end = value_end(at_begin);
    for (; levels > 0; --levels) {
        while (end < text_.size() && (text_[end] == ' ' || text_[end] == '\t' || text_[end] == '\n' || text_[end] == '\r')) {
            ++end;
        }
        if (end >= text_.size() || (text_[end] != '}' && text_[end] != ']')) return value_end(begin);
        ++end;
    }
    return end;
}

std::size_t DocumentSpans::item_begin(const rapidjson::Value& array, std::size_t array_begin,
                                      rapidjson::SizeType index)
{
    const rapidjson::Value& item = array[index];
    if (item.IsString()) {
        if (const std::size_t at = offset_of(item.GetString()); at != npos) return at - 1;
    }
    const auto [it, added] = items_.try_emplace(&array);
    std::vector<std::size_t>& begins = it->second;
    if (added) {
        // Once per array: each item starts where the separators after the one before it end.
        begins.reserve(array.Size());
        std::size_t i = array_begin + 1;
        for (rapidjson::SizeType k = 0; k < array.Size(); ++k) {
            i = skip_separators(text_, i);
            begins.push_back(i);
            i = value_end(i);
        }
    }
    return index < begins.size() ? begins[index] : npos;
}

bool DocumentSpans::find(const rapidjson::Value& value, const rapidjson::Value* key, Span& span, bool with_end) const
{
    span.key_begin = span.key_end = npos;
    if (key != nullptr) {
        const std::size_t name = offset_of(key->GetString());
        if (name == npos) return false;
        span.key_begin = name - 1;
        span.key_end = string_end(text_, span.key_begin);
    }
    if (value.IsString()) {
        const std::size_t string = offset_of(value.GetString());
        if (string == npos) return false;
        span.begin = string - 1;
    } else if (key != nullptr) {
        span.begin = skip_separators(text_, span.key_end);
    } else if (&value == &root_) {
        span.begin = skip_separators(text_, 0);
    } else {
        return false;
    }
    if (span.begin >= text_.size()) return false;
    span.end = with_end ? end_of(value, span.begin) : span.begin + 1;
    return true;
}

bool DocumentSpans::find(std::string_view pointer, std::size_t occurrence, Span& span, bool with_end)
{
    // As core::split_pointer: a malformed pointer names nothing.
    if (!pointer.empty() && pointer.front() != '/') return false;
    if (!core::escapes_well_formed(pointer)) return false;
    // Where the walk stands: a value, and how it was reached (a member's name, or an array's item).
    struct Place {
        const rapidjson::Value* value;
        const rapidjson::Value* key;
        const rapidjson::Value* array;
        std::size_t array_begin;
        rapidjson::SizeType index;
    };
    auto key_span = [&](const Place& at, std::size_t& begin, std::size_t& end) {
        begin = offset_of(at.key->GetString());
        if (begin == npos) return false;
        begin -= 1;
        end = string_end(text_, begin);
        return true;
    };
    auto begin_of = [&](const Place& at) -> std::size_t {
        if (at.value->IsString()) {
            if (const std::size_t o = offset_of(at.value->GetString()); o != npos) return o - 1;
        }
        if (at.key != nullptr) {
            std::size_t key_begin = 0, key_end = 0;
            return key_span(at, key_begin, key_end) ? skip_separators(text_, key_end) : npos;
        }
        if (at.array != nullptr) return item_begin(*at.array, at.array_begin, at.index);
        return skip_separators(text_, 0);
    };
    // Objects whose members are being tried for a token, innermost last: with repeated member
    // names, several places can have one pointer, and they are counted in document order.
    frames_.clear();
    // Reserved at the first walk (most findings are placed without one): more only for pointers
    // deeper than real bodies are.
    if (frames_.capacity() == 0) frames_.reserve(16);
    Place at{&root_, nullptr, nullptr, 0, 0};
    std::size_t pos = 0;  // where the rest of the pointer starts
    for (;;) {
        if (pos == pointer.size()) {
            if (occurrence == 0) {
                span.key_begin = span.key_end = npos;
                if (at.key != nullptr && !key_span(at, span.key_begin, span.key_end)) return false;
                span.begin = at.key != nullptr && !at.value->IsString() ? skip_separators(text_, span.key_end)
                                                                        : begin_of(at);
                if (span.begin == npos || span.begin >= text_.size()) return false;
                span.end = with_end ? end_of(*at.value, span.begin) : span.begin + 1;
                return true;
            }
            --occurrence;
        } else {
            const std::size_t start = pos + 1;
            const std::size_t end = std::min(pointer.find('/', start), pointer.size());
            const std::string_view token = pointer.substr(start, end - start);
            if (at.value->IsObject()) {
                frames_.push_back({at.value, end, token, token.find('~') != std::string_view::npos, 0});
            } else if (at.value->IsArray()) {
                const auto index = core::array_index(token);
                if (index && *index < at.value->Size()) {
                    const std::size_t begin = begin_of(at);
                    if (begin == npos) return false;
                    const auto i = static_cast<rapidjson::SizeType>(*index);
                    at = {&(*at.value)[i], nullptr, at.value, begin, i};
                    pos = end;
                    continue;
                }
            }
        }
        // The next member that matches the innermost object's token, or out to the object before.
        bool moved = false;
        while (!frames_.empty() && !moved) {
            Frame& frame = frames_.back();
            const auto members = frame.object->MemberBegin();
            const rapidjson::SizeType count = frame.object->MemberCount();
            while (frame.next < count && !same_name(frame.token, frame.escaped, members[frame.next].name)) ++frame.next;
            if (frame.next < count) {
                const auto& member = members[frame.next++];
                at = {&member.value, &member.name, nullptr, 0, 0};
                pos = frame.token_end;
                moved = true;
            } else {
                frames_.pop_back();
            }
        }
        if (!moved) return false;
    }
}

}  // namespace drslint::parse
