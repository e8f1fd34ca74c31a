// GitHub workflow commands and JUnit XML: escaped, a suite per file and a case per finding.
#include <boost/test/unit_test.hpp>

#include "format_support.h"

// ---- github ----

BOOST_AUTO_TEST_CASE(github_workflow_commands_are_escaped)
{
    const std::vector<FileResult> results = {
        result("dir/a,b:c.json", "{}",
               {finding("enum-value", Severity::error, "/job/type", 2, 5, 2, 11, "100% wrong\r\nreally"),
                finding("unknown-member", Severity::warning, "/x", 3, 1, 5, 2, "w"),
                finding("required-member", Severity::info, "", 1, 1, 1, 2, "i")}),
        result("-", "{}", {finding("string-length", Severity::error, "/y", 1, 2, 1, 3, "s")})};
    const auto lines = lines_of(render(drslint::format::Format::github, results));
    BOOST_TEST_REQUIRE(lines.size() == 5u);
    BOOST_TEST(lines[0] ==
               "::error file=dir/a%2Cb%3Ac.json,line=2,col=5,endLine=2,endColumn=10,title=enum-value::"
               "100%25 wrong%0D%0Areally (at /job/type)");
    BOOST_TEST(lines[1] == "::warning file=dir/a%2Cb%3Ac.json,line=3,endLine=5,title=unknown-member::w (at /x)");
    BOOST_TEST(lines[2] == "::notice file=dir/a%2Cb%3Ac.json,line=1,col=1,endLine=1,endColumn=1,title=required-member::i");
    BOOST_TEST(lines[3] == "::error line=1,col=2,endLine=1,endColumn=2,title=string-length::s (at /y)");
    BOOST_TEST(lines[4] == "2 files checked: 2 errors, 1 warning, 1 info");
}

// ---- junit ----

BOOST_AUTO_TEST_CASE(junit_has_a_suite_per_file_and_a_case_per_finding)
{
    const std::vector<FileResult> results = {
        result("a&b.json", "{}",
               {finding("enum-value", Severity::error, "/job/type", 2, 5, 2, 11, "is \"<nmae>\""),
                finding("unknown-member", Severity::warning, "/x", 3, 1, 3, 4, "w")}),
        result("clean.json", "{}", {})};
    const std::string out = render(drslint::format::Format::junit, results);
    BOOST_TEST(out.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"drslint\" tests=\"3\" failures=\"1\"", 0) == 0, out);
    BOOST_TEST(contains(out, "<testsuite name=\"a&amp;b.json\" tests=\"2\" failures=\"1\""), out);
    BOOST_TEST(contains(out, "<testcase name=\"enum-value at /job/type\" classname=\"a&amp;b.json\">"), out);
    BOOST_TEST(contains(out, "<failure message=\"is &quot;&lt;nmae&gt;&quot;\" type=\"enum-value\">"), out);
    // A warning below the fail severity is a passing case that still says what was found.
    BOOST_TEST(contains(out, "<testcase name=\"unknown-member at /x\" classname=\"a&amp;b.json\">\n      <system-out>"), out);
    BOOST_TEST(contains(out, "<testsuite name=\"clean.json\" tests=\"1\" failures=\"0\""), out);
    BOOST_TEST(contains(out, "<testcase name=\"no findings\" classname=\"clean.json\"/>"), out);
    BOOST_TEST(!contains(out, "<nmae>"));
    // With warnings failing, the warning is a failure too.
    const std::string strict = render(drslint::format::Format::junit,
                                      {result("a.json", "{}", {finding("unknown-member", Severity::warning, "/x", 3, 1, 3, 4, "w")},
                                              Config(), Severity::warning)});
    BOOST_TEST(contains(strict, "<failure message=\"w\" type=\"unknown-member\">"), strict);
}
