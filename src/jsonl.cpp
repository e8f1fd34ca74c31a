#include "drslint/jsonl.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

namespace drslint {
namespace {

constexpr std::size_t kLinesPerJob = 64;
// A chunk also ends once its lines hold this many bytes per job (a line of megabytes is a chunk of
// its own), so that the text held at a time is bounded by bytes, not only by lines.
constexpr std::size_t kBytesPerJob = 4u * 1024u * 1024u;

// Reads one line; keeps at most `limit` + 1 bytes of it (enough to be refused as too large) and
// discards the rest, so a single huge line cannot exhaust memory. Reads in blocks (istream::getline
// into a buffer), not a character at a time: per-character reads were a sixth of a batch's time.
bool read_line(std::istream& in, std::string& line, std::size_t limit)
{
    line.clear();
    if (!in.good()) return false;
    char buffer[4096];
    bool any = false;
    for (;;) {
        in.getline(buffer, sizeof buffer);
        const auto got = static_cast<std::size_t>(in.gcount());
        any = any || got > 0;
        const bool full = in.fail() && !in.eof() && got == sizeof buffer - 1;  // no '\n' in it yet
        const bool ended = !in.fail() && !in.eof();                            // '\n' read, not stored
        const std::size_t stored = ended ? got - 1 : got;
        if (line.size() <= limit) line.append(buffer, std::min(stored, limit + 1 - line.size()));
        if (!full) break;
        in.clear(in.rdstate() & ~std::ios::failbit);
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return any;
}

bool blank(const std::string& s)
{
    return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

}  // namespace

std::size_t lint_jsonl(const Linter& linter, std::istream& in, unsigned jobs,
                       const std::function<void(LineReport&&)>& emit)
{
    jobs = std::max(1u, jobs);
    const std::size_t limit = linter.limits().max_input_bytes;
    struct Item {
        std::size_t line;
        std::string text;
        Report report;
    };
    std::vector<Item> chunk;
    std::size_t line_number = 0, linted = 0;
    std::string line;
    bool more = true;
    while (more) {
        // Fill a chunk, lint it on `jobs` threads, emit it in order, and start over.
        chunk.clear();
        std::size_t bytes = 0;
        while (chunk.size() < jobs * kLinesPerJob && bytes < jobs * kBytesPerJob &&
               (more = read_line(in, line, limit))) {
            ++line_number;
            if (!blank(line)) {
                bytes += line.size();
                chunk.push_back({line_number, line, {}});
            }
        }
        // An exception in a worker (std::bad_alloc) or a thread that cannot start must reach the
        // caller, not std::terminate: the first one stops the chunk and is rethrown after the join.
        std::atomic<std::size_t> next{0};
        std::mutex failure_mutex;
        std::exception_ptr failure;
        auto fail = [&](std::exception_ptr e) {
            next = chunk.size();
            const std::lock_guard<std::mutex> lock(failure_mutex);
            if (!failure) failure = e;
        };
        auto work = [&]() noexcept {
            try {
                for (std::size_t i; (i = next.fetch_add(1)) < chunk.size();) {
                    chunk[i].report = linter.lint(chunk[i].text);
                    std::string().swap(chunk[i].text);
                }
            } catch (...) {
                fail(std::current_exception());
            }
        };
        std::vector<std::thread> threads;
        try {
            threads.reserve(jobs);
            for (unsigned t = 1; t < jobs && t < chunk.size(); ++t) threads.emplace_back(work);
        } catch (const std::system_error& e) {
            fail(std::make_exception_ptr(std::system_error(e.code(), "cannot start a worker thread")));
        } catch (...) {
            fail(std::current_exception());
        }
        work();
        for (auto& thread : threads) thread.join();
        if (failure) std::rethrow_exception(failure);
        for (auto& item : chunk) {
            for (auto& finding : item.report.findings) {
                // Each line is a document of one line: its findings sit on the input's line.
                finding.begin.line = finding.begin.line != 0 ? item.line : 0;
                finding.end.line = finding.end.line != 0 ? item.line : 0;
            }
            emit({item.line, std::move(item.report)});
            ++linted;
        }
    }
    return linted;
}

}  // namespace drslint
