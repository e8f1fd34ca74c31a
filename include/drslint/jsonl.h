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

// Lints every non-blank line of `in` with `jobs` threads (at least 1; one is the calling thread
// alone, more are worker threads started once per call, while the calling thread reads ahead and
// emits). `emit` is called on the calling thread, once per linted line, in input order, as soon as
// the lines before it are emitted. At most `jobs * 64` lines, and 4 MiB per job (or a single
// longer line), are held at a time. A line longer than the linter's input limit
// is reported (input-too-large), not held.
// Returns the number of lines linted. Throws what a lint throws (std::bad_alloc), and
// std::system_error when a thread cannot start, on the calling thread once every worker stopped.
std::size_t lint_jsonl(const Linter& linter, std::istream& in, unsigned jobs,
                       const std::function<void(LineReport&&)>& emit);

}  // namespace drslint
