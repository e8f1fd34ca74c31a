#include "drslint/format.h"

#include <iterator>

#include "format/json_finding.h"
#include "format/output.h"

namespace drslint::format {

using formatting::BlockOutput;
using formatting::JsonStream;
using formatting::JsonWriter;
using formatting::write_json_finding_members;
using formatting::write_json_summary;
using formatting::write_jsonl_findings;
using formatting::write_jsonl_summary;

namespace {

struct Entry {
    const char* name;
    Format format;
    void (*write)(std::ostream&, const std::vector<FileResult>&, const Context&);
};

constexpr Entry kFormats[] = {
    {"text", Format::text, write_text},       {"json", Format::json, write_json},
    {"sarif", Format::sarif, write_sarif},    {"github", Format::github, write_github},
    {"junit", Format::junit, write_junit},    {"jsonl", Format::jsonl, write_jsonl},
};

}  // namespace

const std::vector<std::string>& format_names()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& entry : kFormats) out.emplace_back(entry.name);
        return out;
    }();
    return names;
}

std::optional<Format> parse_format(std::string_view name)
{
    for (const auto& entry : kFormats) {
        if (name == entry.name) return entry.format;
    }
    return std::nullopt;
}

void write(std::ostream& out, Format format, const std::vector<FileResult>& results, const Context& context)
{
    for (const auto& entry : kFormats) {
        if (entry.format == format) {
            BlockOutput buffered(out);
            entry.write(buffered, results, context);
            return;
        }
    }
}

bool streams(Format format)
{
    return format == Format::text || format == Format::github || format == Format::json || format == Format::jsonl;
}

void write_findings(std::ostream& out, Format format, const FileResult& result, const Context& context)
{
    BlockOutput buffered(out);
    if (format == Format::text) write_text_findings(buffered, result, context);
    if (format == Format::github) write_github_findings(buffered, result, context);
    if (format == Format::jsonl) {
        JsonStream stream(buffered);
        JsonWriter w(stream);
        write_jsonl_findings(w, stream, result);
    }
}

void write_summary(std::ostream& out, Format format, const Summary& summary)
{
    if (format == Format::text || format == Format::github) out << summary_line(summary) << "\n";
    if (format == Format::jsonl) {
        JsonStream stream(out);
        JsonWriter w(stream);
        write_jsonl_summary(w, stream, summary);
    }
}

ArtifactPath artifact_path(const std::string& file, const std::filesystem::path& base_directory)
{
    namespace fs = std::filesystem;
    const fs::path path(file);
    const fs::path absolute = (path.is_absolute() ? path : base_directory / path).lexically_normal();
    const fs::path relative = absolute.lexically_relative(base_directory.lexically_normal());
    if (!relative.empty() && *relative.begin() != "..") {
        return {true, relative.generic_string()};
    }
    return {false, absolute.generic_string()};
}

}  // namespace drslint::format
