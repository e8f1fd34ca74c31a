// What the sources of format_test share: findings and file results made by hand, rendering them
// in a format, and reading text output back.
#pragma once

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "drslint/config.h"
#include "drslint/file_report.h"
#include "drslint/format.h"
#include "drslint/linter.h"
#include "../support/fixtures.h"

namespace drslint {
inline std::ostream& operator<<(std::ostream& out, Severity s) { return out << to_string(s); }
}  // namespace drslint

namespace fs = std::filesystem;
using drslint::Finding;
using drslint::Report;
using drslint::Severity;
using drslint::format::FileResult;
using drslint::Config;
using drslint::ConfigError;

namespace format_test {

inline const drslint::Linter& linter() { return drslint::test::default_linter(); }

inline std::size_t code_points(std::string_view s)
{
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

inline bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

inline Finding finding(const std::string& rule, Severity severity, const std::string& pointer, std::size_t line,
                       std::size_t column, std::size_t end_line, std::size_t end_column, const std::string& message = "m")
{
    Finding f;
    f.rule = rule;
    f.severity = severity;
    f.pointer = pointer;
    f.message = message;
    f.begin = {line, column};
    f.end = {end_line, end_column};
    return f;
}

inline FileResult result(const std::string& file, const std::string& text, std::vector<Finding> findings,
                         const Config& config = Config(), std::optional<Severity> fail = std::nullopt)
{
    Report report;
    report.findings = std::move(findings);
    return drslint::finish_file(file, text, std::move(report), config, fail);
}

inline drslint::format::Context context(bool color = false)
{
    drslint::format::Context c;
    c.rules = &linter().rules();
    c.tool_version = "0.1.0";
    c.base_directory = "/work/repo";
    c.color = color;
    return c;
}

inline std::string render(drslint::format::Format format, const std::vector<FileResult>& results, bool color = false)
{
    std::ostringstream out;
    drslint::format::write(out, format, results, context(color));
    return out.str();
}

inline std::vector<std::string> lines_of(const std::string& text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

// The caret line of the first excerpt in text output, without its gutter.
inline std::string caret_line(const std::string& text)
{
    for (const auto& line : lines_of(text)) {
        if (line.rfind("      | ", 0) == 0 && line.find('^') != std::string::npos) return line.substr(8);
    }
    return "";
}

inline std::string source_line(const std::string& text)
{
    for (const auto& line : lines_of(text)) {
        if (line.size() > 8 && line.compare(5, 3, " | ") == 0 && line[4] != ' ') return line.substr(8);
    }
    return "";
}

inline Config config_from(const std::string& json, const fs::path& file = "/work/repo/.drslint.json")
{
    return drslint::parse_config(json, file, linter().rules());
}

inline std::string config_error(const std::string& json)
{
    try {
        config_from(json);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "(accepted)";
}

}  // namespace format_test

using namespace format_test;
