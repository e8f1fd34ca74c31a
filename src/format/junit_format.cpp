#include "drslint/format.h"
#include "format/junit.h"

#include <algorithm>

namespace drslint::formatting {

using format::FileResult;

namespace {

// XML 1.0 text and attribute values. Control characters XML cannot carry at all become '?';
// line breaks and tabs in attributes are written as references so that parsers keep them.
std::string xml(std::string_view text)
{
    std::string out;
    out.reserve(text.size());  // most text has nothing to escape: one allocation
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        switch (ch) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        case '\n': out += "&#10;"; break;
        case '\r': out += "&#13;"; break;
        case '\t': out += "&#9;"; break;
        default: out += c < 0x20 || c == 0x7F ? '?' : ch;
        }
    }
    return out;
}

std::string location(const FileResult& result, const Finding& f)
{
    std::string out = result.display_name;
    if (f.begin.line != 0) out += ":" + std::to_string(f.begin.line) + ":" + std::to_string(f.begin.column);
    return out;
}

}  // namespace

std::string junit_file_name(const FileResult& result) { return xml(result.display_name); }

void write_junit_start(std::string& out, std::size_t tests, std::size_t failures, std::size_t errors)
{
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<testsuites name=\"drslint\" tests=\"" + std::to_string(tests) + "\" failures=\"" + std::to_string(failures) +
           "\" errors=\"" + std::to_string(errors) + "\">\n";
}

void write_junit_testcase(std::string& out, const std::string& name, const FileResult& result, const Finding& f)
{
    const std::string pointer = f.pointer.empty() ? std::string("(root)") : f.pointer;
    const std::string detail =
        location(result, f) + ": " + to_string(f.severity) + ": " + f.message + " [" + f.rule + "]\nat " + pointer;
    out += "    <testcase name=\"";
    out += xml(f.rule + " at " + pointer);
    out += "\" classname=\"";
    out += name;
    out += "\">\n";
    if (f.severity >= result.fail_severity) {
        out += "      <failure message=\"";
        out += xml(f.message);
        out += "\" type=\"";
        out += xml(f.rule);
        out += "\">";
        out += xml(detail);
        out += "</failure>\n";
    } else {
        // Below the fail severity: a passing test that still says what was found.
        out += "      <system-out>";
        out += xml(detail);
        out += "</system-out>\n";
    }
    out += "    </testcase>\n";
}

void write_junit_suite_start(std::string& out, const std::string& name, std::size_t findings, std::size_t failures)
{
    out += "  <testsuite name=\"" + name + "\" tests=\"" + std::to_string(std::max<std::size_t>(findings, 1)) +
           "\" failures=\"" + std::to_string(failures) + "\" errors=\"0\" skipped=\"0\">\n";
    if (findings == 0) out += "    <testcase name=\"no findings\" classname=\"" + name + "\"/>\n";
}

void write_junit_suite_end(std::string& out) { out += "  </testsuite>\n"; }

void write_junit_unchecked(std::string& out, const FileResult& result)
{
    // JUnit's <error>: the test could not run, which is not a failure of the body.
    const std::string file = xml(result.display_name);
    out += "  <testsuite name=\"" + file + "\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n";
    out += "    <testcase name=\"not checked\" classname=\"" + file + "\">\n";
    out += "      <error message=\"" + xml(result.error) + "\" type=\"not-checked\"/>\n";
    out += "    </testcase>\n";
    out += "  </testsuite>\n";
}

void write_junit_end(std::string& out) { out += "</testsuites>\n"; }

}  // namespace drslint::formatting

namespace drslint::format {

void write_junit(std::ostream& out, const std::vector<FileResult>& results, const Context&)
{
    using namespace formatting;
    std::size_t tests = 0, failures = 0, errors = 0;
    for (const auto& result : results) {
        tests += std::max<std::size_t>(result.report.findings.size(), 1);
        for (const auto& f : result.report.findings) failures += f.severity >= result.fail_severity;
        errors += result.checked() ? 0 : 1;
    }
    std::string text;
    write_junit_start(text, tests, failures, errors);
    for (const auto& result : results) {
        // A file at a time: the document is not held whole.
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        text.clear();
        if (!result.checked()) {
            write_junit_unchecked(text, result);
            continue;
        }
        const std::string name = junit_file_name(result);
        std::size_t failed = 0;
        for (const auto& f : result.report.findings) failed += f.severity >= result.fail_severity;
        write_junit_suite_start(text, name, result.report.findings.size(), failed);
        for (const auto& f : result.report.findings) write_junit_testcase(text, name, result, f);
        write_junit_suite_end(text);
    }
    write_junit_end(text);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

}  // namespace drslint::format
