#include "parse/json_parser.h"

#include <algorithm>
#include <unordered_map>

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include "parse/pointer.h"

namespace drslint::parse {
namespace {

constexpr unsigned kParseFlags =
    rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;

// Forwards SAX events to the Document and stops the parse when nesting gets too deep, before the
// DOM (and every later walk over it) can grow past the limit.
class DepthLimitedHandler {
public:
    DepthLimitedHandler(rapidjson::Document& document, std::size_t max_depth)
        : document_(document), max_depth_(max_depth) {}

    bool Null() { return document_.Null(); }
    bool Bool(bool b) { return document_.Bool(b); }
    bool Int(int i) { return document_.Int(i); }
    bool Uint(unsigned u) { return document_.Uint(u); }
    bool Int64(int64_t i) { return document_.Int64(i); }
    bool Uint64(uint64_t u) { return document_.Uint64(u); }
    bool Double(double d) { return document_.Double(d); }
    bool RawNumber(const char* s, rapidjson::SizeType n, bool copy) { return document_.RawNumber(s, n, copy); }
    bool String(const char* s, rapidjson::SizeType n, bool copy) { return document_.String(s, n, copy); }
    bool Key(const char* s, rapidjson::SizeType n, bool copy) { return document_.Key(s, n, copy); }
    bool StartObject() { return enter() && document_.StartObject(); }
    bool EndObject(rapidjson::SizeType n) { --depth_; return document_.EndObject(n); }
    bool StartArray() { return enter() && document_.StartArray(); }
    bool EndArray(rapidjson::SizeType n) { --depth_; return document_.EndArray(n); }

    bool too_deep() const { return too_deep_; }

private:
    bool enter()
    {
        if (++depth_ > max_depth_) {
            too_deep_ = true;
            return false;
        }
        return true;
    }

    rapidjson::Document& document_;
    std::size_t max_depth_;
    std::size_t depth_ = 0;
    bool too_deep_ = false;
};

// Depth is bounded by the parse limit, so this recursion is bounded too.
void find_duplicates(const rapidjson::Value& value, std::string& pointer, std::vector<DuplicateKey>& out)
{
    if (value.IsArray()) {
        std::size_t index = 0;
        for (const auto& item : value.GetArray()) {
            PointerScope scope(pointer, index++);
            find_duplicates(item, pointer, out);
        }
        return;
    }
    if (!value.IsObject()) {
        return;
    }
    const auto count = value.MemberCount();
    if (count > 1) {
        std::vector<std::string_view> names;
        names.reserve(count);
        for (const auto& member : value.GetObject()) {
            names.emplace_back(member.name.GetString(), member.name.GetStringLength());
        }
        std::vector<std::string_view> sorted = names;
        std::sort(sorted.begin(), sorted.end());
        if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
            // Report every repeat after the first occurrence, in document order.
            std::unordered_map<std::string_view, std::size_t> seen;
            for (const auto& name : names) {
                const std::size_t occurrence = seen[name]++;
                if (occurrence > 0) {
                    std::string member_pointer = pointer;
                    append_pointer_token(member_pointer, name);
                    out.push_back({std::move(member_pointer), occurrence});
                }
            }
        }
    }
    for (const auto& member : value.GetObject()) {
        PointerScope scope(pointer, std::string_view(member.name.GetString(), member.name.GetStringLength()));
        find_duplicates(member.value, pointer, out);
    }
}

}  // namespace

ParseResult parse_json(std::string_view text, const ParseLimits& limits)
{
    ParseResult result;
    rapidjson::MemoryStream stream(text.data(), text.size());
    rapidjson::Reader reader;
    DepthLimitedHandler handler(result.document, limits.max_depth);
    bool parsed = false;
    auto generate = [&](rapidjson::Document& document) {
        (void)document;
        parsed = !reader.Parse<kParseFlags>(stream, handler).IsError();
        return parsed;
    };
    result.document.Populate(generate);
    if (!parsed) {
        result.error.offset = reader.GetErrorOffset();
        if (handler.too_deep()) {
            result.error.kind = ParseErrorKind::too_deep;
            result.error.reason = "nesting is deeper than " + std::to_string(limits.max_depth) + " levels";
        } else {
            result.error.kind = ParseErrorKind::syntax;
            result.error.reason = rapidjson::GetParseError_En(reader.GetParseErrorCode());
        }
        result.document.SetNull();
        return result;
    }
    result.ok = true;
    std::string pointer;
    find_duplicates(result.document, pointer, result.duplicates);
    return result;
}

}  // namespace drslint::parse
