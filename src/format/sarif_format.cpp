#include "drslint/format.h"
#include "format/output.h"
#include "format/sarif.h"

#include <cctype>
#include <cstdio>

namespace drslint::formatting {

using format::Context;
using format::FileResult;

namespace {

constexpr const char* kSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
// The home of drslint's schemas (their $id base).
constexpr const char* kInformationUri = "https://drslint.dev/";
constexpr const char* kSourceRoot = "%SRCROOT%";

const char* level(Severity s)
{
    switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "note";
    }
    return "none";
}

// RFC 3986: everything but unreserved characters and '/' percent-encoded, so that any file name
// is a valid URI reference.
std::string uri_encode(std::string_view path)
{
    std::string out;
    for (const char ch : path) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) != 0 && c < 0x80) {
            out.push_back(ch);
        } else if (c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            out.push_back(ch);
        } else {
            char escaped[4];
            std::snprintf(escaped, sizeof escaped, "%%%02X", c);
            out += escaped;
        }
    }
    return out;
}

using Writer = SarifWriter;

void string(Writer& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

void text_object(Writer& w, const char* key, const std::string& text)
{
    w.Key(key);
    w.StartObject();
    w.Key("text");
    string(w, text);
    w.EndObject();
}

void write_rules(Writer& w, const std::vector<RuleInfo>& rules)
{
    w.Key("rules");
    w.StartArray();
    for (const auto& rule : rules) {
        w.StartObject();
        w.Key("id");
        string(w, rule.id);
        text_object(w, "shortDescription", rule.summary);
        text_object(w, "fullDescription", rule.rationale.empty() ? rule.summary : rule.rationale);
        std::string help = rule.rationale.empty() ? rule.summary : rule.rationale;
        if (!rule.source.empty()) help += "\n\nSource: " + rule.source + (rule.source.back() == '.' ? "" : ".");
        help += "\n\n`drslint explain " + rule.id + "` shows a failing and a passing example.";
        text_object(w, "help", help);
        w.Key("defaultConfiguration");
        w.StartObject();
        w.Key("level");
        w.String(level(rule.severity));
        w.EndObject();
        w.EndObject();
    }
    w.EndArray();
}

using Artifact = SarifArtifact;

void write_artifact_location(Writer& w, const Artifact& artifact)
{
    w.Key("artifactLocation");
    w.StartObject();
    w.Key("uri");
    string(w, artifact.uri);
    if (artifact.relative) {
        w.Key("uriBaseId");
        w.String(kSourceRoot);
    }
    w.EndObject();
}

void write_location(Writer& w, const Artifact& artifact, const Finding& f)
{
    w.Key("locations");
    w.StartArray();
    w.StartObject();
    w.Key("physicalLocation");
    w.StartObject();
    write_artifact_location(w, artifact);
    if (f.begin.line != 0) {
        w.Key("region");
        w.StartObject();
        w.Key("startLine");
        w.Uint64(f.begin.line);
        w.Key("startColumn");
        w.Uint64(f.begin.column);
        w.Key("endLine");
        w.Uint64(f.end.line);
        w.Key("endColumn");
        w.Uint64(f.end.column);
        w.EndObject();
    }
    w.EndObject();
    w.Key("logicalLocations");
    w.StartArray();
    w.StartObject();
    w.Key("fullyQualifiedName");
    string(w, f.pointer);
    w.EndObject();
    w.EndArray();
    w.EndObject();
    w.EndArray();
}

// SARIF's fix (§3.55): the edits as byte ranges of the file and the text that replaces them, with
// drslint's applicability in the property bag (SARIF has no word for it).
void write_fix(Writer& w, const Artifact& artifact, const Fix& fix)
{
    w.Key("fixes");
    w.StartArray();
    w.StartObject();
    text_object(w, "description", fix.message);
    w.Key("artifactChanges");
    w.StartArray();
    w.StartObject();
    write_artifact_location(w, artifact);
    w.Key("replacements");
    w.StartArray();
    for (const auto& edit : fix.edits) {
        w.StartObject();
        w.Key("deletedRegion");
        w.StartObject();
        w.Key("byteOffset");
        w.Uint64(edit.offset);
        w.Key("byteLength");
        w.Uint64(edit.length);
        w.EndObject();
        if (!edit.replacement.empty()) {
            w.Key("insertedContent");
            w.StartObject();
            w.Key("text");
            string(w, edit.replacement);
            w.EndObject();
        }
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    w.EndArray();
    w.Key("properties");
    w.StartObject();
    w.Key("applicability");
    w.String(to_string(fix.applicability));
    w.Key("kind");
    string(w, fix.kind);
    w.EndObject();
    w.EndObject();
    w.EndArray();
}

}  // namespace

SarifWriter::SarifWriter(JsonStream& stream) : PrettyWriter(stream) { SetIndent(' ', 2); }

void SarifWriter::nest(JsonStream& stream, std::size_t depth)
{
    Reset(stream);
    for (std::size_t i = 0; i < depth; ++i) new (level_stack_.template Push<Level>()) Level(true);
}

void SarifWriter::added(std::size_t n) { level_stack_.template Top<Level>()->valueCount += n; }

SarifArtifact sarif_artifact(const FileResult& result, const Context& context)
{
    if (result.is_stdin) return {"stdin", false};
    const format::ArtifactPath path = format::artifact_path(result.file, context.base_directory);
    if (path.relative) return {uri_encode(path.path), true};
    return {"file://" + uri_encode(path.path), false};
}

SarifRuleIndex sarif_rule_index(const Context& context)
{
    SarifRuleIndex index;
    if (context.rules != nullptr) {
        for (std::size_t i = 0; i < context.rules->size(); ++i) index.emplace((*context.rules)[i].id, i);
    }
    return index;
}

void write_sarif_start(SarifWriter& w, const Context& context)
{
    static const std::vector<RuleInfo> kNoRules;
    w.StartObject();
    w.Key("$schema");
    w.String(kSchema);
    w.Key("version");
    w.String("2.1.0");
    w.Key("runs");
    w.StartArray();
    w.StartObject();
    w.Key("tool");
    w.StartObject();
    w.Key("driver");
    w.StartObject();
    w.Key("name");
    w.String("drslint");
    w.Key("informationUri");
    w.String(kInformationUri);
    w.Key("version");
    string(w, context.tool_version);
    write_rules(w, context.rules != nullptr ? *context.rules : kNoRules);
    w.EndObject();
    w.EndObject();
    w.Key("originalUriBaseIds");
    w.StartObject();
    w.Key(kSourceRoot);
    w.StartObject();
    w.Key("uri");
    std::string root = uri_encode(context.base_directory.generic_string());
    if (root.empty() || root.back() != '/') root += '/';  // SARIF wants a base URI that ends in '/'
    string(w, "file://" + root);
    w.EndObject();
    w.EndObject();
    // Our columns count code points; SARIF's default unit is UTF-16 code units.
    w.Key("columnKind");
    w.String("unicodeCodePoints");
    w.Key("results");
    w.StartArray();
}

void write_sarif_result(SarifWriter& w, const SarifRuleIndex& rules, const SarifArtifact& artifact, const Finding& f)
{
    w.StartObject();
    w.Key("ruleId");
    string(w, f.rule);
    if (auto it = rules.find(f.rule); it != rules.end()) {
        w.Key("ruleIndex");
        w.Uint64(it->second);
    }
    w.Key("level");
    w.String(level(f.severity));
    text_object(w, "message", f.message);
    write_location(w, artifact, f);
    if (f.fix) write_fix(w, artifact, *f.fix);
    if (!f.expected.empty() || !f.suggestion.empty()) {
        w.Key("properties");
        w.StartObject();
        if (!f.expected.empty()) {
            w.Key("expected");
            string(w, f.expected);
        }
        if (!f.suggestion.empty()) {
            w.Key("suggestion");
            string(w, f.suggestion);
        }
        w.EndObject();
    }
    w.EndObject();
}

void write_sarif_end(SarifWriter& w, JsonStream& stream, const std::vector<SarifNotification>& unchecked)
{
    w.EndArray();
    // Whether every input was checked; the ones that were not are notifications, with the file
    // as their location, so that a viewer shows a run that missed a file as one. After the
    // results (member order means nothing in JSON), which can then be printed as they are found.
    w.Key("invocations");
    w.StartArray();
    w.StartObject();
    w.Key("executionSuccessful");
    w.Bool(unchecked.empty());
    if (!unchecked.empty()) {
        w.Key("toolExecutionNotifications");
        w.StartArray();
        for (const auto& notification : unchecked) {
            w.StartObject();
            w.Key("level");
            w.String("error");
            text_object(w, "message", notification.message);
            w.Key("locations");
            w.StartArray();
            w.StartObject();
            w.Key("physicalLocation");
            w.StartObject();
            write_artifact_location(w, notification.artifact);
            w.EndObject();
            w.EndObject();
            w.EndArray();
            w.EndObject();
        }
        w.EndArray();
    }
    w.EndObject();
    w.EndArray();
    w.EndObject();
    w.EndArray();
    w.EndObject();
    stream.Put('\n');
}

}  // namespace drslint::formatting

namespace drslint::format {

void write_sarif(std::ostream& out, const std::vector<FileResult>& results, const Context& context)
{
    using namespace formatting;
    const SarifRuleIndex rules = sarif_rule_index(context);
    JsonStream stream(out);
    SarifWriter w(stream);
    write_sarif_start(w, context);
    std::vector<SarifNotification> unchecked;
    for (const auto& result : results) {
        const SarifArtifact artifact = sarif_artifact(result, context);
        for (const auto& f : result.report.findings) write_sarif_result(w, rules, artifact, f);
        if (!result.checked()) unchecked.push_back({result.error, artifact});
    }
    write_sarif_end(w, stream, unchecked);
}

}  // namespace drslint::format
