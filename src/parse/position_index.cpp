#include "parse/position_index.h"

#include "core/text.h"

#include <algorithm>
#include <map>

#include <rapidjson/reader.h>

#include "core/pointer.h"
#include "parse/json_parser.h"

namespace drslint::parse {

namespace {

}  // namespace

LineMap::LineMap(std::string_view text) : text_(text)
{
    line_starts_.push_back(0);
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
