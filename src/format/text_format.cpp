#include "format/formatter.h"

#include <limits>

#include "report/redaction.h"

#include <algorithm>
#include <cstdio>

namespace drslint::format {
namespace {

// Excerpts of long lines (a minified body is one line) show a window around the finding.
constexpr std::size_t kMaxExcerptCells = 100;
constexpr std::size_t kContextBefore = 30;  // code points shown before the span in a window
constexpr std::size_t kTabStop = 8;
constexpr std::string_view kEllipsis = "...";

struct Style {
    bool on = false;
    std::string_view operator()(std::string_view code) const { return on ? code : std::string_view(); }
};
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kCaret = "\x1b[1;32m";
constexpr std::string_view kFixIt = "\x1b[32m";

std::string_view severity_colour(Severity s)
{
    switch (s) {
    case Severity::error: return "\x1b[1;31m";
    case Severity::warning: return "\x1b[1;35m";
    case Severity::info: return "\x1b[1;36m";
    }
    return kBold;
}

// East Asian wide and fullwidth ranges (and emoji), which terminals draw two cells wide.
bool is_wide(char32_t c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
           (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
           (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD);
}

bool is_combining(char32_t c)
{
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) ||
           (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F) || c == 0x200B || c == 0x200C ||
           c == 0x200D || c == 0xFEFF;
}

// Characters that would act on the terminal or reorder the line (C0/C1 controls, bidirectional
// overrides) are shown as '?': an excerpt must show the text, not let it steer the display.
bool is_unsafe(char32_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}

// One code point of an excerpt, split the way parse::LineMap counts columns: a byte that is not a
// UTF-8 continuation byte starts a code point, and the continuation bytes after it belong to it.
struct Cell {
    std::string_view bytes;  // what to print ("?" for what must not be printed as it is)
    std::size_t width = 1;   // terminal cells
    bool tab = false;
};

Cell decode(std::string_view line, std::size_t& i)
{
    const auto lead = static_cast<unsigned char>(line[i]);
    const std::size_t start = i++;
    while (i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) ++i;
    const std::size_t length = i - start;
    if (lead == '\t') return {"\t", 0, true};
    const std::size_t expected = lead < 0x80 ? 1 : lead < 0xC0 ? 0 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF8 ? 4 : 0;
    if (expected != length) return {"?", 1};
    char32_t c = expected == 1 ? lead : lead & (0x7F >> expected);
    for (std::size_t k = start + 1; k < i; ++k) c = (c << 6) | (static_cast<unsigned char>(line[k]) & 0x3F);
    constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};  // below it: an overlong encoding
    if (c < kSmallest[expected] || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF || is_unsafe(c)) return {"?", 1};
    return {line.substr(start, length), is_wide(c) ? 2u : is_combining(c) ? 0u : 1u};
}

// Skips continuation bytes that begin a line: they are part of no code point LineMap counts.
std::size_t first_code_point(std::string_view line, std::size_t i)
{
    while (i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) ++i;
    return i;
}

// Finds where a column starts on a line. Findings come in source order, so a search starts where
// the last one on the same line stopped: a minified body with a thousand findings on one long
// line is read once, not once per finding.
class ColumnCursor {
public:
    std::size_t seek(std::size_t number, std::string_view line, std::size_t column)
    {
        if (number != number_ || line.data() != line_.data() || column < column_) {
            number_ = number;
            line_ = line;
            column_ = 1;
            offset_ = first_code_point(line, 0);
        }
        while (column_ < column && offset_ < line_.size()) {
            offset_ = first_code_point(line_, offset_ + 1);
            ++column_;
        }
        return offset_;
    }

private:
    std::size_t number_ = 0;
    std::string_view line_;
    std::size_t column_ = 1;
    std::size_t offset_ = 0;
};

// The source line and the underline below it, both cut to a window around the span.
// [begin, end) are code-point columns on this line; end == 0 underlines to the end of the line.
void write_excerpt(std::ostream& out, const Style& style, ColumnCursor& cursor, std::size_t number,
                   std::string_view line, std::size_t begin, std::size_t end, const std::string& suggestion)
{
    if (end != 0 && end <= begin) end = begin + 1;  // an empty span: point at its place
    std::size_t i = first_code_point(line, 0);
    std::size_t column = 1;
    // Does the line fit, or at least the part up to a little after the span's start? Else start
    // the window kContextBefore code points before the span.
    std::size_t cells = 0;
    for (std::size_t k = i; k < line.size() && column < begin && cells <= kMaxExcerptCells - kContextBefore; ++column) {
        const Cell cell = decode(line, k);
        cells += cell.tab ? kTabStop : cell.width;
    }
    std::size_t first = 1;
    if (cells > kMaxExcerptCells - kContextBefore) {
        first = begin > kContextBefore ? begin - kContextBefore : 1;
    }
    i = cursor.seek(number, line, first);
    column = first;

    std::string text = first > 1 ? std::string(kEllipsis) : std::string();
    std::string marks(text.size(), ' ');
    std::string fix_it_pad = marks;
    cells = 0;
    bool in_span_seen = false;
    bool underlined_text_is_quoted = false;
    for (; i < line.size(); ++column) {
        const std::size_t at = i;
        const Cell cell = decode(line, i);
        const std::size_t width = cell.tab ? kTabStop - cells % kTabStop : cell.width;
        if (cells + width > kMaxExcerptCells) {
            text += kEllipsis;
            break;
        }
        text += cell.tab ? std::string(width, ' ') : std::string(cell.bytes);
        const bool in_span = column >= begin && (end == 0 || column < end);
        if (in_span && !in_span_seen) {
            in_span_seen = true;
            underlined_text_is_quoted = line[at] == '"';
            marks += '^';
            marks.append(width > 0 ? width - 1 : 0, '~');
        } else {
            marks.append(width, in_span ? '~' : ' ');
            if (column < begin) fix_it_pad.append(width, ' ');
        }
        cells += width;
    }
    if (!in_span_seen) {
        // The span starts at the end of the line (an input that ends too early).
        marks += '^';
    }
    while (!marks.empty() && marks.back() == ' ') marks.pop_back();

    char gutter[32];
    std::snprintf(gutter, sizeof gutter, "%5zu | ", number);
    out << gutter << text << "\n";
    const std::size_t indent = std::min(marks.find_first_not_of(' '), marks.size());
    out << "      | " << marks.substr(0, indent) << style(kCaret) << marks.substr(indent) << style(kReset) << "\n";
    if (!suggestion.empty()) {
        // clang's fix-it line: the replacement, under what it replaces.
        std::string replacement = suggestion;
        if (underlined_text_is_quoted) {
            replacement.clear();
            for (const char c : suggestion) {
                if (c == '"' || c == '\\') replacement += '\\';
                replacement += c;
            }
            replacement = "\"" + replacement + "\"";
        }
        out << "      | " << fix_it_pad << style(kFixIt) << replacement << style(kReset) << "\n";
    }
}

}  // namespace

void write_text_findings(std::ostream& out, const FileResult& result, const Context& context)
{
    const Style style{context.color};
    ColumnCursor cursor;
    for (const auto& f : result.report.findings) {
        out << style(kBold) << result.display_name;
        if (f.begin.line != 0) {
            out << ":" << f.begin.line << ":" << f.begin.column;
        }
        out << ":" << style(kReset) << " " << style(severity_colour(f.severity)) << to_string(f.severity) << ":"
            << style(kReset) << " " << style(kBold) << f.message << style(kReset) << " [" << f.rule << "]\n";
        if (f.begin.line != 0 && !result.source.empty()) {
            const std::size_t end = f.end.line == f.begin.line ? f.end.column : 0;
            write_excerpt(out, style, cursor, f.begin.line, result.source.line(f.begin.line), f.begin.column,
                          end, f.suggestion);
        }
        // The pointer is exact, so it may hold what a terminal acts on (ESC, bidi overrides).
        out << "      = at "
            << (f.pointer.empty() ? std::string("(root)")
                                  : report::printable(f.pointer, std::numeric_limits<std::size_t>::max()))
            << "\n";
    }
}

void write_text(std::ostream& out, const std::vector<FileResult>& results, const Context& context)
{
    for (const auto& result : results) write_text_findings(out, result, context);
    out << summary_line(summarize(results)) << "\n";
}

}  // namespace drslint::format
