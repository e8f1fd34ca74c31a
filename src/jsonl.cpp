#include "drslint/jsonl.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

namespace drslint {
namespace {

// Lines go to the workers in batches: small enough that the lines in flight stay few (at most
// kBatchesPerJob * kLinesPerBatch = 64 lines and about 4 MiB per job), large enough that a worker
// takes the lock once per batch, not per line. A batch also ends once its lines hold
// kBytesPerBatch (a line of megabytes is a batch of its own), so that the text held at a time is
// bounded by bytes, not only by lines.
constexpr std::size_t kLinesPerBatch = 16;
constexpr std::size_t kBatchesPerJob = 4;
constexpr std::size_t kBytesPerBatch = 1024u * 1024u;
// And the calling thread reads no further ahead than this many bytes per job in flight.
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

struct Item {
    std::size_t line;
    std::string text;
    Report report;
};

// Lints one line where it was read into and puts its findings on the input's line.
void lint_item(const Linter& linter, Item& item)
{
    item.report = linter.lint(item.text);
    std::string().swap(item.text);
    for (auto& finding : item.report.findings) {
        // Each line is a document of one line: its findings sit on the input's line.
        finding.begin.line = finding.begin.line != 0 ? item.line : 0;
        finding.end.line = finding.end.line != 0 ? item.line : 0;
    }
}

struct Batch {
    std::vector<Item> items;
    std::size_t bytes = 0;
    bool done = false;  // written under Pool::mutex
};

// Persistent workers (started once per batch file, not per chunk) that lint the batches the
// calling thread queues. The calling thread reads ahead while they lint, and emits each batch in
// input order once it is done: reading, linting and emitting overlap, with no barrier between
// chunks. The destructor stops and joins the workers, also when the caller is leaving with an
// exception, so that no worker outlives the batches it points into.
class Pool {
public:
    Pool(const Linter& linter, unsigned workers) : linter_(linter)
    {
        try {
            threads_.reserve(workers);
            for (unsigned t = 0; t < workers; ++t) threads_.emplace_back([this] { work(); });
        } catch (const std::system_error& e) {
            stop();
            throw std::system_error(e.code(), "cannot start a worker thread");
        } catch (...) {
            stop();
            throw;
        }
    }
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;
    ~Pool() { stop(); }

    void queue(Batch& batch)
    {
        {
            const std::lock_guard<std::mutex> lock(mutex_);
            queue_.push_back(&batch);
        }
        work_ready_.notify_one();
    }

    // Waits until `batch` is linted; rethrows, on the calling thread, what a worker threw (the
    // first one: std::bad_alloc), which also stops the others.
    void wait(const Batch& batch)
    {
        std::unique_lock<std::mutex> lock(mutex_);
        batch_done_.wait(lock, [&] { return batch.done || failure_; });
        if (failure_) std::rethrow_exception(failure_);
    }

private:
    void work() noexcept
    {
        for (;;) {
            Batch* batch = nullptr;
            {
                std::unique_lock<std::mutex> lock(mutex_);
                work_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
                if (stopping_) return;
                batch = queue_.front();
                queue_.pop_front();
            }
            try {
                for (auto& item : batch->items) lint_item(linter_, item);
            } catch (...) {
                {
                    const std::lock_guard<std::mutex> lock(mutex_);
                    if (!failure_) failure_ = std::current_exception();
                    stopping_ = true;
                }
                work_ready_.notify_all();
                batch_done_.notify_all();
                return;
            }
            {
                const std::lock_guard<std::mutex> lock(mutex_);
                batch->done = true;
            }
            // Only the calling thread waits on it.
            batch_done_.notify_all();
        }
    }

    void stop() noexcept
    {
        {
            const std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
        }
        work_ready_.notify_all();
        for (auto& thread : threads_) thread.join();
        threads_.clear();
    }

    const Linter& linter_;
    std::mutex mutex_;
    std::condition_variable work_ready_;  // a batch was queued, or the pool stops
    std::condition_variable batch_done_;  // a batch was linted, or a worker failed
    std::deque<Batch*> queue_;
    bool stopping_ = false;
    std::exception_ptr failure_;
    std::vector<std::thread> threads_;
};

}  // namespace

std::size_t lint_jsonl(const Linter& linter, std::istream& in, unsigned jobs,
                       const std::function<void(LineReport&&)>& emit)
{
    jobs = std::max(1u, jobs);
    const std::size_t limit = linter.limits().max_input_bytes;
    std::size_t line_number = 0, linted = 0;
    std::string line;
    if (jobs == 1) {
        // One thread: a line at a time, with nothing to hand over.
        while (read_line(in, line, limit)) {
            ++line_number;
            if (blank(line)) continue;
            Item item{line_number, line, {}};
            lint_item(linter, item);
            emit({item.line, std::move(item.report)});
            ++linted;
        }
        return linted;
    }
    // Declared before the pool, so that the workers are joined before the batches they lint go.
    std::deque<std::unique_ptr<Batch>> in_flight;
    Pool pool(linter, jobs);
    std::size_t bytes_in_flight = 0;
    bool more = true;
    for (;;) {
        while (more && in_flight.size() < jobs * kBatchesPerJob && bytes_in_flight < jobs * kBytesPerJob) {
            auto batch = std::make_unique<Batch>();
            while (batch->items.size() < kLinesPerBatch && batch->bytes < kBytesPerBatch &&
                   (more = read_line(in, line, limit))) {
                ++line_number;
                if (blank(line)) continue;
                batch->bytes += line.size();
                batch->items.push_back({line_number, line, {}});
            }
            if (batch->items.empty()) break;
            bytes_in_flight += batch->bytes;
            pool.queue(*batch);
            in_flight.push_back(std::move(batch));
        }
        if (in_flight.empty()) break;
        Batch& front = *in_flight.front();
        pool.wait(front);
        for (auto& item : front.items) {
            emit({item.line, std::move(item.report)});
            ++linted;
        }
        bytes_in_flight -= front.bytes;
        in_flight.pop_front();
    }
    return linted;
}

}  // namespace drslint
