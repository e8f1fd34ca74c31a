// One Linter shared by many threads, as a service shares it: every thread gets the report a single
// thread gets, with and without the valijson cross-check, through the C++ API, the C API and a
// JSON Lines batch on several jobs. Built also under ThreadSanitizer (the tsan preset, which
// tools/test.sh runs), where a data race fails the test.
#define BOOST_TEST_MODULE threads
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <filesystem>
#include <stdexcept>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "drslint/drslint.h"
#include "drslint/file_report.h"
#include "drslint/format.h"
#include "drslint/jsonl.h"
#include "drslint/linter.h"
#include "../support/fixtures.h"

namespace fs = std::filesystem;

namespace {

constexpr unsigned kThreads = 4;
constexpr int kRounds = 3;

// The bundled examples and the benchmark's bodies: valid and invalid, small and large.
std::vector<std::string> bodies()
{
    std::vector<std::string> out;
    for (const char* dir : {"examples", "tests/bench/corpus"}) {
        for (const auto& entry : fs::directory_iterator(fs::path(DRSLINT_SOURCE_DIR) / dir)) {
            if (entry.path().extension() == ".json") out.push_back(drslint::test::read_file(entry.path()));
        }
    }
    BOOST_TEST_REQUIRE(out.size() >= 10u);
    return out;
}

// Runs `work(thread index)` on kThreads threads at once and waits for all of them.
template <typename Work>
void on_threads(Work work)
{
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < kThreads; ++t) threads.emplace_back(work, t);
    for (auto& thread : threads) thread.join();
}

void shared_linter_agrees_with_one_thread(const drslint::Linter& linter)
{
    const auto all = bodies();
    std::vector<std::vector<std::vector<std::string>>> got(kThreads);
    on_threads([&](unsigned t) {
        for (int round = 0; round < kRounds; ++round) {
            for (std::size_t i = 0; i < all.size(); ++i) {
                // Each thread starts at another body, so different bodies run at the same time.
                const std::size_t k = (i + t * 3) % all.size();
                if (round == 0) got[t].resize(all.size());
                got[t][k] = drslint::test::finding_lines(linter.lint(all[k]));
            }
        }
    });
    // One thread's answers come after the threads' (not before), so that the threads start cold:
    // whatever the library sets up lazily is set up while they race.
    std::vector<std::vector<std::string>> expected;
    for (const auto& body : all) expected.push_back(drslint::test::finding_lines(linter.lint(body)));
    for (unsigned t = 0; t < kThreads; ++t) {
        for (std::size_t i = 0; i < all.size(); ++i) BOOST_TEST(got[t][i] == expected[i], "thread " << t << " body " << i);
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(one_linter_serves_many_threads)
{
    shared_linter_agrees_with_one_thread(drslint::test::default_linter());
}

BOOST_AUTO_TEST_CASE(one_cross_checking_linter_serves_many_threads)
{
    // valijson's Validator (and its std::regex cache) is per thread inside the library.
    shared_linter_agrees_with_one_thread(drslint::test::cross_checking_linter());
}

BOOST_AUTO_TEST_CASE(the_c_api_serves_many_threads)
{
    drslint_linter* linter = nullptr;
    BOOST_TEST_REQUIRE(drslint_linter_new(nullptr, &linter) == DRSLINT_OK);
    const auto all = bodies();
    std::vector<std::size_t> expected;
    for (const auto& body : all) {
        drslint_result* result = nullptr;
        BOOST_TEST_REQUIRE(drslint_lint(linter, body.data(), body.size(), &result) == DRSLINT_OK);
        expected.push_back(drslint_result_count(result));
        drslint_result_free(result);
    }
    std::vector<int> mismatches(kThreads, 0);
    on_threads([&](unsigned t) {
        for (int round = 0; round < kRounds; ++round) {
            for (std::size_t i = 0; i < all.size(); ++i) {
                drslint_result* result = nullptr;
                const int code = drslint_lint(linter, all[i].data(), all[i].size(), &result);
                if (code != DRSLINT_OK || drslint_result_count(result) != expected[i]) ++mismatches[t];
                if (code == DRSLINT_OK && drslint_result_count(result) > 0) {
                    std::size_t length = 0;
                    if (drslint_finding_rule(result, 0, &length) == nullptr || length == 0) ++mismatches[t];
                }
                drslint_result_free(result);
            }
        }
    });
    for (unsigned t = 0; t < kThreads; ++t) BOOST_TEST(mismatches[t] == 0, "thread " << t);
    drslint_linter_free(linter);
}

BOOST_AUTO_TEST_CASE(a_batch_on_four_jobs_with_the_cross_check_is_the_batch_on_one)
{
    std::string batch;
    for (int round = 0; round < 4; ++round) {
        for (auto body : bodies()) {
            for (char& c : body) c = c == '\n' || c == '\r' ? ' ' : c;
            batch += body + "\n";
        }
    }
    auto run = [&](unsigned jobs) {
        std::istringstream in(batch);
        std::vector<std::string> lines;
        drslint::lint_jsonl(drslint::test::cross_checking_linter(), in, jobs, [&](drslint::LineReport&& r) {
            for (const auto& line : drslint::test::finding_lines(r.report)) lines.push_back(std::to_string(r.line) + " " + line);
        });
        return lines;
    };
    const auto one = run(1);
    BOOST_TEST(!one.empty());
    BOOST_TEST(run(4) == one);
}

// The pool's output, through the batch writer as the CLI prints it, is the one thread's output
// byte for byte, over many more lines than are in flight at a time (so workers take batches while
// others are emitted), in every format.
BOOST_AUTO_TEST_CASE(a_long_batch_prints_the_same_bytes_on_three_jobs_as_on_one)
{
    std::string batch;
    const auto all = bodies();
    for (int i = 0; i < 1200; ++i) {
        std::string body = all[(i * 5) % all.size()];
        for (char& c : body) c = c == '\n' || c == '\r' ? ' ' : c;
        batch += body + (i % 11 == 0 ? "\n\n" : "\n");
    }
    const drslint::Linter linter;
    drslint::format::Context context;
    context.rules = &linter.rules();
    for (const auto format : {drslint::format::Format::text, drslint::format::Format::json,
                              drslint::format::Format::jsonl, drslint::format::Format::github,
                              drslint::format::Format::sarif, drslint::format::Format::junit}) {
        auto run = [&](unsigned jobs) {
            std::istringstream in(batch);
            std::ostringstream out;
            drslint::format::BatchWriter writer(out, format, context, 100,
                                                [&](std::size_t limit, std::size_t more) {
                                                    return linter.too_many_findings(limit, more, false);
                                                });
            writer.begin_file(drslint::finish_file("batch.jsonl", {}, {}, drslint::Config(), std::nullopt));
            drslint::lint_jsonl(linter, in, jobs, [&](drslint::LineReport&& r) {
                writer.add(drslint::finish_file("batch.jsonl", {}, std::move(r.report), drslint::Config(), std::nullopt));
            });
            writer.end_file();
            writer.finish();
            return out.str();
        };
        const std::string one = run(1);
        BOOST_TEST(one.size() > 10000u);
        BOOST_TEST((run(3) == one), "format " << static_cast<int>(format));
    }
}

namespace {

// As the CLI prints a batch: the config applied and each body rendered on the worker that linted
// it (JsonlSink::prepare), the rendered parts printed in order (emit).
class RenderingSink : public drslint::JsonlSink {
public:
    explicit RenderingSink(drslint::format::BatchWriter& writer) : writer_(writer) {}
    void slots(std::size_t count) override { parts_.resize(count); }
    void prepare(std::size_t slot, drslint::LineReport&& line) override
    {
        writer_.render(drslint::finish_file("batch.jsonl", {}, std::move(line.report), drslint::Config(), std::nullopt),
                       parts_[slot]);
    }
    void emit(std::size_t slot) override { writer_.add(parts_[slot]); }

private:
    drslint::format::BatchWriter& writer_;
    std::vector<drslint::format::RenderedPart> parts_;
};

std::string long_batch()
{
    std::string batch;
    const auto all = bodies();
    for (int i = 0; i < 1200; ++i) {
        std::string body = all[(i * 7) % all.size()];
        for (char& c : body) c = c == '\n' || c == '\r' ? ' ' : c;
        batch += body + (i % 13 == 0 ? "\n\n" : "\n");
    }
    return batch;
}

}  // namespace

// Bodies rendered on three workers print, through the batch writer, the bytes one thread prints
// adding each report, in every format; a document's limit (json, sarif, junit; here 150 findings)
// cuts a rendered batch of bodies where one thread cuts it.
BOOST_AUTO_TEST_CASE(bodies_rendered_on_the_workers_print_what_one_thread_prints)
{
    const std::string batch = long_batch();
    const drslint::Linter linter;
    drslint::format::Context context;
    context.rules = &linter.rules();
    const auto too_many = [&](std::size_t limit, std::size_t more) { return linter.too_many_findings(limit, more, false); };
    for (const auto format : {drslint::format::Format::text, drslint::format::Format::json,
                              drslint::format::Format::jsonl, drslint::format::Format::github,
                              drslint::format::Format::sarif, drslint::format::Format::junit}) {
        std::string one, three;
        for (const unsigned jobs : {1u, 3u}) {
            std::istringstream in(batch);
            std::ostringstream out;
            drslint::format::BatchWriter writer(out, format, context, 150, too_many);
            writer.begin_file(drslint::finish_file("batch.jsonl", {}, {}, drslint::Config(), std::nullopt));
            if (jobs == 1) {
                drslint::lint_jsonl(linter, in, 1, [&](drslint::LineReport&& r) {
                    writer.add(drslint::finish_file("batch.jsonl", {}, std::move(r.report), drslint::Config(), std::nullopt));
                });
            } else {
                RenderingSink sink(writer);
                drslint::lint_jsonl(linter, in, jobs, sink);
            }
            writer.end_file();
            writer.finish();
            (jobs == 1 ? one : three) = out.str();
        }
        BOOST_TEST(one.size() > 10000u);
        if (format == drslint::format::Format::json || format == drslint::format::Format::junit) {
            BOOST_TEST(one.find("too-many-findings") != std::string::npos);
        }
        if (format == drslint::format::Format::sarif) {
            BOOST_TEST(one.find("\"ruleId\": \"too-many-findings\"") != std::string::npos);
        }
        BOOST_TEST((three == one), "format " << static_cast<int>(format));
    }
}

// What prepare throws on a worker (here after 300 lines) reaches the caller once every worker has
// stopped, and nothing is emitted after it; so does what emit throws on the calling thread.
BOOST_AUTO_TEST_CASE(what_a_sink_throws_reaches_the_caller)
{
    const std::string batch = long_batch();
    const drslint::Linter linter;
    struct Throwing : drslint::JsonlSink {
        bool in_prepare = true;
        std::atomic<int> prepared{0};
        std::size_t emitted = 0;
        void slots(std::size_t) override {}
        void prepare(std::size_t, drslint::LineReport&&) override
        {
            if (++prepared == 300 && in_prepare) throw std::runtime_error("prepare failed");
        }
        void emit(std::size_t) override
        {
            if (++emitted == 5 && !in_prepare) throw std::runtime_error("emit failed");
        }
    };
    for (const bool in_prepare : {true, false}) {
        Throwing sink;
        sink.in_prepare = in_prepare;
        std::istringstream in(batch);
        std::string what;
        try {
            drslint::lint_jsonl(linter, in, 2, sink);
        } catch (const std::runtime_error& e) {
            what = e.what();
        }
        BOOST_TEST(what == (in_prepare ? "prepare failed" : "emit failed"));
        // Nothing is read past the lines in flight (2 jobs: 128 lines), nor emitted after the throw.
        BOOST_TEST(sink.prepared.load() <= (in_prepare ? 300 + 128 : 4 * 16 + 128));
        if (!in_prepare) BOOST_TEST(sink.emitted == 5u);
    }
}
