// Every rule of schemas/rules.json is exercised by its own two examples: the failing one raises the
// rule (with its severity), the passing one does not and has no error at all.
#define BOOST_TEST_MODULE rules
#include <boost/test/unit_test.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/data/monomorphic.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <regex>
#include <set>
#include <sstream>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/rule_table.h"
#include "drslint/http.h"
#include "drslint/linter.h"
#include "rules/rule_catalogue.h"
#include "rules/rule_engine.h"
#include "rules/rule_functions.h"
#include "../support/fix_property.h"
#include "../support/fixtures.h"
#include "../support/process.h"

namespace {

const drslint::Linter& linter() { return drslint::test::default_linter(); }

// Lints with the default linter and checks that the cross-checking one says exactly the same: the
// examples are a differential test of the evaluator against valijson as well.
drslint::Report lint_checked(const std::string& body, const drslint::TaskContext& context, const std::string& id)
{
    auto report = linter().lint(body, context);
    BOOST_TEST(drslint::test::finding_lines(drslint::test::cross_checking_linter().lint(body, context)) ==
                   drslint::test::finding_lines(report),
               id << " example, with --cross-check");
    return report;
}

std::string to_json(const rapidjson::Value& v)
{
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    v.Accept(writer);
    return buffer.GetString();
}

rapidjson::Document catalogue()
{
    std::ifstream in(std::string(DRSLINT_SOURCE_DIR) + "/schemas/rules.json");
    std::stringstream s;
    s << in.rdbuf();
    rapidjson::Document d;
    d.Parse(s.str().c_str());
    return d;
}

// The findings of `rule` at `pointer`, each with the rule's catalogue severity.
std::size_t count_at(const drslint::Report& r, const std::string& rule, const std::string& pointer, const std::string& severity)
{
    std::size_t n = 0;
    for (const auto& f : r.findings) n += f.rule == rule && f.pointer == pointer && drslint::to_string(f.severity) == severity;
    return n;
}

std::size_t count(const drslint::Report& r, const std::string& rule)
{
    std::size_t n = 0;
    for (const auto& f : r.findings) n += f.rule == rule;
    return n;
}

// Rules whose failing input cannot be written as a small JSON value (the input is not JSON, or
// the condition is the linter's own failure); their behaviour is tested where it arises.
const std::set<std::string> kNoFailingBody = {"invalid-json", "nesting-too-deep", "duplicate-key", "input-too-large",
                                              "too-many-findings", "engine-disagreement", "schema-constraint",
                                              "member-name-too-long",
                                              "cross-check-skipped"};

// One case per rule of the catalogue, for BOOST_DATA_TEST_CASE: the list exists when tests are
// registered (static initialisation), so it is built on first use. Printed as its rule id.
struct RuleCase {
    std::string id;
    const rapidjson::Value* rule;
};

std::ostream& operator<<(std::ostream& out, const RuleCase& c) { return out << c.id; }

const rapidjson::Document& the_catalogue()
{
    static const rapidjson::Document d = catalogue();
    return d;
}

const std::vector<RuleCase>& rule_cases()
{
    static const std::vector<RuleCase> cases = [] {
        std::vector<RuleCase> out;
        const auto& d = the_catalogue();
        if (!d.IsObject() || !d.HasMember("rules") || !d["rules"].IsArray()) return out;
        for (const auto& rule : d["rules"].GetArray()) {
            out.push_back({rule.HasMember("id") && rule["id"].IsString() ? rule["id"].GetString() : "(no id)", &rule});
        }
        return out;
    }();
    return cases;
}

// Whether a rule's examples include a failing one that the test below lints.
bool has_failing_example(const rapidjson::Value& examples)
{
    return examples.HasMember("pass_http") || examples.HasMember("fail") ||
           (examples.HasMember("fail_text") && std::string(examples["fail_text"].GetString()).size() > 0);
}

}  // namespace

// What the data test below stands on: the catalogue was read, and most rules are tested by a
// failing example (the rest are kNoFailingBody, which the test checks).
BOOST_AUTO_TEST_CASE(the_catalogue_has_rules_with_failing_examples)
{
    const auto& d = the_catalogue();
    BOOST_TEST_REQUIRE(d.IsObject());
    BOOST_TEST_REQUIRE(rule_cases().size() == d["rules"].Size());
    std::size_t tested = 0;
    for (const auto& c : rule_cases()) tested += c.rule->HasMember("examples") && has_failing_example((*c.rule)["examples"]);
    BOOST_TEST(tested >= 40u);
}

// Issue 14's property on every rule's examples (see tests/support/fix_property.h).
BOOST_DATA_TEST_CASE(fixes_hold_on_every_rule_example, boost::unit_test::data::make(rule_cases()), rule_case)
{
    BOOST_TEST_CHECKPOINT("rule " << rule_case.id);
    const auto& rule = *rule_case.rule;
    if (!rule.HasMember("examples")) return;
    const auto& examples = rule["examples"];
    for (const char* name : {"fail", "pass"}) {
        if (examples.HasMember(name)) {
            BOOST_TEST(drslint::test::fix_property_violation(linter(), to_json(examples[name])) == "",
                       rule_case.id << " " << name);
        }
    }
    if (examples.HasMember("fail_text")) {
        BOOST_TEST(drslint::test::fix_property_violation(linter(), examples["fail_text"].GetString()) == "",
                   rule_case.id << " fail_text");
    }
}

BOOST_DATA_TEST_CASE(each_rule_fails_its_failing_example_and_passes_its_passing_one,
                     boost::unit_test::data::make(rule_cases()), rule_case)
{
    // Boost.Test shows the sample (the rule id) as the context of a failed check; the checkpoint
    // names it when an exception ends the case.
    BOOST_TEST_CHECKPOINT("rule " << rule_case.id);
    const auto& rule = *rule_case.rule;
    const std::string id = rule["id"].GetString();
    BOOST_TEST_REQUIRE(rule.HasMember("examples"), id);
    const auto& examples = rule["examples"];
    drslint::TaskContext context;
    if (examples.HasMember("context")) context = drslint::parse_task_context(to_json(examples["context"]));
    if (examples.HasMember("pass_http")) {
        // Whole requests, as kept in .http files
        auto lint_http = [&](const char* text) {
            const auto requests = drslint::parse_http_file(text);
            BOOST_TEST_REQUIRE(requests.size() == 1u, id);
            return linter().lint_request(requests[0], context);
        };
        const auto pass = lint_http(examples["pass_http"].GetString());
        BOOST_TEST(pass.findings.empty(), id << " passing request has findings");
        BOOST_TEST(count_at(lint_http(examples["fail_http"].GetString()), id, examples["fail_pointer"].GetString(),
                            rule["severity"].GetString()) == 1u, id);
        return;
    }
    BOOST_TEST_REQUIRE(examples.HasMember("pass"), id);
    const auto pass = lint_checked(to_json(examples["pass"]), context, id);
    BOOST_TEST(count(pass, id) == 0u, id << " passing example raised it");
    BOOST_TEST(!pass.has_at_least(drslint::Severity::error), id << " passing example has errors");
    for (const auto& f : pass.findings) BOOST_TEST_MESSAGE(id << " pass: " << f.rule << " " << f.pointer);
    if (examples.HasMember("fail")) {
        const auto fail = lint_checked(to_json(examples["fail"]), context, id);
        BOOST_TEST(count_at(fail, id, examples["fail_pointer"].GetString(), rule["severity"].GetString()) == 1u,
                   id << " failing example did not raise it at its fail_pointer with its severity");
    } else if (examples.HasMember("fail_text") && std::string(examples["fail_text"].GetString()).size() > 0) {
        const auto fail = lint_checked(examples["fail_text"].GetString(), context, id);
        BOOST_TEST(count_at(fail, id, examples["fail_pointer"].GetString(), rule["severity"].GetString()) == 1u,
                   id << " failing text did not raise it at its fail_pointer");
    } else {
        BOOST_TEST(kNoFailingBody.count(id) == 1u, id << " has no failing example");
    }
}

BOOST_AUTO_TEST_CASE(rules_that_need_a_fact_stay_silent_without_it)
{
    const std::string body = R"({"job": {"type": "policy", "params": {"policy_config": {"filter_ddl_policy": ""}}}})";
    BOOST_TEST(count(linter().lint(body), "filter-ddl-policy-sync") == 0u);
    drslint::TaskContext sync;
    sync.job_type = "sync";
    BOOST_TEST(count(linter().lint(body, sync), "filter-ddl-policy-sync") == 1u);
    // a fact in the body wins over the context
    const std::string with_type = R"({"job": {"type": "all", "params": {"base_info": {"name": "DRS-1234", "job_type": "migration"},
        "source_endpoint": [], "target_endpoint": [], "policy_config": {"filter_ddl_policy": ""}}}})";
    BOOST_TEST(count(linter().lint(with_type, sync), "filter-ddl-policy-sync") == 0u);
}

BOOST_AUTO_TEST_CASE(context_reveals_schema_rules_the_body_cannot_show)
{
    const std::string body = R"({"job": {"type": "all", "params": {"base_info": {"name": "DRS-1234", "net_type": "vpc"},
        "source_endpoint": [], "target_endpoint": []}}})";
    BOOST_TEST(count(linter().lint(body), "multi-write-required-for-dr") == 0u);
    drslint::TaskContext dr;
    dr.job_type = "cloudDataGuard";
    const auto report = linter().lint(body, dr);
    BOOST_TEST(count(report, "multi-write-required-for-dr") == 1u);
    BOOST_TEST(count(report, "no-vpc-net-type-for-dr") == 1u);
    // with the fact in the body, schema and engine agree and report it once
    const std::string in_body = R"({"job": {"type": "all", "params": {"base_info": {"name": "DRS-1234", "net_type": "vpc",
        "job_type": "cloudDataGuard"}, "source_endpoint": [], "target_endpoint": []}}})";
    const auto once = linter().lint(in_body);
    BOOST_TEST(count(once, "multi-write-required-for-dr") == 1u);
    BOOST_TEST(count(once, "no-vpc-net-type-for-dr") == 1u);
}

BOOST_AUTO_TEST_CASE(renamed_type_replaces_the_generic_enum_finding)
{
    const auto report = linter().lint(R"({"job": {"type": "policy_config", "params": {"policy_config": {}}}})");
    BOOST_TEST(count(report, "job-type-renamed") == 1u);
    BOOST_TEST(count(report, "enum-value") == 0u);
}

BOOST_AUTO_TEST_CASE(speed_limit_windows_wrap_midnight)
{
    auto lint = [](const std::string& windows) {
        return count(linter().lint(R"({"job": {"type": "speed_limit", "params": {"speed_limit": [)" + windows + "]}}}"),
                     "speed-limit-overlap");
    };
    BOOST_TEST(lint(R"({"begin": "23:00", "end": "00:59", "speed": "1"}, {"begin": "01:00", "end": "22:59", "speed": "2"})") == 0u);
    BOOST_TEST(lint(R"({"begin": "23:00", "end": "00:59", "speed": "1"}, {"begin": "00:00", "end": "00:59", "speed": "2"})") == 1u);
    BOOST_TEST(lint(R"({"begin": "05:00", "end": "05:59", "speed": "1"}, {"begin": "05:00", "end": "05:59", "speed": "2"})") == 1u);
}

BOOST_AUTO_TEST_CASE(secret_rules_never_show_the_value)
{
    const std::string secret = "not*base64*secret";
    const auto report = linter().lint(R"({"job": {"type": "endpoint", "params": {"source_endpoint": [{"db_type": "mysql",
        "endpoint_type": "offline", "endpoint_role": "so", "endpoint": {"endpoint_name": "mysql", "db_user": "u",
        "db_password": "x"}, "ssl": {"ssl_link": false, "ssl_cert_key": ")" + secret + R"("}}], "target_endpoint": []}}})");
    BOOST_TEST(count(report, "ssl-cert-key-base64") == 1u);
    for (const auto& f : report.findings) BOOST_TEST(f.message.find(secret) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(explain_works_for_every_rule_id)
{
    for (const auto& rule : linter().rules()) {
        const auto r = drslint::test::run_process({DRSLINT_BINARY, "explain", rule.id});
        BOOST_TEST(r.exit_code == 0, rule.id << ": " << r.err);
    }
}

// Decision 12: a rule's severity follows the source it cites. An error cites a row of the API
// page (or, for the input itself, RFC 8259 or a drslint limit); what only another source states is
// a warning; explain states each decision instead of citing files outside the repository. A rule
// tagged in the schema files is an error: every draft-07 validator rejects what it forbids.
BOOST_AUTO_TEST_CASE(severity_follows_the_cited_source)
{
    // Errors that rest on no page row, each with the decision that makes it one.
    const std::map<std::string, std::string> kDecided = {
        {"speed-limit-overlap", "Decision 7: overlapping flow-control windows are an error"},
    };
    std::set<std::string> tagged;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(DRSLINT_SOURCE_DIR) + "/schemas/request")) {
        std::ifstream in(entry.path());
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const std::regex tag("\"rule: ([a-z0-9-]+)\"");
        for (std::sregex_iterator it(text.begin(), text.end(), tag), end; it != end; ++it) tagged.insert((*it)[1]);
    }
    BOOST_TEST_REQUIRE(tagged.size() >= 5u);
    const auto d = catalogue();
    std::size_t errors_on_the_page = 0, warnings = 0;
    for (const auto& rule : d["rules"].GetArray()) {
        const std::string id = rule["id"].GetString(), severity = rule["severity"].GetString();
        const std::string origin = rule["origin"].GetString(), source = rule["source"].GetString();
        for (const char* key : {"summary", "message", "rationale", "source"}) {
            const std::string text = rule[key].GetString();
            BOOST_TEST(text.find("enums.md") == std::string::npos, id << " " << key << " cites enums.md");
            BOOST_TEST(!std::regex_search(text, std::regex("Decision [0-9]")), id << " " << key << " cites a Decision by number");
        }
        BOOST_TEST(!source.empty(), id);
        BOOST_TEST((origin == "schema") == (tagged.count(id) == 1), id << ": origin schema and a tag go together");
        if (origin == "schema") BOOST_TEST(severity == "error", id << " is in the schema files, so ajv rejects it");
        if (origin == "parse" || origin == "internal") {
            BOOST_TEST((source.rfind("drslint", 0) == 0 || source.rfind("RFC 8259", 0) == 0), id << ": " << source);
            continue;
        }
        const bool on_the_page = source.rfind("API page", 0) == 0;
        if (severity == "error") {
            const bool limit = source.rfind("drslint limit", 0) == 0;
            BOOST_TEST((on_the_page || limit || kDecided.count(id) == 1), id << " is an error but cites " << source);
            errors_on_the_page += on_the_page;
        } else {
            ++warnings;
        }
    }
    for (const auto& [id, why] : kDecided) {
        BOOST_TEST(linter().find_rule(id) != nullptr, id);
        BOOST_TEST(linter().find_rule(id)->source.rfind("API page", 0) != 0, id << ": " << why);
    }
    BOOST_TEST(errors_on_the_page >= 25u);
    BOOST_TEST(warnings >= 15u);
    // the rules the issue found on SDK-only grounds, and the one citing a table that says nothing of it
    for (const char* id : {"multi-write-required-for-dr", "no-vpc-net-type-for-dr", "filter-ddl-policy-sync",
                           "conflict-policy-migration", "tag-keys-unique"}) {
        BOOST_TEST(drslint::to_string(linter().find_rule(id)->severity) == "warning", id);
    }
}

// ---- the catalogue's meta-schema (schemas/rules.schema.json) and the generated rule table ----

namespace {

std::string source_file(const std::string& name)
{
    return drslint::test::read_file(std::filesystem::path(DRSLINT_SOURCE_DIR) / "schemas" / name);
}

// A catalogue of one rule with one check of `check` (a JSON object's members).
std::string one_check_catalogue(const std::string& check)
{
    return R"({"rules": [{"id": "r", "severity": "warning", "origin": "rule", "summary": "s", "message": "{subject}",
                          "rationale": "r", "source": "s", "checks": [{"given": ["/job"], )" + check + "}]}]}";
}

// What loading `json` throws, as text; "" when it loads.
std::string catalogue_error(const std::string& json)
{
    try {
        drslint::rules::RuleCatalogue catalogue(json);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return {};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The {names} of a message template in order of first use, each once, read as
// MessageTemplate reads them ({{ and }} are literal braces).
std::vector<std::string> template_placeholders(std::string_view message)
{
    std::vector<std::string> names;
    for (std::size_t i = 0; i < message.size(); ++i) {
        const char c = message[i];
        if ((c == '{' || c == '}') && i + 1 < message.size() && message[i + 1] == c) {
            ++i;
            continue;
        }
        if (c != '{') continue;
        const auto close = message.find('}', i);
        if (close == std::string_view::npos) break;
        std::string name(message.substr(i + 1, close - i - 1));
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
        i = close;
    }
    return names;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_minimal_catalogue_loads)
{
    BOOST_TEST(catalogue_error(one_check_catalogue(R"("field": "name", "function": "length", "options": {"max": 3})")) == "");
    BOOST_TEST(catalogue_error(one_check_catalogue(R"("function": "defined", "field": "name")")) == "");
}

BOOST_AUTO_TEST_CASE(bad_function_options_fail_to_load_naming_the_place)
{
    struct Case {
        const char* what;
        std::string check;
        std::vector<std::string> said;  // parts of the message
    };
    const Case cases[] = {
        {"wrong type", R"("function": "length", "options": {"max": "3"})",
         {"/rules/0/checks/0/options/max", "(rule 'r')", "expected an integer, found a string"}},
        {"unknown member", R"("function": "length", "options": {"maximum": 3})",
         {"/rules/0/checks/0/options/maximum", "unknown member 'maximum'", "min, max, upTo"}},
        {"missing required option", R"("function": "pattern", "options": {"applies": "^a"})",
         {"/rules/0/checks/0/options/match", "required member 'match' is missing"}},
        {"missing options", R"("function": "unique-by")", {"/rules/0/checks/0/options", "'options' is missing"}},
        {"unknown function", R"("function": "lenght", "options": {"max": 3})",
         {"/rules/0/checks/0/function", "\"lenght\" is not one of", "\"length\""}},
        {"options for a function that takes none", R"("function": "defined", "options": {"max": 3})",
         {"/rules/0/checks/0/options/max", "it takes none"}},
        {"nested option of the wrong type", R"("function": "count-by", "options": {"by": "b", "separator": ",", "counts": {"ha": "2"}})",
         {"/rules/0/checks/0/options/counts/ha", "expected an integer"}},
        {"an integer written with a fraction", R"("function": "length", "options": {"max": 3.0})",
         {"/rules/0/checks/0/options/max", "without a fraction or exponent"}},
        {"a check member that does not exist", R"("function": "defined", "feild": "x")", {"/rules/0/checks/0/feild", "unknown member"}},
    };
    for (const auto& c : cases) {
        const std::string json = one_check_catalogue(c.check);
        const std::string error = catalogue_error(json);
        BOOST_TEST(error.rfind("rule catalogue: /rules/0/checks/0", 0) == 0u, c.what << ": " << error);
        for (const auto& part : c.said) BOOST_TEST(contains(error, part), c.what << ": '" << part << "' not in: " << error);
    }
}

BOOST_AUTO_TEST_CASE(bad_rule_fields_fail_to_load_naming_the_place)
{
    const std::string rules = source_file("rules.json");
    BOOST_TEST(catalogue_error(rules) == "");
    auto broken = [&](const std::string& from, const std::string& to) {
        const auto at = rules.find(from);
        BOOST_TEST_REQUIRE(at != std::string::npos, from);
        return catalogue_error(std::string(rules).replace(at, from.size(), to));
    };
    const std::string severity = broken(R"("severity": "error")", R"("severity": "fatal")");
    BOOST_TEST(contains(severity, "rule catalogue: /rules/0/severity (rule 'input-too-large'): \"fatal\" is not one of"), severity);
    const std::string unchecked = broken(R"("severity": "error")", R"("severity": "warning")");
    BOOST_TEST(contains(unchecked, "/rules/0/severity"), unchecked);  // an unchecked rule must be an error
    const std::string id = broken(R"("id": "input-too-large")", R"("id": "Input_Too_Large")");
    BOOST_TEST(contains(id, "/rules/0/id"), id);
    const std::string extra = broken(R"("id": "input-too-large",)", R"("id": "input-too-large", "sevrity": "error",)");
    BOOST_TEST(contains(extra, "/rules/0/sevrity (rule 'input-too-large'): unknown member 'sevrity'"), extra);
}

// rules.schema.json has an options definition for exactly the functions make_rule_function knows.
BOOST_AUTO_TEST_CASE(the_meta_schema_names_every_rule_function)
{
    rapidjson::Document meta;
    meta.Parse(source_file("rules.schema.json").c_str());
    BOOST_TEST_REQUIRE(meta.IsObject());
    const auto& names = meta["definitions"]["check"]["properties"]["function"]["enum"];
    BOOST_TEST_REQUIRE(names.Size() >= 17u);
    const rapidjson::Value no_options(rapidjson::kObjectType);
    for (const auto& name : names.GetArray()) {
        const std::string function = name.GetString();
        BOOST_TEST(meta["definitions"].HasMember(("options-" + function).c_str()), function);
        try {
            drslint::rules::make_rule_function(function, no_options);
        } catch (const std::runtime_error& e) {
            // A function with required options refuses none, but it is known.
            BOOST_TEST(!contains(e.what(), "unknown rule function"), function << ": " << e.what());
        }
    }
    BOOST_CHECK_THROW(drslint::rules::make_rule_function("no-such-function", no_options), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(every_rule_id_lists_the_placeholders_of_its_message)
{
    const drslint::rules::RuleCatalogue catalogue(source_file("rules.json"));
    BOOST_TEST_REQUIRE(catalogue.definitions().size() == drslint::core::kRuleCount);
    for (std::size_t i = 0; i < drslint::core::kRuleCount; ++i) {
        const auto id = static_cast<drslint::core::RuleId>(i);
        const drslint::rules::RuleDefinition& definition = catalogue.get(id);
        BOOST_TEST(definition.info.id == drslint::core::id_of(id));
        const auto& placeholders = drslint::core::entry(id).placeholders;
        const std::vector<std::string> listed(placeholders.begin(), placeholders.end());
        BOOST_TEST(listed == template_placeholders(definition.message.text()), definition.info.id);
        // Each is one that format() fills.
        for (const auto& name : listed) {
            const std::string marked = definition.message.fill({{name, "\x01"}});
            BOOST_TEST(contains(marked, "\x01"), definition.info.id << " {" << name << "}");
        }
    }
}

BOOST_AUTO_TEST_CASE(examples_parsed_on_demand_are_the_loaded_ones)
{
    using drslint::rules::RuleCatalogue;
    const std::string json = source_file("rules.json");
    const RuleCatalogue loaded(json);
    const RuleCatalogue on_demand(json, drslint::core::DataChecks::built_in, RuleCatalogue::Examples::on_demand);
    BOOST_TEST_REQUIRE(on_demand.definitions().size() == loaded.definitions().size());
    std::size_t with_examples = 0;
    for (const auto& definition : loaded.definitions()) {
        const drslint::RuleExamples a = loaded.examples(definition.info.id);
        const drslint::RuleExamples b = on_demand.examples(definition.info.id);
        BOOST_TEST(a.failing == b.failing, definition.info.id);
        BOOST_TEST(a.passing == b.passing, definition.info.id);
        BOOST_TEST(a.context == b.context, definition.info.id);
        with_examples += !a.failing.empty() || !a.passing.empty();
    }
    BOOST_TEST(with_examples > 0);
    // Left out of the document until asked for: no rule's examples are an object there.
    for (const auto& definition : on_demand.definitions()) {
        BOOST_TEST((definition.examples == nullptr || !definition.examples->IsObject()), definition.info.id);
    }
}

BOOST_AUTO_TEST_CASE(find_entry_finds_every_id_and_nothing_else)
{
    for (const auto& e : drslint::core::kRuleTable) {
        BOOST_TEST(drslint::core::find_entry(e.id) == &e, e.id);
        BOOST_TEST(drslint::core::find_entry(std::string(e.id) + "x") == nullptr, e.id);
        BOOST_TEST(drslint::core::find_entry(e.id.substr(0, e.id.size() - 1)) == nullptr, e.id);
    }
    BOOST_TEST(drslint::core::find_entry("") == nullptr);
    BOOST_TEST(drslint::core::find_entry("zzz") == nullptr);
    static_assert(drslint::core::find_entry("unknown-member") == &drslint::core::entry(drslint::core::RuleId::unknown_member));
}

// MessageTemplate fills a template in runs; every brace case reads as it did one character at a time.
BOOST_AUTO_TEST_CASE(message_templates_fill_placeholders_and_keep_literal_braces)
{
    using drslint::rules::MessageTemplate;
    const drslint::core::MessageArgs args = {{"member", "name"}, {"value", "\"x\""}};
    const std::pair<const char*, const char*> cases[] = {
        {"'{member}' is {value}", "'name' is \"x\""},
        {"{member}", "name"},
        {"PUT /v5/{{project_id}}/jobs/{{job_id}}", "PUT /v5/{project_id}/jobs/{job_id}"},
        {"a } alone and {{ doubled }}", "a } alone and { doubled }"},
        {"an { unclosed", "an { unclosed"},
        {"{unknown} is empty", " is empty"},
        {"", ""},
        {"no braces at all", "no braces at all"},
        {"{member}{value}", "name\"x\""},
        {"{mem{ber}", ""},
        {"}{member}{", "}name{"},
        {"{}{{}}", "{}"},
        {"{membe} {members} {Member}", "  "},
    };
    for (const auto& [text, expected] : cases) BOOST_TEST(MessageTemplate(text).fill(args) == expected, text);
    // More pieces than are filled at once (MessageTemplate's kParts).
    std::string many, filled;
    for (int i = 0; i < 40; ++i) {
        many += "{member}-{value}|";
        filled += "name-\"x\"|";
    }
    BOOST_TEST(MessageTemplate(many).fill(args) == filled);
}
