// drslint_bench: Google Benchmark suite for issue 7 ("faster than ajv, close to the JSON parse
// floor"). Every body is measured at each stage of the pipeline, so that ratios between stages
// and against the bare RapidJSON parse come from one run on one machine:
//
//   rapidjson_parse/BODY   the floor: RapidJSON into a Document, with src/parse's flags
//   drslint_parse/BODY     parse::parse_json: the floor plus depth limit and duplicate keys
//   parse_evaluate/BODY    drslint_parse plus the compiled evaluator (schema validation alone)
//   parse_valijson/BODY    drslint_parse plus valijson (what the cross-check adds)
//   check_parsed/BODY      the evaluator and the rule engine on a body parsed beforehand: what
//                          ajv's validate() of a parsed body does (lint without parse and report)
//   lint/BODY              Linter::lint as shipped (schemas and rules; drslint's evaluator)
//   lint_cross_check/BODY  Linter::lint with Options::cross_check_with_valijson (--cross-check)
//   lint_render/BODY       lint plus format::write_json of the report into a string (one stream
//                          for all iterations, as a batch has one)
//   finding_cost/BODY      the verdict and lint_render timed in pairs: counter finding_ns, the
//                          median difference per finding (invalid bodies only)
//   startup/linter         constructing a Linter (schema compilation; paid once per process)
//
// Each benchmark carries the counters "bytes" (body size) and "findings" (lint's count), and the
// label "valid" or "invalid"; tools/bench/compare.sh turns the JSON output into ratios.
//
// Helper modes (not benchmarks; they exist for tools/bench/compare.sh and for profiling):
//   drslint_bench --emit DIR [--tables N] [--lines N]
//       writes DIR/valid-db_object-large.json, DIR/mixed.jsonl (N bodies, 30% of them invalid) and
//       DIR/valid.jsonl (N valid bodies), drawn seeded from the schema cases, examples and corpus
//   drslint_bench --jsonl FILE [--jobs N] [--cross-check]
//       lints every line of FILE with drslint::lint_jsonl (N threads, default 1) and prints one
//       summary line: the library without the CLI's output, and with the cross-check switchable
//   drslint_bench --lint FILE [--repeat N] [--cross-check] [--render]
//       lints one file N times (for valgrind --tool=callgrind), and with --render writes each report
//       as lint_render does
// Common: --corpus DIR (default: tests/bench/corpus of the source tree).
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <benchmark/benchmark.h>
#include <rapidjson/document.h>

#include "drslint/format.h"
#include "drslint/jsonl.h"
#include "drslint/linter.h"
#include "format/output.h"
#include "parse/json_parser.h"
#include "rules/facts.h"
#include "rules/rule_catalogue.h"
#include "rules/rule_engine.h"
#include "schema/embedded.h"
#include "schema/evaluator.h"
#include "schema/schema_set.h"
#include "schema/valijson_engine.h"
#include "bench_corpus.h"

namespace {

using drslint::bench::Body;

// The flags src/parse/json_parser.cpp reads with: the floor must do the same work.
constexpr unsigned kParseFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;
constexpr const char* kRootSchema = "request/update-job-request.schema.json";

drslint::Options options_with_cross_check(bool cross_check)
{
    drslint::Options options;
    options.cross_check_with_valijson = cross_check;
    // As a JSON Lines batch lints (the path issue 17 measures): proving fixes costs a lint more
    // per fixable body, which a batch that only reports does not pay.
    options.offer_fixes = false;
    return options;
}

// The library's internals, built the way Linter builds them, so that each stage can be timed
// without the stages after it.
struct Stages {
    Stages()
        : schemas(drslint::embedded::api_schema_files()),
          root(schemas.root(kRootSchema)),
          evaluator(),
          valijson(schemas, kRootSchema),
          catalogue(drslint::embedded::file("rules.json")),
          engine(catalogue),
          linter(options_with_cross_check(false)),
          cross_checking_linter(options_with_cross_check(true))
    {
    }

    drslint::Limits limits;
    drslint::schema::SchemaSet schemas;
    const drslint::schema::Node& root;
    drslint::schema::Evaluator evaluator;
    drslint::schema::ValijsonEngine valijson;
    drslint::rules::RuleCatalogue catalogue;
    drslint::rules::RuleEngine engine;
    drslint::Linter linter;
    drslint::Linter cross_checking_linter;
};

drslint::parse::ParseResult drslint_parse(const Stages& s, const Body& body)
{
    return drslint::parse::parse_json(body.text, {s.limits.max_depth});
}

// Where lint_render writes: one stream for every iteration, into a string that keeps its
// capacity, as a batch writes every body to one stream. A stream built per report (its locale, its
// buffer growing from nothing) would be counted as the findings' cost, which no batch pays.
class RenderTarget {
public:
    explicit RenderTarget(const Body& body) : buffer_(text_), out_(&buffer_), results_(1)
    {
        results_[0].file = results_[0].display_name = body.name + ".json";
    }
    // The report as --format json writes it; the text stays until the next call.
    const std::string& render(drslint::Report report)
    {
        text_.clear();
        results_[0].report = std::move(report);
        drslint::format::write_json(out_, results_);
        return text_;
    }

private:
    std::string text_;
    drslint::formatting::StringBuffer buffer_;  // appends to text_
    std::ostream out_;
    std::vector<drslint::format::FileResult> results_;
};

void set_counters(benchmark::State& state, const Body& body, std::size_t findings)
{
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * body.text.size()));
    state.counters["bytes"] = static_cast<double>(body.text.size());
    state.counters["findings"] = static_cast<double>(findings);
    state.SetLabel(body.valid ? "valid" : "invalid");
}

// One function per stage, all with the same signature so that one loop registers them all.
using StageFn = void (*)(benchmark::State&, const Stages&, const Body&);

void bm_rapidjson_parse(benchmark::State& state, const Stages&, const Body& body)
{
    for (auto _ : state) {
        rapidjson::Document document;
        document.Parse<kParseFlags>(body.text.data(), body.text.size());
        benchmark::DoNotOptimize(document.HasParseError());
    }
}

void bm_drslint_parse(benchmark::State& state, const Stages& s, const Body& body)
{
    for (auto _ : state) {
        auto parsed = drslint_parse(s, body);
        benchmark::DoNotOptimize(parsed.ok);
    }
}

void bm_parse_evaluate(benchmark::State& state, const Stages& s, const Body& body)
{
    std::vector<drslint::schema::Violation> violations;
    for (auto _ : state) {
        auto parsed = drslint_parse(s, body);
        violations.clear();
        if (parsed.ok) {
            benchmark::DoNotOptimize(s.evaluator.validate(s.root, parsed.document, &violations));
        }
    }
}

void bm_check_parsed(benchmark::State& state, const Stages& s, const Body& body)
{
    const auto parsed = drslint_parse(s, body);
    if (!parsed.ok) {
        state.SkipWithError("the body does not parse");
        return;
    }
    std::vector<drslint::schema::Violation> violations;
    std::vector<drslint::core::Located> located;
    for (auto _ : state) {
        violations.clear();
        located.clear();
        s.evaluator.validate(s.root, parsed.document, &violations);
        s.engine.evaluate(parsed.document, drslint::rules::gather_facts(parsed.document, {}), located, 4000);
        benchmark::DoNotOptimize(violations.data());
        benchmark::DoNotOptimize(located.data());
    }
}

void bm_parse_valijson(benchmark::State& state, const Stages& s, const Body& body)
{
    for (auto _ : state) {
        auto parsed = drslint_parse(s, body);
        if (parsed.ok) {
            auto leaves = s.valijson.validate(parsed.document);
            benchmark::DoNotOptimize(leaves.data());
        }
    }
}

void bm_lint_cross_check(benchmark::State& state, const Stages& s, const Body& body)
{
    for (auto _ : state) {
        auto report = s.cross_checking_linter.lint(body.text);
        benchmark::DoNotOptimize(report.findings.data());
    }
}

void bm_lint(benchmark::State& state, const Stages& s, const Body& body)
{
    for (auto _ : state) {
        auto report = s.linter.lint(body.text);
        benchmark::DoNotOptimize(report.findings.data());
    }
}

void bm_lint_render(benchmark::State& state, const Stages& s, const Body& body)
{
    RenderTarget target(body);
    for (auto _ : state) {
        const std::string& rendered = target.render(s.linter.lint(body.text));
        benchmark::DoNotOptimize(rendered.data());
    }
}

// A finding's cost, paired: each iteration times the verdict (drslint_parse, then check_parsed's
// work) and lint_render on the same body back to back, and the counter "finding_ns" is the median
// of their differences over the findings. Two benchmarks timed apart and subtracted (the fastest of
// each) let load that came and went between them decide the difference; in pairs it meets both
// sides, and the median leaves out the iterations an interrupt fell into. The benchmark's own time
// is the whole pair.
void bm_finding_cost(benchmark::State& state, const Stages& s, const Body& body)
{
    const std::size_t findings = s.linter.lint(body.text).findings.size();
    if (findings == 0) {
        state.SkipWithError("the body has no findings");
        return;
    }
    RenderTarget target(body);
    std::vector<drslint::schema::Violation> violations;
    std::vector<drslint::core::Located> located;
    std::vector<double> differences;
    differences.reserve(static_cast<std::size_t>(state.max_iterations));
    using Clock = std::chrono::steady_clock;
    for (auto _ : state) {
        const Clock::time_point start = Clock::now();
        {
            auto parsed = drslint_parse(s, body);
            violations.clear();
            located.clear();
            if (parsed.ok) {
                s.evaluator.validate(s.root, parsed.document, &violations);
                s.engine.evaluate(parsed.document, drslint::rules::gather_facts(parsed.document, {}), located, 4000);
            }
            benchmark::DoNotOptimize(violations.data());
            benchmark::DoNotOptimize(located.data());
        }
        const Clock::time_point verdict = Clock::now();
        const std::string& rendered = target.render(s.linter.lint(body.text));
        benchmark::DoNotOptimize(rendered.data());
        const Clock::time_point end = Clock::now();
        state.SetIterationTime(std::chrono::duration<double>(end - start).count());
        differences.push_back(std::chrono::duration<double, std::nano>((end - verdict) - (verdict - start)).count());
    }
    if (differences.empty()) return;
    const auto middle = differences.begin() + static_cast<std::ptrdiff_t>(differences.size() / 2);
    std::nth_element(differences.begin(), middle, differences.end());
    state.counters["finding_ns"] = *middle / static_cast<double>(findings);
}

const std::pair<const char*, StageFn> kStages[] = {
    {"rapidjson_parse", bm_rapidjson_parse}, {"drslint_parse", bm_drslint_parse},
    {"parse_evaluate", bm_parse_evaluate},   {"parse_valijson", bm_parse_valijson},
    {"check_parsed", bm_check_parsed},
    {"lint", bm_lint},                       {"lint_cross_check", bm_lint_cross_check},
    {"lint_render", bm_lint_render},         {"finding_cost", bm_finding_cost},
};

// A body whose verdict is not what its name says would make every ratio about the wrong thing.
bool verdicts_as_named(const Stages& s, const std::vector<Body>& bodies)
{
    bool ok = true;
    for (const auto& body : bodies) {
        const auto report = s.linter.lint(body.text);
        const bool failed = body.valid ? report.has_at_least(drslint::Severity::error) : report.findings.empty();
        if (failed) {
            std::cerr << "drslint_bench: " << body.name << " is named " << (body.valid ? "valid" : "invalid")
                      << " but lints to " << report.findings.size() << " finding(s)"
                      << (report.findings.empty() ? "" : ", first: " + report.findings.front().rule + " at '" +
                                                            report.findings.front().pointer + "'")
                      << "\n";
            ok = false;
        }
    }
    return ok;
}

void register_benchmarks(const Stages& stages, const std::vector<Body>& bodies)
{
    for (const auto& body : bodies) {
        const std::size_t findings = stages.linter.lint(body.text).findings.size();
        for (const auto& [stage, fn] : kStages) {
            if (fn == bm_finding_cost && findings == 0) continue;  // no finding to cost
            auto* benchmark = benchmark::RegisterBenchmark((std::string(stage) + "/" + body.name).c_str(),
                                                           [&stages, &body, fn = fn, findings](benchmark::State& state) {
                                                               fn(state, stages, body);
                                                               set_counters(state, body, findings);
                                                           });
            benchmark->Unit(benchmark::kMicrosecond);
            if (fn == bm_finding_cost) benchmark->UseManualTime();  // it times its pairs itself
        }
    }
    benchmark::RegisterBenchmark("startup/linter", [](benchmark::State& state) {
        for (auto _ : state) {
            drslint::Linter linter;
            benchmark::DoNotOptimize(&linter);
        }
    })->Unit(benchmark::kMillisecond);
}

std::string read_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path);
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_file(const std::string& path, const std::string& text)
{
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out.flush()) {
        throw std::runtime_error("cannot write " + path);
    }
}

// --emit: the generated inputs that the ajv side must see too. mixed.jsonl is what a request log
// looks like when it matters (about 30% of the bodies with findings, issue 17), valid.jsonl the
// clean case; both are drawn, seeded, from the schema cases, the examples and the corpus.
int emit(const std::string& dir, const std::vector<Body>& corpus, std::size_t tables, std::size_t lines)
{
    const Body large = drslint::bench::make_large_db_object(tables);
    write_file(dir + "/" + large.name + ".json", large.text);
    const auto pools = drslint::bench::load_batch_pools(DRSLINT_SOURCE_DIR, corpus);
    write_file(dir + "/mixed.jsonl", drslint::bench::make_batch(pools, lines, 30));
    write_file(dir + "/valid.jsonl", drslint::bench::make_batch(pools, lines, 0));
    std::cout << "wrote " << dir << "/" << large.name << ".json (" << large.text.size() << " bytes, " << tables
              << " tables), " << dir << "/mixed.jsonl and " << dir << "/valid.jsonl (" << lines << " bodies each, from "
              << pools.valid.size() << " valid and " << pools.invalid.size() << " invalid bodies)\n";
    return 0;
}

// Counts what a batch found, for the one line the helper modes print.
struct Tally {
    std::size_t bodies = 0, failing = 0, findings = 0;

    void add(const drslint::Report& report)
    {
        ++bodies;
        failing += report.has_at_least(drslint::Severity::error);
        findings += report.findings.size();
    }

    void print(std::chrono::steady_clock::time_point start, bool cross_check) const
    {
        const std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start;
        std::cout << bodies << " bodies, " << failing << " with errors, " << findings << " findings, "
                  << elapsed.count() << " ms linting (cross-check " << (cross_check ? "on" : "off") << ")\n";
    }
};

// --lint: one body linted `repeat` times (a steady loop for callgrind).
int lint_repeatedly(const std::string& text, std::size_t repeat, bool cross_check, bool render)
{
    const drslint::Linter linter(options_with_cross_check(cross_check));
    const auto start = std::chrono::steady_clock::now();
    Tally tally;
    RenderTarget target(Body{"body", text, false});
    for (std::size_t r = 0; r < repeat; ++r) {
        drslint::Report report = linter.lint(text);
        tally.add(report);
        if (render) benchmark::DoNotOptimize(target.render(std::move(report)).data());
    }
    tally.print(start, cross_check);
    return 0;
}

// --jsonl: a JSON Lines file through the library's batch entry point, timed from outside as a
// whole process; nothing is printed per body. Each report is tallied (and freed) on the thread
// that linted it, as the CLI renders it there (JsonlSink::prepare), and the tallies summed in order.
int lint_jsonl_file(const std::string& path, unsigned jobs, bool cross_check)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path);
    }
    const drslint::Linter linter(options_with_cross_check(cross_check));
    const auto start = std::chrono::steady_clock::now();
    struct TallySink : drslint::JsonlSink {
        Tally total;
        std::vector<Tally> slots_;
        void slots(std::size_t count) override { slots_.resize(count); }
        void prepare(std::size_t slot, drslint::LineReport&& line) override { slots_[slot].add(line.report); }
        void emit(std::size_t slot) override
        {
            total.bodies += slots_[slot].bodies;
            total.failing += slots_[slot].failing;
            total.findings += slots_[slot].findings;
            slots_[slot] = Tally();
        }
    } sink;
    drslint::lint_jsonl(linter, in, jobs, sink);
    sink.total.print(start, cross_check);
    return 0;
}

struct Args {
    std::string corpus = DRSLINT_BENCH_CORPUS;
    std::string emit_dir, jsonl_file, lint_file;
    std::size_t tables = drslint::bench::kLargeBodyTables;
    std::size_t lines = 100000;
    std::size_t repeat = 1;
    unsigned jobs = 1;
    bool cross_check = false;
    bool render = false;
};

// Takes drslint_bench's own flags out of argv; Google Benchmark gets the rest.
Args take_own_args(int& argc, char** argv)
{
    Args args;
    int kept = 1;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                throw std::invalid_argument(std::string(a) + " needs a value");
            }
            return argv[++i];
        };
        if (a == "--corpus") args.corpus = value();
        else if (a == "--emit") args.emit_dir = value();
        else if (a == "--jsonl") args.jsonl_file = value();
        else if (a == "--lint") args.lint_file = value();
        else if (a == "--tables") args.tables = std::stoul(value());
        else if (a == "--lines") args.lines = std::stoul(value());
        else if (a == "--repeat") args.repeat = std::stoul(value());
        else if (a == "--jobs") args.jobs = static_cast<unsigned>(std::stoul(value()));
        else if (a == "--cross-check") args.cross_check = true;
        else if (a == "--render") args.render = true;
        else argv[kept++] = argv[i];
    }
    argc = kept;
    return args;
}

}  // namespace

int main(int argc, char** argv)
{
    try {
        const Args args = take_own_args(argc, argv);
        if (!args.jsonl_file.empty()) {
            return lint_jsonl_file(args.jsonl_file, args.jobs, args.cross_check);
        }
        if (!args.lint_file.empty()) {
            return lint_repeatedly(read_file(args.lint_file), args.repeat, args.cross_check, args.render);
        }
        std::vector<Body> bodies = drslint::bench::load_corpus(args.corpus);
        if (!args.emit_dir.empty()) {
            return emit(args.emit_dir, bodies, args.tables, args.lines);
        }
        bodies.push_back(drslint::bench::make_large_db_object(args.tables));

        benchmark::Initialize(&argc, argv);
        if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
            return 2;
        }
        const Stages stages;
        if (!verdicts_as_named(stages, bodies)) {
            return 1;
        }
        register_benchmarks(stages, bodies);
        benchmark::RunSpecifiedBenchmarks();
        benchmark::Shutdown();
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "drslint_bench: " << e.what() << "\n";
        return 2;
    }
}
