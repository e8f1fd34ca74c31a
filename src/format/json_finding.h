// One finding as the JSON format writes it, shared by `--format json` (a finding in a file's
// "findings") and `--format jsonl` (a finding on a line of its own), so that a key added to one is
// in both.
#pragma once

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string_view>

#include "drslint/format.h"
#include "format/output.h"
#include "parse/json_parser.h"

namespace drslint::formatting {

// Its stack throws std::bad_alloc rather than write through null (see parse/json_parser.h).
// String() writes what RapidJSON's writes (the same escapes), but a run of bytes that needs none
// in one append, not a byte at a time through the escape table: strings are most of the output.
class JsonWriter : public parse::Writer<JsonStream> {
public:
    using parse::Writer<JsonStream>::Writer;
    bool String(const char* s, rapidjson::SizeType length, bool copy = false);
    bool String(const char* s) { return String(s, static_cast<rapidjson::SizeType>(std::strlen(s))); }
    // RapidJSON's Key is its String; so is this one.
    bool Key(const char* s, rapidjson::SizeType length, bool copy = false) { return String(s, length, copy); }
    // A key spelled in the source: no byte of the formats' keys needs escaping, so its bytes go
    // out in one append (a finding has a dozen keys, and scanning each for escapes was a fifth of
    // rendering it).
    template <std::size_t N>
    bool Key(const char (&key)[N])
    {
        Prefix(rapidjson::kStringType);
        os_->Put('"');
        os_->append(key, N - 1);
        os_->Put('"');
        return EndValue(true);
    }
    // A member of the object being written, key and value at once: the bytes Key(key) and then
    // String(value) or Uint64(value) write, without their bookkeeping twice over (a finding is a
    // dozen members, and a batch has a finding per line).
    template <std::size_t N>
    void member(const char (&key)[N], std::string_view value)
    {
        member_key(key);
        write_quoted(value.data(), value.size());
    }
    template <std::size_t N>
    void member(const char (&key)[N], std::uint64_t value)
    {
        member_key(key);
        write_uint(value);
    }

    // Members whose values are whole numbers, in one append: keys spelled in the source (no
    // escapes), at most 32 bytes each, as many as a finding's span (four) or a summary (six) has.
    struct UintMember {
        std::string_view key;
        std::uint64_t value;
    };
    void uint_members(std::initializer_list<UintMember> members);

private:
    // What Prefix() writes before a key and Key() writes of it, then the ':', counting the two
    // values (key and value) Prefix() would have counted.
    template <std::size_t N>
    void member_key(const char (&key)[N])
    {
        Level* level = level_stack_.template Top<Level>();
        if (level->valueCount > 0) os_->Put(',');
        level->valueCount += 2;
        os_->Put('"');
        os_->append(key, N - 1);
        os_->Put('"');
        os_->Put(':');
    }
    void write_quoted(const char* s, std::size_t length);
    void write_uint(std::uint64_t value);
};

// The finding's members (rule, severity, pointer, message, positions, expected, suggestion), into
// an object the caller has started.
void write_json_finding_members(JsonWriter& w, const Finding& f);
// The "summary" object's value.
void write_json_summary(JsonWriter& w, const format::Summary& s);

// The JSON Lines format: a line per finding of `result`, and the summary line.
void write_jsonl_findings(JsonWriter& w, JsonStream& stream, const format::FileResult& result);
void write_jsonl_summary(JsonWriter& w, JsonStream& stream, const format::Summary& summary);

}  // namespace drslint::formatting
