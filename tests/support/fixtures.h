// What most test binaries need: one Linter with default options, built once and shared (it is
// immutable and thread-safe), one that also cross-checks with valijson, and a file read whole.
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "drslint/linter.h"

namespace drslint::test {

inline const Linter& default_linter()
{
    static const Linter instance;
    return instance;
}

// Validates every body with valijson too: a verdict the two engines disagree on becomes an
// engine-disagreement finding, so comparing its reports with default_linter()'s is a differential
// test of the evaluator against the engine of record.
inline const Linter& cross_checking_linter()
{
    static const Linter instance([] {
        Options options;
        options.cross_check_with_valijson = true;
        return options;
    }());
    return instance;
}

// Rule, pointer and message of each finding, in report order: what two reports must share to
// say the same thing. cross-check-skipped, the note that valijson did not see a body with a long
// string, is left out: it is the one finding only a cross-checking report has.
inline std::vector<std::string> finding_lines(const Report& report)
{
    std::vector<std::string> lines;
    for (const auto& f : report.findings) {
        if (f.rule != "cross-check-skipped") lines.push_back(f.rule + " " + f.pointer + " " + f.message);
    }
    return lines;
}

inline std::string read_file(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace drslint::test
