#include "drslint/jsonl.h"

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
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
// What the reader asks the stream for at a time: one read(2) of a file, not one per line.
constexpr std::size_t kReadBlock = 64u * 1024u;

// Splits the input into lines, reading it in blocks and finding each line's end with memchr: the
// calling thread reads the whole batch, so its time per byte is what the workers wait on
// (istream::getline, a piece of 4 KiB at a time and a copy per line, was most of it).
class LineReader {
public:
    LineReader(std::istream& in, std::size_t limit) : in_(in), limit_(limit), block_(new char[kReadBlock])
    {
        ended_ = !in_.good() || in_.rdbuf() == nullptr;
    }

    // Appends the next line to `out` without its '\n' (and without a '\r' before it), keeping at
    // most `limit` + 1 bytes of it (enough to be refused as too large) and skipping the rest, so
    // that a single huge line cannot exhaust memory. False at the end of the input.
    bool next(std::string& out)
    {
        if (begin_ == end_ && !fill()) return false;
        const std::size_t start = out.size();
        std::size_t kept = 0;
        for (;;) {
            const char* piece = block_.get() + begin_;
            const std::size_t available = end_ - begin_;
            const auto* newline = static_cast<const char*>(std::memchr(piece, '\n', available));
            const std::size_t length = newline != nullptr ? static_cast<std::size_t>(newline - piece) : available;
            const std::size_t take = std::min(length, limit_ + 1 - kept);
            out.append(piece, take);
            kept += take;
            begin_ += length;
            if (newline != nullptr) {
                ++begin_;
                break;
            }
            if (!fill()) break;  // a last line without '\n'
        }
        if (out.size() > start && out.back() == '\r') out.pop_back();
        return true;
    }

private:
    bool fill()
    {
        begin_ = end_ = 0;
        if (ended_) return false;
        std::streamsize got = 0;
        try {
            got = in_.rdbuf()->sgetn(block_.get(), static_cast<std::streamsize>(kReadBlock));
        } catch (...) {
            // As istream::read would: the stream is bad, and the caller asks it (it may throw).
            ended_ = true;
            in_.setstate(std::ios::badbit);
            return false;
        }
        if (got <= 0) {
            ended_ = true;
            in_.setstate(std::ios::eofbit);
            return false;
        }
        end_ = static_cast<std::size_t>(got);
        return true;
    }

    std::istream& in_;
    const std::size_t limit_;
    std::unique_ptr<char[]> block_;
    std::size_t begin_ = 0, end_ = 0;  // the unread part of the block
    bool ended_ = false;
};

bool blank(std::string_view s)
{
    return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

// Lints one line and puts its findings on the input's line.
LineReport lint_line(const Linter& linter, std::size_t number, std::string_view text)
{
    LineReport line{number, linter.lint(text)};
    for (auto& finding : line.report.findings) {
        // Each line is a document of one line: its findings sit on the input's line.
        finding.begin.line = finding.begin.line != 0 ? number : 0;
        finding.end.line = finding.end.line != 0 ? number : 0;
    }
    return line;
}

// A batch of lines, one after another in `text`. Batches are slots of the sink, reused: their
// buffers keep their capacity, so that reading allocates nothing once the batch is under way.
struct Batch {
    struct Line {
        std::size_t number, offset, length;
    };
    std::size_t slot = 0;
    std::string text;
    std::vector<Line> lines;
    bool done = false;  // written under Pool::mutex

    void clear()
    {
        // A batch that held a huge line gives its memory back rather than keep it for the run.
        if (text.capacity() > 2 * kBytesPerBatch) std::string().swap(text);
        text.clear();
        lines.clear();
        done = false;
    }
};

// Persistent workers (started once per batch file, not per chunk) that lint the batches the
// calling thread queues and prepare their reports (JsonlSink::prepare). The calling thread reads
// ahead while they work, emits each batch in input order once it is done, and lints a queued batch
// itself rather than wait: with `jobs` threads linting there are jobs - 1 workers, so a machine's
// cores are not shared by one thread more than there are, and the calling thread seldom sleeps
// (each sleep and wake-up is two system calls, a tenth of a batch's time when it waited for every
// batch). Reading, linting and emitting overlap, with no barrier between chunks. The destructor
// stops and joins the workers, also when the caller is leaving with an exception, so that no
// worker outlives the batches it points into.
class Pool {
public:
    Pool(const Linter& linter, JsonlSink& sink, unsigned workers) : linter_(linter), sink_(sink)
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

    // Until `batch` is prepared, lints queued batches on the calling thread, then waits; rethrows
    // what a worker threw (the first one: std::bad_alloc), which also stops the others.
    void finish(Batch& batch)
    {
        std::unique_lock<std::mutex> lock(mutex_);
        for (;;) {
            if (failure_) std::rethrow_exception(failure_);
            if (batch.done) return;
            if (queue_.empty()) break;
            Batch* next = queue_.front();
            queue_.pop_front();
            lock.unlock();
            // What this throws leaves by the caller's way: the destructor stops the workers.
            run(*next);
            lock.lock();
            next->done = true;
        }
        waiting_for_ = &batch;
        batch_done_.wait(lock, [&] { return batch.done || failure_; });
        waiting_for_ = nullptr;
        if (failure_) std::rethrow_exception(failure_);
    }

private:
    void run(const Batch& batch)
    {
        for (const auto& line : batch.lines) {
            sink_.prepare(batch.slot,
                          lint_line(linter_, line.number, std::string_view(batch.text).substr(line.offset, line.length)));
        }
    }

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
                run(*batch);
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
            bool wanted = false;
            {
                const std::lock_guard<std::mutex> lock(mutex_);
                batch->done = true;
                wanted = waiting_for_ == batch;
            }
            // Only the calling thread waits on it, and only for the batch it must emit next.
            if (wanted) batch_done_.notify_all();
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
    JsonlSink& sink_;
    std::mutex mutex_;
    std::condition_variable work_ready_;  // a batch was queued, or the pool stops
    std::condition_variable batch_done_;  // the batch the calling thread waits for is prepared, or a worker failed
    std::deque<Batch*> queue_;
    const Batch* waiting_for_ = nullptr;
    bool stopping_ = false;
    std::exception_ptr failure_;
    std::vector<std::thread> threads_;
};

// The reports themselves go to the calling thread (the callback form of lint_jsonl).
class ReportSink : public JsonlSink {
public:
    explicit ReportSink(const std::function<void(LineReport&&)>& emit) : emit_(emit) {}

    void slots(std::size_t count) override { slots_.resize(count); }
    void prepare(std::size_t slot, LineReport&& line) override { slots_[slot].push_back(std::move(line)); }
    void emit(std::size_t slot) override
    {
        for (auto& line : slots_[slot]) emit_(std::move(line));
        slots_[slot].clear();
    }

private:
    const std::function<void(LineReport&&)>& emit_;
    std::vector<std::vector<LineReport>> slots_;
};

}  // namespace

std::size_t lint_jsonl(const Linter& linter, std::istream& in, unsigned jobs, JsonlSink& sink)
{
    jobs = std::max(1u, jobs);
    LineReader reader(in, linter.limits().max_input_bytes);
    std::size_t line_number = 0, linted = 0;
    if (jobs == 1) {
        // One thread: a line at a time, with nothing to hand over.
        sink.slots(1);
        std::string line;  // one buffer for every line: next() appends to it
        for (; (line.clear(), reader.next(line));) {
            ++line_number;
            if (blank(line)) continue;
            sink.prepare(0, lint_line(linter, line_number, line));
            sink.emit(0);
            ++linted;
        }
        return linted;
    }
    const std::size_t slots = jobs * kBatchesPerJob;
    sink.slots(slots);
    // Declared before the pool, so that the workers are joined before the batches they lint go.
    std::vector<Batch> batches(slots);
    std::vector<Batch*> free;
    for (std::size_t i = 0; i < slots; ++i) {
        batches[i].slot = i;
        free.push_back(&batches[slots - 1 - i]);
    }
    std::deque<Batch*> in_flight;
    Pool pool(linter, sink, jobs - 1);
    std::size_t bytes_in_flight = 0;
    bool more = true;
    for (;;) {
        while (more && !free.empty() && bytes_in_flight < jobs * kBytesPerJob) {
            Batch& batch = *free.back();
            while (batch.lines.size() < kLinesPerBatch && batch.text.size() < kBytesPerBatch) {
                const std::size_t start = batch.text.size();
                if (!(more = reader.next(batch.text))) break;
                ++line_number;
                if (blank(std::string_view(batch.text).substr(start))) {
                    batch.text.resize(start);
                    continue;
                }
                batch.lines.push_back({line_number, start, batch.text.size() - start});
            }
            if (batch.lines.empty()) break;
            free.pop_back();
            bytes_in_flight += batch.text.size();
            pool.queue(batch);
            in_flight.push_back(&batch);
        }
        if (in_flight.empty()) break;
        Batch& front = *in_flight.front();
        pool.finish(front);
        sink.emit(front.slot);
        linted += front.lines.size();
        bytes_in_flight -= front.text.size();
        front.clear();
        in_flight.pop_front();
        free.push_back(&front);
    }
    return linted;
}

std::size_t lint_jsonl(const Linter& linter, std::istream& in, unsigned jobs,
                       const std::function<void(LineReport&&)>& emit)
{
    ReportSink sink(emit);
    return lint_jsonl(linter, in, jobs, sink);
}

}  // namespace drslint
