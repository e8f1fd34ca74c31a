#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "drslint/format.h"
#include "format/json_finding.h"
#include "format/output.h"

namespace drslint::format {

using formatting::BlockOutput;
using formatting::JsonStream;
using formatting::JsonWriter;
using formatting::StringBuffer;
using formatting::write_json_finding_members;
using formatting::write_json_summary;
using formatting::write_jsonl_findings;
using formatting::write_jsonl_summary;

namespace {

void string(JsonWriter& w, const std::string& s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

void count(Summary& summary, const Finding& f)
{
    summary.errors += f.severity == Severity::error;
    summary.warnings += f.severity == Severity::warning;
    summary.infos += f.severity == Severity::info;
}

}  // namespace

// What render() leaves for add(): the bytes, and what add() counts. On the heap, so that the
// streams that append to `bytes` keep pointing at it when the part is moved.
struct RenderedPart::Data {
    struct Entry {
        std::size_t end;  // where the finding's bytes end in `bytes`
        Severity severity;
    };

    Data() : buffer(bytes), out(&buffer), stream(out), writer(stream) {}

    void clear()
    {
        bytes.clear();
        findings.clear();
        counts = Summary();
        failed = false;
    }

    std::string bytes;
    std::vector<Entry> findings;  // json: each finding, so that add() can stop at the limit
    Summary counts;               // the other formats: errors, warnings, infos and suppressed
    bool failed = false;
    StringBuffer buffer;
    std::ostream out;   // text and github
    JsonStream stream;  // json and jsonl, drained into `out` after each finding or part
    JsonWriter writer;
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
// start to end) cannot pause for; the bytes are exactly write_json's.
struct BatchWriter::Impl {
    Impl(std::ostream& out, Format format, const Context& context, std::size_t limit, TooMany too_many)
        : format(format), context(context), limit(limit), too_many(std::move(too_many)), text(out), stream(out),
          writer(stream)
    {
    }

    void json_finding(const Finding& f)
    {
        if (kept != 0) stream.Put(',');
        writer.Reset(stream);
        writer.StartObject();
        write_json_finding_members(writer, f);
        writer.EndObject();
    }

    Format format;
    Context context;
    std::size_t limit;
    TooMany too_many;
    BlockOutput text;   // text and github
    JsonStream stream;  // json and jsonl
    JsonWriter writer;
    Summary summary;
    bool failed = false;
    std::optional<FileResult> file;  // begun, not ended
    std::size_t kept = 0, more = 0;  // findings of this file in the json document, and beyond it
};

BatchWriter::BatchWriter(std::ostream& out, Format format, const Context& context, std::size_t document_limit,
                         TooMany too_many)
    : impl_(std::make_unique<Impl>(out, format, context, document_limit, std::move(too_many)))
{
    if (format == Format::json) {
        const char kStart[] = "{\"version\":1,\"files\":[";
        for (const char* c = kStart; *c != '\0'; ++c) impl_->stream.Put(*c);
    }
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
    d.file = file;
    d.kept = d.more = 0;
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
    case Format::json:
        for (const Finding& f : part.report.findings) {
            if (d.kept == d.limit) {
                ++d.more;
                continue;
            }
            d.json_finding(f);
            ++d.kept;
            count(d.summary, f);
        }
        return;
    default: return;
    }
    for (const Finding& f : part.report.findings) count(d.summary, f);
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
    case Format::json:
        // Each finding without the comma before it: whether it has one depends on the findings
        // before it in the file, which only add() knows.
        for (const Finding& f : part.report.findings) {
            p.writer.Reset(p.stream);
            p.writer.StartObject();
            write_json_finding_members(p.writer, f);
            p.writer.EndObject();
            p.stream.drain();
            p.findings.push_back({p.bytes.size(), f.severity});
        }
        return;
    default: return;
    }
    for (const Finding& f : part.report.findings) count(p.counts, f);
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
    case Format::json: {
        std::size_t begin = 0;
        for (const auto& f : p.findings) {
            if (d.kept == d.limit) {
                ++d.more;
            } else {
                if (d.kept != 0) d.stream.Put(',');
                d.stream.append(p.bytes.data() + begin, f.end - begin);
                ++d.kept;
                d.summary.errors += f.severity == Severity::error;
                d.summary.warnings += f.severity == Severity::warning;
                d.summary.infos += f.severity == Severity::info;
            }
            begin = f.end;
        }
        break;
    }
    default: break;
    }
    if (d.format != Format::json) {
        d.summary.errors += p.counts.errors;
        d.summary.warnings += p.counts.warnings;
        d.summary.infos += p.counts.infos;
    }
    p.clear();
}

void BatchWriter::end_file()
{
    Impl& d = *impl_;
    if (d.format == Format::json && d.file) {
        if (d.more != 0) {
            const Finding summary = d.too_many(d.limit, d.more);
            d.json_finding(summary);
            count(d.summary, summary);
            d.failed = d.failed || summary.severity >= d.file->fail_severity;
        }
        d.stream.Put(']');
        d.stream.Put('}');
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
    default: break;
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
    default: break;
    }
    d.text.flush();
    d.stream.drain();
}

bool BatchWriter::failed() const { return impl_->failed; }

const Summary& BatchWriter::summary() const { return impl_->summary; }

}  // namespace drslint::format
