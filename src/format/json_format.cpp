#include "drslint/format.h"
#include "parse/json_parser.h"

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>

namespace drslint::format {

void write_json(std::ostream& out, const std::vector<FileResult>& results, const Context&)
{
    rapidjson::OStreamWrapper stream(out);
    parse::Writer<rapidjson::OStreamWrapper> w(stream);  // its stack throws std::bad_alloc
    auto string = [&w](const std::string& s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); };
    w.StartObject();
    w.Key("version");
    w.Int(1);
    w.Key("files");
    w.StartArray();
    for (const auto& result : results) {
        w.StartObject();
        w.Key("file");
        string(result.display_name);
        if (!result.checked()) {
            w.Key("error");
            string(result.error);
        }
        w.Key("findings");
        w.StartArray();
        for (const auto& f : result.report.findings) {
            w.StartObject();
            w.Key("rule");
            string(f.rule);
            w.Key("severity");
            w.String(to_string(f.severity));
            w.Key("pointer");
            string(f.pointer);
            w.Key("message");
            string(f.message);
            if (f.begin.line != 0) {
                w.Key("line");
                w.Uint64(f.begin.line);
                w.Key("column");
                w.Uint64(f.begin.column);
                w.Key("endLine");
                w.Uint64(f.end.line);
                w.Key("endColumn");
                w.Uint64(f.end.column);
            }
            if (!f.expected.empty()) {
                w.Key("expected");
                string(f.expected);
            }
            if (!f.suggestion.empty()) {
                w.Key("suggestion");
                string(f.suggestion);
            }
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
    }
    w.EndArray();
    const Summary s = summarize(results);
    w.Key("summary");
    w.StartObject();
    w.Key("files");
    w.Uint64(s.files);
    w.Key("errors");
    w.Uint64(s.errors);
    w.Key("warnings");
    w.Uint64(s.warnings);
    w.Key("infos");
    w.Uint64(s.infos);
    w.Key("suppressed");
    w.Uint64(s.suppressed);
    w.Key("unchecked");
    w.Uint64(s.unchecked);
    w.EndObject();
    w.EndObject();
    out << "\n";
}

}  // namespace drslint::format
