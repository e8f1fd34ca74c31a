// JSON Lines batches (one request body per line, e.g. a captured request log), linted on several
// threads with output in input order and memory that stays flat however long the input is.
#pragma once

#include <cstddef>
#include <functional>
#include <istream>

#include "drslint/linter.h"

namespace drslint {

struct LineReport {
    std::size_t line;  // 1-based line of the input
    Report report;     // positions already on that line
};

// What lint_jsonl does with each line's report, in two stages, so that the work a caller does per
// report (applying a config, rendering it) runs on the worker threads too, and only putting the
// results in order is left to the calling thread. Lines are grouped into slots (a batch of lines
// each): `prepare` is called for each line of a slot, in input order, on the thread that linted
// it; then `emit` once for the slot, on the calling thread, once every earlier slot was emitted.
// One thread at a time uses a slot, from its first `prepare` until `emit` returns; after that the
// slot is used again for later lines, so `emit` should leave it empty (keeping its buffers is the
// point: nothing is allocated per slot once the batch is under way).
class JsonlSink {
public:
    virtual ~JsonlSink() = default;
    // Once, on the calling thread, before any line: the slots used are 0 to count - 1.
    virtual void slots(std::size_t count) = 0;
    // A line's report. Called on a worker thread or the calling thread when jobs > 1,
    // concurrently with other slots' prepare and emit, never with its own slot's.
    virtual void prepare(std::size_t slot, LineReport&& line) = 0;
    // The lines prepared into `slot` since its last emit, on the calling thread, in input order.
    virtual void emit(std::size_t slot) = 0;
};

// Lints every non-blank line of `in` with `jobs` threads (at least 1): the calling thread and
// jobs - 1 worker threads started once per call. The calling thread reads ahead and emits, and
// lints (and prepares) a batch of lines itself whenever none is ready to emit. With one job every
// line is prepared and emitted on its own. At most `jobs * 64` lines,
// and 4 MiB per job (or a single longer line), are held at a time. A line longer than the linter's
// input limit is reported (input-too-large), not held.
// Returns the number of lines linted. Throws what a lint, `prepare` or `emit` throws
// (std::bad_alloc), and std::system_error when a thread cannot start, on the calling thread once
// every worker stopped.
std::size_t lint_jsonl(const Linter& linter, std::istream& in, unsigned jobs, JsonlSink& sink);

// The same with every report handed to `emit` on the calling thread, in input order, as soon as
// the lines before it are emitted.
std::size_t lint_jsonl(const Linter& linter, std::istream& in, unsigned jobs,
                       const std::function<void(LineReport&&)>& emit);

}  // namespace drslint
