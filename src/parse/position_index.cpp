#include "parse/position_index.h"

#include <algorithm>

#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include "parse/pointer.h"

namespace drslint::parse {

LineMap::LineMap(std::string_view text) : text_(text)
{
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
            line_starts_.push_back(i + 1);
        }
    }
}

Position LineMap::position(std::size_t offset) const
{
    if (offset > text_.size()) {
        offset = text_.size();
    }
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    const std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());
    const std::size_t start = line_starts_[line - 1];
    std::size_t column = 1;
    for (std::size_t i = start; i < offset; ++i) {
        // Count every byte that is not a UTF-8 continuation byte: one per code point.
        if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) {
            ++column;
        }
    }
    return {line, column};
}

namespace {

constexpr unsigned kParseFlags = rapidjson::kParseIterativeFlag;

// Rebuilds pointers while RapidJSON reads the text, and records the spans of wanted ones.
class SpanRecorder {
public:
    SpanRecorder(std::string_view text, rapidjson::MemoryStream& stream,
                 const std::unordered_set<std::string>& wanted,
                 std::unordered_map<std::string, std::vector<Span>>& out)
        : text_(text), stream_(stream), wanted_(wanted), out_(out) {}

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
        frame.key_begin = token_begin();
        frame.key_end = stream_.Tell();
        last_end_ = frame.key_end;
        frame.key.assign(s, n);
        return true;
    }

    bool StartObject() { return open(true); }
    bool StartArray() { return open(false); }
    bool EndObject(rapidjson::SizeType) { return close(); }
    bool EndArray(rapidjson::SizeType) { return close(); }

private:
    struct Frame {
        bool object = false;
        std::size_t pointer_size = 0;  // pointer_ length of the container itself
        std::size_t next_index = 0;
        std::string key;
        std::size_t key_begin = Span::npos;
        std::size_t key_end = Span::npos;
        Span span;  // the container's own span, finished on close
        bool wanted = false;
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

    // Extends pointer_ with the token of the value about to start, and returns its key span.
    void descend(Span& span)
    {
        span.key_begin = span.key_end = Span::npos;
        if (frames_.empty()) {
            return;
        }
        Frame& parent = frames_.back();
        pointer_.resize(parent.pointer_size);
        if (parent.object) {
            append_pointer_token(pointer_, parent.key);
            span.key_begin = parent.key_begin;
            span.key_end = parent.key_end;
        } else {
            append_pointer_index(pointer_, parent.next_index++);
        }
    }

    void record(const Span& span)
    {
        if (wanted_.count(pointer_) != 0) {
            out_[pointer_].push_back(span);
        }
    }

    bool scalar()
    {
        Span span;
        descend(span);
        span.begin = token_begin();
        span.end = stream_.Tell();
        last_end_ = span.end;
        record(span);
        return true;
    }

    bool open(bool object)
    {
        Span span;
        descend(span);
        span.begin = token_begin();
        last_end_ = stream_.Tell();
        Frame frame;
        frame.object = object;
        frame.pointer_size = pointer_.size();
        frame.span = span;
        frame.wanted = wanted_.count(pointer_) != 0;
        frames_.push_back(std::move(frame));
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
        pointer_.resize(frame.pointer_size);
        if (frame.wanted) {
            out_[pointer_].push_back(frame.span);
        }
        frames_.pop_back();
        return true;
    }

    std::string_view text_;
    rapidjson::MemoryStream& stream_;
    const std::unordered_set<std::string>& wanted_;
    std::unordered_map<std::string, std::vector<Span>>& out_;
    std::vector<Frame> frames_;
    std::string pointer_;
    std::size_t last_end_ = 0;
};

}  // namespace

PositionIndex::PositionIndex(std::string_view text, const std::unordered_set<std::string>& wanted)
{
    rapidjson::MemoryStream stream(text.data(), text.size());
    SpanRecorder recorder(text, stream, wanted, spans_);
    rapidjson::Reader reader;
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
