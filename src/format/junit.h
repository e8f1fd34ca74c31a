// The JUnit document in pieces, shared by write_junit (a whole vector of reports) and BatchWriter
// (testcases rendered as they arrive, the document written at the end: its counts come first), so
// that both print the same bytes. Each appends to a string.
#pragma once

#include <cstddef>
#include <string>

#include "drslint/format.h"

// Internal (not drslint::format, which the shared library exports whole).
namespace drslint::formatting {

// A file's name as its testsuite's name and its testcases' classname (XML-escaped). Made once per
// file, not per finding.
std::string junit_file_name(const format::FileResult& result);
// <?xml ...?> and <testsuites> with the counts of the whole document.
void write_junit_start(std::string& out, std::size_t tests, std::size_t failures, std::size_t errors);
// A finding's testcase: a failure at or above `result`'s fail severity, else a passing test that
// says what was found. `name` is junit_file_name(result).
void write_junit_testcase(std::string& out, const std::string& name, const format::FileResult& result, const Finding& f);
// A checked file's <testsuite> for its testcases (`findings` of them, `failures` failing), or for
// "no findings" (written here) when there are none; and its end, after the testcases.
void write_junit_suite_start(std::string& out, const std::string& name, std::size_t findings, std::size_t failures);
void write_junit_suite_end(std::string& out);
// The testsuite of an input that could not be checked: one testcase with JUnit's <error>.
void write_junit_unchecked(std::string& out, const format::FileResult& result);
void write_junit_end(std::string& out);

}  // namespace drslint::formatting
