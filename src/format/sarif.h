// The SARIF document in three pieces, shared by write_sarif (a whole vector of reports) and
// BatchWriter (results as they arrive), so that both print the same bytes: the start (up to the
// open "results" array), a result per finding, and the end (the invocations, which say which
// inputs could not be checked, after the results so that the results can be printed first).
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include <rapidjson/prettywriter.h>

#include "drslint/format.h"
#include "format/output.h"
#include "parse/json_parser.h"

// Internal (not drslint::format, which the shared library exports whole).
namespace drslint::formatting {

// RapidJSON's PrettyWriter (2-space indent; its stack throws std::bad_alloc rather than write
// through null, see parse/json_parser.h) that can also write a value somewhere inside a document
// it does not hold, and be told of values written past it.
class SarifWriter
    : public rapidjson::PrettyWriter<JsonStream, rapidjson::UTF8<>, rapidjson::UTF8<>, parse::ThrowingAllocator> {
public:
    explicit SarifWriter(JsonStream& stream);
    // Forgets the document and writes the next value as the first element of an array `depth`
    // levels deep (indented so, with no comma before it): a result rendered on its own.
    void nest(JsonStream& stream, std::size_t depth);
    // The open array got `n` more elements, written into the stream by someone else.
    void added(std::size_t n);
};

// How deep a result object sits in the document (root, runs, the run, results): for nest().
inline constexpr std::size_t kSarifResultDepth = 4;

// A file's artifactLocation: its uri, and whether it is relative to %SRCROOT%. Made once per
// file, not per finding (a batch is one file with thousands of findings).
struct SarifArtifact {
    std::string uri;
    bool relative = false;
};
SarifArtifact sarif_artifact(const format::FileResult& result, const format::Context& context);

// Each rule's index in tool.driver.rules (the context's rules), for a result's ruleIndex.
using SarifRuleIndex = std::unordered_map<std::string, std::size_t>;
SarifRuleIndex sarif_rule_index(const format::Context& context);

// An input that could not be checked: a toolExecutionNotification.
struct SarifNotification {
    std::string message;
    SarifArtifact artifact;
};

// The document from its start to the open "results" array, with the driver's rules.
void write_sarif_start(SarifWriter& w, const format::Context& context);
// One finding's result object, as an element of "results" (the writer writes the comma, if any).
void write_sarif_result(SarifWriter& w, const SarifRuleIndex& rules, const SarifArtifact& artifact, const Finding& f);
// Closes "results", writes the invocations (executionSuccessful false and a notification for each
// input that could not be checked) and ends the document with a line break.
void write_sarif_end(SarifWriter& w, JsonStream& stream, const std::vector<SarifNotification>& unchecked);

}  // namespace drslint::formatting
