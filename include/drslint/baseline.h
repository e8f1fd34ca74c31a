// --write-baseline: a config file that silences every finding reported today, so that a project
// can adopt drslint and fail only on new findings.
#pragma once

#include <cstddef>
#include <filesystem>
#include <vector>

#include "drslint/config.h"
#include "drslint/file_report.h"

namespace drslint {

// `in_effect` (the config the files were linted with) with its `files` globs re-based onto the
// baseline's directory, plus one ignore entry (rule, pointer, the file's own path as a glob that
// matches only it) per finding in `results`, in report order and without repeats. Findings that
// no config may silence (is_unsilenceable) are left out and counted in `left_out`. Throws
// ConfigError for standard input, which has no path to name.
Config make_baseline(const Config& in_effect, const std::filesystem::path& baseline_file,
                     const std::vector<FileReport>& results, std::size_t& left_out);

}  // namespace drslint
