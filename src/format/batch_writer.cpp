#include <algorithm>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "drslint/format.h"
#include "format/json_finding.h"
#include "format/junit.h"
#include "format/output.h"
#include "format/sarif.h"

namespace drslint::format {

using formatting::BlockOutput;
using formatting::JsonStream;
using formatting::JsonWriter;
using formatting::SarifWriter;
using formatting::StringBuffer;
using formatting::write_json_finding_members;
using formatting::write_json_summary;
using formatting::write_jsonl_findings;
using formatting::write_jsonl_summary;

namespace {

void string(JsonWriter& w, const std::string& s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

void count(Summary& summary, Severity severity)
{
    summary.errors += severity == Severity::error;
    summary.warnings += severity == Severity::warning;
    summary.infos += severity == Severity::info;
}

// The formats of one document per batch, which keep at most the limit of findings per file.
bool document(Format format) { return format == Format::json || format == Format::sarif || format == Format::junit; }

// Bytes kept for the end (junit's document), in blocks of 1 MiB: one string would copy them all
// each time it grew, and hold up to twice as many. A piece may be set aside, to be filled later
// (a testsuite's start, whose counts are known only after its testcases).
class Blocks {
public:
    static constexpr std::size_t kBlock = 1 << 20;

    void append(const char* s, std::size_t n)
    {
        if (pieces_.size() == sealed_ || pieces_.back().size() + n > kBlock) {
            pieces_.emplace_back();
            pieces_.back().reserve(std::max(kBlock, n));
        }
        pieces_.back().append(s, n);
    }
    void append(const std::string& s) { append(s.data(), s.size()); }
    // An empty piece before what is appended next; piece(index) fills it.
    std::size_t set_aside()
    {
        pieces_.emplace_back();
        sealed_ = pieces_.size();
        return sealed_ - 1;
    }
    std::string& piece(std::size_t index) { return pieces_[index]; }
    // Hands the pieces to `out` (what was buffered before them first), each in one write, and
    // forgets them: a copy less of the one part of a junit batch that no worker can share.
    void write(JsonStream& stream, std::ostream& out)
    {
        stream.drain();
        for (auto& p : pieces_) {
            out.write(p.data(), static_cast<std::streamsize>(p.size()));
            std::string().swap(p);
        }
        pieces_.clear();
        sealed_ = 0;
    }

private:
    std::vector<std::string> pieces_;
    std::size_t sealed_ = 0;  // pieces before it take no more bytes
};

}  // namespace

// What render() leaves for add(): the bytes, and what add() counts. On the heap, so that the
// streams that append to `bytes` keep pointing at it when the part is moved.
struct RenderedPart::Data {
    struct Entry {
        std::size_t end;  // where the finding's bytes end in `bytes`
        Severity severity;
    };

    Data() : buffer(bytes), out(&buffer), stream(out), writer(stream), sarif(stream) {}

    void clear()
    {
        bytes.clear();
        findings.clear();
        counts = Summary();
        failed = false;
    }

    std::string bytes;
    std::vector<Entry> findings;  // json, sarif, junit: each finding, so that add() can stop at the limit
    Summary counts;               // the other formats: errors, warnings, infos; and suppressed
    bool failed = false;
    StringBuffer buffer;
    std::ostream out;   // text and github
    JsonStream stream;  // json, jsonl and sarif, drained into `out` after each finding or part
    JsonWriter writer;
    SarifWriter sarif;  // junit appends to `bytes` itself
};

RenderedPart::RenderedPart() = default;
RenderedPart::RenderedPart(RenderedPart&&) noexcept = default;
RenderedPart& RenderedPart::operator=(RenderedPart&&) noexcept = default;
RenderedPart::~RenderedPart() = default;

void RenderedPart::clear()
{
    if (data_) data_->clear();
}

// One buffer for the whole batch, so that a body's few findings are no write of their own. The
// json document is written by hand around the shared finding writer: its "files" array and each
// file's "findings" array stay open while parts arrive, which RapidJSON's writer (one document,
// start to end) cannot pause for; the bytes are exactly write_json's. The sarif document's writer
// stays in its "results" array, told of the results copied in past it. junit's counts come before
// its testcases, so its document is kept (rendered) until finish().
struct BatchWriter::Impl {
    Impl(std::ostream& out, Format format, const Context& context, std::size_t limit, TooMany too_many)
        : format(format), context(context), limit(limit), too_many(std::move(too_many)), out(out), text(out), stream(out),
          writer(stream), sarif(stream)
    {
        if (format == Format::sarif) rules = formatting::sarif_rule_index(context);
    }

    // Prints a finding of the file begun last in a document format, and counts it.
    void print(const Finding& f)
    {
        switch (format) {
        case Format::json:
            if (kept != 0) stream.Put(',');
            writer.Reset(stream);
            writer.StartObject();
            write_json_finding_members(writer, f);
            writer.EndObject();
            break;
        case Format::sarif: formatting::write_sarif_result(sarif, rules, artifact, f); break;
        case Format::junit:
            scratch.clear();
            formatting::write_junit_testcase(scratch, junit_name, *file, f);
            suites.append(scratch);
            failures += f.severity >= file->fail_severity;
            break;
        default: break;
        }
        ++kept;
        count(summary, f.severity);
    }

    // Prints a finding render() made, the same bytes print(f) would print.
    void print_rendered(const char* bytes, std::size_t size, Severity severity)
    {
        switch (format) {
        case Format::json:
            if (kept != 0) stream.Put(',');
            stream.append(bytes, size);
            break;
        case Format::sarif:
            if (results() != 0) stream.Put(',');
            stream.append(bytes, size);
            sarif.added(1);
            break;
        case Format::junit:
            suites.append(bytes, size);
            failures += severity >= file->fail_severity;
            break;
        default: break;
        }
        ++kept;
        count(summary, severity);
    }

    std::size_t results() const { return summary.errors + summary.warnings + summary.infos; }

    Format format;
    Context context;
    std::size_t limit;
    TooMany too_many;
    std::ostream& out;
    BlockOutput text;   // text and github
    JsonStream stream;  // json, jsonl, sarif and junit
    JsonWriter writer;
    SarifWriter sarif;
    Summary summary;
    bool failed = false;
    std::optional<FileResult> file;  // begun, not ended
    std::size_t kept = 0, more = 0;  // findings of this file in the document, and beyond the limit
    // sarif: each rule's index, the file's artifact and the inputs that could not be checked.
    formatting::SarifRuleIndex rules;
    formatting::SarifArtifact artifact;
    std::vector<formatting::SarifNotification> unchecked;
    // junit: the file's name, where its testsuite's start goes and how many of its testcases fail;
    // the testsuites so far and the document's counts.
    std::string junit_name, scratch;
    std::size_t suite_start = 0, failures = 0, tests = 0, all_failures = 0, errors = 0;
    Blocks suites;
};

BatchWriter::BatchWriter(std::ostream& out, Format format, const Context& context, std::size_t document_limit,
                         TooMany too_many)
    : impl_(std::make_unique<Impl>(out, format, context, document_limit, std::move(too_many)))
{
    if (format == Format::json) {
        const char kStart[] = "{\"version\":1,\"files\":[";
        for (const char* c = kStart; *c != '\0'; ++c) impl_->stream.Put(*c);
    }
    if (format == Format::sarif) formatting::write_sarif_start(impl_->sarif, context);
}

BatchWriter::~BatchWriter() = default;

void BatchWriter::begin_file(const FileResult& file)
{
    Impl& d = *impl_;
    if (d.format == Format::json) {
        if (d.summary.files + d.summary.unchecked != 0) d.stream.Put(',');
        d.writer.Reset(d.stream);
        // The file's object is opened by hand: only its name goes through the writer (escaped).
        d.stream.Put('{');
        string(d.writer, "file");
        d.writer.Reset(d.stream);
        d.stream.Put(':');
        string(d.writer, file.display_name);
        d.writer.Reset(d.stream);
        d.stream.Put(',');
        string(d.writer, "findings");
        d.stream.Put(':');
        d.stream.Put('[');
    }
    if (d.format == Format::sarif) d.artifact = formatting::sarif_artifact(file, d.context);
    if (d.format == Format::junit) {
        d.junit_name = formatting::junit_file_name(file);
        d.suite_start = d.suites.set_aside();
    }
    d.file = file;
    d.kept = d.more = d.failures = 0;
}

void BatchWriter::add(const FileResult& part)
{
    Impl& d = *impl_;
    d.summary.suppressed += part.suppressed;
    d.failed = d.failed || part.failed();
    switch (d.format) {
    case Format::text: write_text_findings(d.text, part, d.context); break;
    case Format::github: write_github_findings(d.text, part, d.context); break;
    case Format::jsonl: write_jsonl_findings(d.writer, d.stream, part); break;
    default:
        for (const Finding& f : part.report.findings) {
            if (d.kept == d.limit) {
                ++d.more;
            } else {
                d.print(f);
            }
        }
        return;
    }
    for (const Finding& f : part.report.findings) count(d.summary, f.severity);
}

void BatchWriter::render(const FileResult& part, RenderedPart& into) const
{
    const Impl& d = *impl_;
    if (!into.data_) into.data_ = std::make_unique<RenderedPart::Data>();
    RenderedPart::Data& p = *into.data_;
    p.counts.suppressed += part.suppressed;
    p.failed = p.failed || part.failed();
    switch (d.format) {
    case Format::text: write_text_findings(p.out, part, d.context); break;
    case Format::github: write_github_findings(p.out, part, d.context); break;
    case Format::jsonl:
        write_jsonl_findings(p.writer, p.stream, part);
        p.stream.drain();
        break;
    default:
        // Each finding without the comma before it: whether it has one depends on the findings
        // before it in the file (sarif: in the document), which only add() knows.
        for (const Finding& f : part.report.findings) {
            if (d.format == Format::json) {
                p.writer.Reset(p.stream);
                p.writer.StartObject();
                write_json_finding_members(p.writer, f);
                p.writer.EndObject();
            } else if (d.format == Format::sarif) {
                p.sarif.nest(p.stream, formatting::kSarifResultDepth);
                formatting::write_sarif_result(p.sarif, d.rules, d.artifact, f);
            } else {
                formatting::write_junit_testcase(p.bytes, d.junit_name, part, f);
            }
            p.stream.drain();
            p.findings.push_back({p.bytes.size(), f.severity});
        }
        return;
    }
    for (const Finding& f : part.report.findings) count(p.counts, f.severity);
}

void BatchWriter::add(RenderedPart& parts)
{
    Impl& d = *impl_;
    if (!parts.data_) return;
    RenderedPart::Data& p = *parts.data_;
    d.summary.suppressed += p.counts.suppressed;
    d.failed = d.failed || p.failed;
    switch (d.format) {
    case Format::text:
    case Format::github: d.text.write(p.bytes.data(), static_cast<std::streamsize>(p.bytes.size())); break;
    case Format::jsonl: d.stream.append(p.bytes.data(), p.bytes.size()); break;
    default: {
        std::size_t begin = 0;
        for (const auto& f : p.findings) {
            if (d.kept == d.limit) {
                ++d.more;
            } else {
                d.print_rendered(p.bytes.data() + begin, f.end - begin, f.severity);
            }
            begin = f.end;
        }
        break;
    }
    }
    if (!document(d.format)) {
        d.summary.errors += p.counts.errors;
        d.summary.warnings += p.counts.warnings;
        d.summary.infos += p.counts.infos;
    }
    p.clear();
}

void BatchWriter::end_file()
{
    Impl& d = *impl_;
    if (document(d.format) && d.file) {
        if (d.more != 0) {
            const Finding summary = d.too_many(d.limit, d.more);
            d.print(summary);
            d.failed = d.failed || summary.severity >= d.file->fail_severity;
        }
        if (d.format == Format::json) {
            d.stream.Put(']');
            d.stream.Put('}');
        }
        if (d.format == Format::junit) {
            formatting::write_junit_suite_start(d.suites.piece(d.suite_start), d.junit_name, d.kept, d.failures);
            d.scratch.clear();
            formatting::write_junit_suite_end(d.scratch);
            d.suites.append(d.scratch);
            d.tests += std::max<std::size_t>(d.kept, 1);
            d.all_failures += d.failures;
        }
    }
    d.file.reset();
    ++d.summary.files;
}

void BatchWriter::unchecked(const FileResult& file)
{
    Impl& d = *impl_;
    switch (d.format) {
    case Format::text: write_text_findings(d.text, file, d.context); break;
    case Format::github: write_github_findings(d.text, file, d.context); break;
    case Format::jsonl: write_jsonl_findings(d.writer, d.stream, file); break;
    case Format::json:
        if (d.summary.files + d.summary.unchecked != 0) d.stream.Put(',');
        d.writer.Reset(d.stream);
        d.writer.StartObject();
        string(d.writer, "file");
        string(d.writer, file.display_name);
        string(d.writer, "error");
        string(d.writer, file.error);
        string(d.writer, "findings");
        d.writer.StartArray();
        d.writer.EndArray();
        d.writer.EndObject();
        break;
    case Format::sarif: d.unchecked.push_back({file.error, formatting::sarif_artifact(file, d.context)}); break;
    case Format::junit:
        d.scratch.clear();
        formatting::write_junit_unchecked(d.scratch, file);
        d.suites.append(d.scratch);
        ++d.tests;
        ++d.errors;
        break;
    }
    ++d.summary.unchecked;
}

void BatchWriter::finish()
{
    Impl& d = *impl_;
    switch (d.format) {
    case Format::text:
    case Format::github: d.text << summary_line(d.summary) << "\n"; break;
    case Format::jsonl: write_jsonl_summary(d.writer, d.stream, d.summary); break;
    case Format::json: {
        d.stream.Put(']');
        d.stream.Put(',');
        d.writer.Reset(d.stream);
        string(d.writer, "summary");
        d.stream.Put(':');
        d.writer.Reset(d.stream);
        write_json_summary(d.writer, d.summary);
        d.stream.Put('}');
        d.stream.Put('\n');
        break;
    }
    case Format::sarif: formatting::write_sarif_end(d.sarif, d.stream, d.unchecked); break;
    case Format::junit: {
        std::string start;
        formatting::write_junit_start(start, d.tests, d.all_failures, d.errors);
        d.stream.append(start.data(), start.size());
        d.suites.write(d.stream, d.out);
        std::string end;
        formatting::write_junit_end(end);
        d.stream.append(end.data(), end.size());
        break;
    }
    }
    d.text.flush();
    d.stream.drain();
}

bool BatchWriter::failed() const { return impl_->failed; }

const Summary& BatchWriter::summary() const { return impl_->summary; }

}  // namespace drslint::format
