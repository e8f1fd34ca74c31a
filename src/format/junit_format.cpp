#include "drslint/format.h"

#include <algorithm>

namespace drslint::format {
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

void write_junit(std::ostream& out, const std::vector<FileResult>& results, const Context&)
{
    std::size_t tests = 0, failures = 0, errors = 0;
    for (const auto& result : results) {
        tests += std::max<std::size_t>(result.report.findings.size(), 1);
        for (const auto& f : result.report.findings) failures += f.severity >= result.fail_severity;
        errors += result.checked() ? 0 : 1;
    }
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out << "<testsuites name=\"drslint\" tests=\"" << tests << "\" failures=\"" << failures << "\" errors=\""
        << errors << "\">\n";
    for (const auto& result : results) {
        const auto& findings = result.report.findings;
        if (!result.checked()) {
            // JUnit's <error>: the test could not run, which is not a failure of the body.
            const std::string file = xml(result.display_name);
            out << "  <testsuite name=\"" << file << "\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n"
                << "    <testcase name=\"not checked\" classname=\"" << file << "\">\n"
                << "      <error message=\"" << xml(result.error) << "\" type=\"not-checked\"/>\n"
                << "    </testcase>\n"
                << "  </testsuite>\n";
            continue;
        }
        std::size_t failed = 0;
        for (const auto& f : findings) failed += f.severity >= result.fail_severity;
        const std::string file = xml(result.display_name);
        out << "  <testsuite name=\"" << file << "\" tests=\"" << std::max<std::size_t>(findings.size(), 1)
            << "\" failures=\"" << failed << "\" errors=\"0\" skipped=\"0\">\n";
        if (findings.empty()) {
            out << "    <testcase name=\"no findings\" classname=\"" << file << "\"/>\n";
        }
        for (const auto& f : findings) {
            const std::string pointer = f.pointer.empty() ? std::string("(root)") : f.pointer;
            const std::string detail = location(result, f) + ": " + to_string(f.severity) + ": " + f.message +
                                       " [" + f.rule + "]\nat " + pointer;
            out << "    <testcase name=\"" << xml(f.rule + " at " + pointer) << "\" classname=\"" << file << "\">\n";
            if (f.severity >= result.fail_severity) {
                out << "      <failure message=\"" << xml(f.message) << "\" type=\"" << xml(f.rule) << "\">"
                    << xml(detail) << "</failure>\n";
            } else {
                // Below the fail severity: a passing test that still says what was found.
                out << "      <system-out>" << xml(detail) << "</system-out>\n";
            }
            out << "    </testcase>\n";
        }
        out << "  </testsuite>\n";
    }
    out << "</testsuites>\n";
}

}  // namespace drslint::format
