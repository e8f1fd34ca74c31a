#include "format/json_finding.h"

#include <cstdint>
#include <cstring>
#include <stdexcept>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace drslint::formatting {

namespace {

// Whether a byte is written escaped: a control character, '"' or '\\' (RapidJSON's escape table
// for UTF-8 out).
bool escaped(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

// Whether any of the eight bytes in `word` may be escaped(), by the bit tricks for "a byte less
// than n" and "a zero byte" (after XOR with the byte looked for); exact for whether one is.
bool may_hold_escaped(std::uint64_t word)
{
    constexpr std::uint64_t kOnes = 0x0101010101010101ull;
    constexpr std::uint64_t kHighs = 0x8080808080808080ull;
    auto has_less = [](std::uint64_t v, std::uint64_t n) { return (v - kOnes * n) & ~v & kHighs; };
    return (has_less(word, 0x20) | has_less(word ^ (kOnes * '"'), 1) | has_less(word ^ (kOnes * '\\'), 1)) != 0;
}

#if defined(__SSE2__)
// Of the 16 bytes at `s`, a bit for each that is escaped().
unsigned escaped_bits(const char* s)
{
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s));
    // Bytes at or above 0x20, unsigned (max(b, 0x20) == b), that are neither '"' nor '\\'.
    const __m128i at_least_space = _mm_cmpeq_epi8(_mm_max_epu8(bytes, _mm_set1_epi8(0x20)), bytes);
    const __m128i special =
        _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\')));
    const __m128i plain = _mm_andnot_si128(special, at_least_space);
    return ~static_cast<unsigned>(_mm_movemask_epi8(plain)) & 0xFFFFu;
}
#endif

// The first byte at or after `i` that is escaped(), or `length`: sixteen bytes at a time where
// SSE2 is (every x86-64), else eight; a tail is looked at as the last 16 (or 8) bytes, which
// overlap bytes already known to need no escape. Loads stay inside [s, s + length).
std::size_t next_escaped(const char* s, std::size_t i, std::size_t length)
{
#if defined(__SSE2__)
    if (length >= 16) {
        for (; i + 16 <= length; i += 16) {
            if (const unsigned bits = escaped_bits(s + i); bits != 0) return i + static_cast<std::size_t>(__builtin_ctz(bits));
        }
        if (i == length) return length;
        const std::size_t from = length - 16;  // from < i: bytes [from, i) were plain
        const unsigned bits = escaped_bits(s + from) >> (i - from);
        return bits != 0 ? i + static_cast<std::size_t>(__builtin_ctz(bits)) : length;
    }
#endif
    for (; i + 8 <= length; i += 8) {
        std::uint64_t word;
        std::memcpy(&word, s + i, sizeof word);
        if (may_hold_escaped(word)) break;
    }
    if (i < length && length >= 8 && i + 8 > length) {  // a tail after plain words: the last eight
        std::uint64_t word;
        std::memcpy(&word, s + length - 8, sizeof word);
        if (!may_hold_escaped(word)) return length;
    }
    while (i < length && !escaped(static_cast<unsigned char>(s[i]))) ++i;
    return i;
}

}  // namespace

void JsonWriter::write_quoted(const char* s, std::size_t length)
{
    JsonStream& out = *os_;
    static constexpr char kHex[] = "0123456789ABCDEF";
    out.Put('"');
    for (std::size_t run = 0;;) {  // run: the first byte not yet written
        const std::size_t i = next_escaped(s, run, length);
        out.append(s + run, i - run);
        if (i == length) break;
        const auto c = static_cast<unsigned char>(s[i]);
        run = i + 1;
        out.Put('\\');
        switch (c) {
        case '"': out.Put('"'); break;
        case '\\': out.Put('\\'); break;
        case '\b': out.Put('b'); break;
        case '\t': out.Put('t'); break;
        case '\n': out.Put('n'); break;
        case '\f': out.Put('f'); break;
        case '\r': out.Put('r'); break;
        default:  // RapidJSON's other control characters: \u00XX, upper-case hex
            out.Put('u');
            out.Put('0');
            out.Put('0');
            out.Put(kHex[c >> 4]);
            out.Put(kHex[c & 0xF]);
        }
    }
    out.Put('"');
}

bool JsonWriter::String(const char* s, rapidjson::SizeType length, bool)
{
    Prefix(rapidjson::kStringType);
    write_quoted(s, length);
    return EndValue(true);
}

void JsonWriter::write_uint(std::uint64_t value)
{
    char digits[24];
    const char* end = rapidjson::internal::u64toa(value, digits);
    os_->append(digits, static_cast<std::size_t>(end - digits));
}

void JsonWriter::uint_members(std::initializer_list<UintMember> members)
{
    // Per member: a ',', the quoted key, ':', and at most 20 digits.
    constexpr std::size_t kMaxKey = 32, kMaxMembers = 8;
    char buffer[kMaxMembers * (kMaxKey + 24)];
    std::size_t n = 0;
    Level* level = level_stack_.template Top<Level>();
    for (const UintMember& m : members) {
        if (m.key.size() > kMaxKey) throw std::logic_error("JsonWriter::uint_members: a key over 32 bytes");
        if (n + m.key.size() + 24 > sizeof buffer) {  // past what the callers write: the rest after
            os_->append(buffer, n);
            n = 0;
        }
        if (level->valueCount > 0) buffer[n++] = ',';
        level->valueCount += 2;
        buffer[n++] = '"';
        std::memcpy(buffer + n, m.key.data(), m.key.size());
        n += m.key.size();
        buffer[n++] = '"';
        buffer[n++] = ':';
        n = static_cast<std::size_t>(rapidjson::internal::u64toa(m.value, buffer + n) - buffer);
    }
    os_->append(buffer, n);
}

namespace {

void string(JsonWriter& w, const std::string& s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

// "line", "column", "endLine", "endColumn": a finding's span and an edit's, written alike.
void span(JsonWriter& w, const Position& begin, const Position& end)
{
    w.uint_members({{"line", begin.line}, {"column", begin.column}, {"endLine", end.line}, {"endColumn", end.column}});
}

}  // namespace

using format::FileResult;
using format::Summary;

void write_json_finding_members(JsonWriter& w, const Finding& f)
{
    w.member("rule", f.rule);
    w.member("severity", to_string(f.severity));
    w.member("pointer", f.pointer);
    w.member("message", f.message);
    if (f.begin.line != 0) span(w, f.begin, f.end);
    if (!f.expected.empty()) w.member("expected", f.expected);
    if (!f.suggestion.empty()) w.member("suggestion", f.suggestion);
    if (f.fix) {
        w.Key("fix");
        w.StartObject();
        w.member("applicability", to_string(f.fix->applicability));
        w.member("kind", f.fix->kind);
        w.member("message", f.fix->message);
        w.Key("edits");
        w.StartArray();
        for (const auto& edit : f.fix->edits) {
            w.StartObject();
            w.member("offset", edit.offset);
            w.member("length", edit.length);
            w.member("replacement", edit.replacement);
            span(w, edit.begin, edit.end);
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
    }
}

void write_json_summary(JsonWriter& w, const Summary& s)
{
    w.StartObject();
    w.uint_members({{"files", s.files},
                    {"errors", s.errors},
                    {"warnings", s.warnings},
                    {"infos", s.infos},
                    {"suppressed", s.suppressed},
                    {"unchecked", s.unchecked}});
    w.EndObject();
}

// One line per finding, each a JSON document of its own: {"version": 1, "file": ..., and the
// finding's members as in the JSON format}; the last line is {"version": 1, "summary": {...}}.
// One writer for every line (Reset between documents): a writer's first key allocates its stack.
void write_jsonl_findings(JsonWriter& w, JsonStream& stream, const FileResult& result)
{
    if (!result.checked()) {  // an input that could not be read: one line that says so
        w.Reset(stream);
        w.StartObject();
        w.Key("version");
        w.Int(1);
        w.Key("file");
        string(w, result.display_name);
        w.Key("error");
        string(w, result.error);
        w.EndObject();
        stream.Put('\n');
    }
    for (const auto& f : result.report.findings) {
        w.Reset(stream);
        w.StartObject();
        w.Key("version");
        w.Int(1);
        w.Key("file");
        string(w, result.display_name);
        write_json_finding_members(w, f);
        w.EndObject();
        stream.Put('\n');
    }
}

void write_jsonl_summary(JsonWriter& w, JsonStream& stream, const Summary& summary)
{
    w.Reset(stream);
    w.StartObject();
    w.Key("version");
    w.Int(1);
    w.Key("summary");
    write_json_summary(w, summary);
    w.EndObject();
    stream.Put('\n');
}

}  // namespace drslint::formatting

namespace drslint::format {

using formatting::JsonStream;
using formatting::JsonWriter;

void write_json(std::ostream& out, const std::vector<FileResult>& results, const Context&)
{
    auto string = [](JsonWriter& w, const std::string& s) {
        w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
    };
    JsonStream stream(out);
    JsonWriter w(stream);
    w.StartObject();
    w.Key("version");
    w.Int(1);
    w.Key("files");
    w.StartArray();
    for (const auto& result : results) {
        w.StartObject();
        w.Key("file");
        string(w, result.display_name);
        if (!result.checked()) {
            w.Key("error");
            string(w, result.error);
        }
        w.Key("findings");
        w.StartArray();
        for (const auto& f : result.report.findings) {
            w.StartObject();
            formatting::write_json_finding_members(w, f);
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
    }
    w.EndArray();
    w.Key("summary");
    formatting::write_json_summary(w, summarize(results));
    w.EndObject();
    stream.Put('\n');
}

void write_jsonl(std::ostream& out, const std::vector<FileResult>& results, const Context&)
{
    JsonStream stream(out);
    JsonWriter w(stream);
    for (const auto& result : results) formatting::write_jsonl_findings(w, stream, result);
    formatting::write_jsonl_summary(w, stream, summarize(results));
}

}  // namespace drslint::format
