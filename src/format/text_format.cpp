#include "drslint/fix.h"
#include "drslint/format.h"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "core/text.h"

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

// One code point of an excerpt, split the way parse::LineMap counts columns: a byte that is not a
// UTF-8 continuation byte starts a code point, and the continuation bytes after it belong to it.
struct Cell {
    std::string_view bytes;  // what to print ("?" for what must not be printed as it is)
    std::size_t width = 1;   // terminal cells
    bool tab = false;
};

Cell decode(std::string_view line, std::size_t& i)
{
    const std::size_t start = i++;
    while (i < line.size() && !core::starts_code_point(line[i])) ++i;
    const std::size_t length = i - start;
    if (line[start] == '\t') return {"\t", 0, true};
    // Characters that would act on the terminal or reorder the line are shown as '?', like bytes
    // that are not UTF-8: an excerpt must show the text, not let it steer the display.
    if (core::sequence_length(line, start) != length) return {"?", 1};
    const char32_t c = core::decode(line, start, length);
    if (core::acts_on_display(c)) return {"?", 1};
    return {line.substr(start, length), core::display_width(c)};
}

// Skips continuation bytes that begin a line: they are part of no code point LineMap counts.
std::size_t first_code_point(std::string_view line, std::size_t i)
{
    while (i < line.size() && !core::starts_code_point(line[i])) ++i;
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
            << style(kReset) << " " << (f.fix && admits(f.fix->applicability, context.unsafe_fixes) ? "[*] " : "")
            << style(kBold) << f.message << style(kReset) << " [" << f.rule << "]\n";
        if (f.begin.line != 0 && !result.source.empty()) {
            const std::size_t end = f.end.line == f.begin.line ? f.end.column : 0;
            write_excerpt(out, style, cursor, f.begin.line, result.source.line(f.begin.line), f.begin.column,
                          end, f.suggestion);
        }
        // The pointer is exact, so it may hold what a terminal acts on (ESC, bidi overrides).
        out << "      = at "
            << (f.pointer.empty() ? std::string("(root)")
                                  : core::printable(f.pointer, std::numeric_limits<std::size_t>::max()))
            << "\n";
    }
}

void write_text(std::ostream& out, const std::vector<FileResult>& results, const Context& context)
{
    for (const auto& result : results) write_text_findings(out, result, context);
    out << summary_line(summarize(results)) << "\n";
    std::size_t fixable = 0, unsafe = 0;
    for (const auto& result : results) {
        fixable += count_fixes(result.report, context.unsafe_fixes);
        unsafe += count_fixes(result.report, true) - count_fixes(result.report, false);
    }
    auto with = [](const std::string& command) { return command.empty() ? std::string() : " with " + command; };
    if (fixable != 0) {
        out << "[*] " << fixable << " fixable" << with(context.unsafe_fixes ? context.unsafe_fix_command : context.fix_command);
        if (!context.unsafe_fixes && unsafe != 0) {
            out << " (" << unsafe << " more" << with(context.unsafe_fix_command) << ")";
        }
        out << "\n";
    } else if (!context.unsafe_fixes && unsafe != 0) {
        out << unsafe << " fixable" << with(context.unsafe_fix_command) << "\n";
    }
}

}  // namespace drslint::format
