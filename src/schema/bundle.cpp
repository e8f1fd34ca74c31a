#include "drslint/schema.h"

#include <string>
#include <string_view>

#include <rapidjson/prettywriter.h>

#include "parse/json_parser.h"
#include "schema/embedded.h"

namespace drslint {
namespace {

constexpr std::string_view kDirectory = "request/";
constexpr std::string_view kSuffix = ".schema.json";
constexpr std::string_view kRoot = "update-job-request";

using Writer = rapidjson::PrettyWriter<parse::StringBuffer, rapidjson::UTF8<>, rapidjson::UTF8<>, parse::ThrowingAllocator>;

// "base-endpoint.schema.json" -> "base-endpoint": the file's key under "definitions".
std::string_view stem(std::string_view file)
{
    if (file.size() > kSuffix.size() && file.substr(file.size() - kSuffix.size()) == kSuffix) {
        file.remove_suffix(kSuffix.size());
    }
    return file;
}

// Copies `value`, with each file "$ref" made a reference into "definitions" and, in a file that
// becomes a definition, its "$id" and "$schema" dropped (an "$id" inside would change what its
// refs resolve against).
void copy(Writer& w, const rapidjson::Value& value, bool top_of_definition)
{
    if (value.IsObject()) {
        w.StartObject();
        for (const auto& m : value.GetObject()) {
            const std::string_view key(m.name.GetString(), m.name.GetStringLength());
            if (top_of_definition && (key == "$id" || key == "$schema")) continue;
            w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
            if (key == "$ref" && m.value.IsString()) {
                const std::string target = "#/definitions/" + std::string(stem(m.value.GetString()));
                w.String(target.data(), static_cast<rapidjson::SizeType>(target.size()));
            } else {
                copy(w, m.value, false);
            }
        }
        w.EndObject();
    } else if (value.IsArray()) {
        w.StartArray();
        for (const auto& item : value.GetArray()) copy(w, item, false);
        w.EndArray();
    } else {
        value.Accept(w);
    }
}

}  // namespace

std::string bundled_schema()
{
    const parse::EmbeddedDocument root =
        parse::parse_embedded(embedded::file(std::string(kDirectory) + std::string(kRoot) + std::string(kSuffix)));
    parse::StringBuffer buffer;
    Writer w(buffer);
    w.SetIndent(' ', 2);
    w.StartObject();
    w.Key("$schema");
    w.String("http://json-schema.org/draft-07/schema#");
    w.Key("$id");
    w.String("https://drslint.dev/schemas/v5/drs-update-job-request.bundle.schema.json");
    for (const auto& m : root.document.GetObject()) {
        const std::string_view key(m.name.GetString(), m.name.GetStringLength());
        if (key == "$id" || key == "$schema") continue;
        w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
        copy(w, m.value, false);
    }
    w.Key("definitions");
    w.StartObject();
    for (const auto& file : embedded::api_schema_files()) {
        if (file.name.rfind(kDirectory, 0) != 0) continue;
        const std::string_view name = stem(std::string_view(file.name).substr(kDirectory.size()));
        if (name == kRoot) continue;
        const parse::EmbeddedDocument document = parse::parse_embedded(file.text);
        w.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
        copy(w, document.document, true);
    }
    w.EndObject();
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace drslint
