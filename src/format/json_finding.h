// One finding as the JSON format writes it, shared by `--format json` (a finding in a file's
// "findings") and `--format jsonl` (a finding on a line of its own), so that a key added to one is
// in both.
#pragma once

#include <cstring>

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
    bool Key(const char* s) { return String(s); }
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
