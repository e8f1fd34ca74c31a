// valijson's settings stay in this translation unit, the only one that includes valijson.
// VALIJSON_USE_EXCEPTIONS makes valijson throw on a schema it cannot load instead of aborting the
// process. valijson's RapidJSON adapter, seeing it, would also redefine RAPIDJSON_ASSERT to throw,
// in this file alone: RapidJSON's inline templates would then have two definitions in one program
// (an ODR violation). So exceptions.hpp is read with the setting, the adapter without it (RapidJSON
// keeps its own RAPIDJSON_ASSERT, as everywhere else), and the rest of valijson with it again.
#define VALIJSON_USE_EXCEPTIONS 1
#include <valijson/exceptions.hpp>
#undef VALIJSON_USE_EXCEPTIONS
#include <valijson/adapters/rapidjson_adapter.hpp>
#define VALIJSON_USE_EXCEPTIONS 1
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "schema/valijson_engine.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <locale>
#include <stdexcept>

#include "parse/pointer.h"

namespace drslint::schema {
namespace {

using Adapter = valijson::adapters::RapidJsonAdapter;

// Descriptions of errors that only wrap the errors of a child schema, member or item.
bool is_wrapper(const std::string& d)
{
    static const char* const kPrefixes[] = {
        "Failed to validate against schema associated with property",
        "Failed to validate item #",
        "Failed to validate against any schemas allowed by anyOf",
        "Failed to validate against a conditional schema",
        "Failed to validate against child schema #",
        "Failed to validate against additional properties schema",
        "Failed to validate against dependent schema",
        "Failed to validate against schema associated with pattern",
    };
    for (const char* prefix : kPrefixes) {
        if (d.rfind(prefix, 0) == 0) {
            return true;
        }
    }
    return false;
}

// The text between the first and the last single quote of a valijson description.
std::string quoted_name(const std::string& d)
{
    const auto first = d.find('\'');
    const auto last = d.rfind('\'');
    return first == std::string::npos || last <= first ? std::string() : d.substr(first + 1, last - first - 1);
}

// valijson's context is "<root>" then "[token]" per step; property names are not escaped, so the
// document decides whether a step is an index or a member name.
std::string context_to_pointer(const std::vector<std::string>& context, const rapidjson::Value& document)
{
    std::string pointer;
    const rapidjson::Value* current = &document;
    for (std::size_t i = 1; i < context.size(); ++i) {
        const std::string& step = context[i];
        const std::string token = step.size() >= 2 ? step.substr(1, step.size() - 2) : step;
        const bool numeric = !token.empty() && token.size() < 10 &&
                             token.find_first_not_of("0123456789") == std::string::npos;
        if (current != nullptr && current->IsArray() && numeric) {
            const auto index = static_cast<rapidjson::SizeType>(std::stoul(token));
            parse::append_pointer_index(pointer, index);
            current = index < current->Size() ? &(*current)[index] : nullptr;
        } else {
            parse::append_pointer_token(pointer, token);
            if (current != nullptr && current->IsObject()) {
                const rapidjson::Value key(rapidjson::StringRef(token.data(), static_cast<rapidjson::SizeType>(token.size())));
                auto it = current->FindMember(key);
                current = it == current->MemberEnd() ? nullptr : &it->value;
            } else {
                current = nullptr;
            }
        }
    }
    return pointer;
}

// valijson 1.0 takes for "type": "integer" only a number RapidJSON holds as an integer; draft-07
// (and drslint's evaluator, Decision 13) takes any number whose fractional part is zero. So valijson
// validates a copy in which such numbers (1.0, 1e2, -0.0, 1e20) are held as integers, clamped to
// 64 bits: every bound and enumerated value of the shipped schemas lies far inside that range, so
// no other verdict changes. Returns false, leaving `copy` alone, when the document has none.
bool integral_doubles_as_integers(const rapidjson::Value& document, rapidjson::Document& copy)
{
    auto integral_double = [](const rapidjson::Value& v) {
        return v.IsDouble() && std::trunc(v.GetDouble()) == v.GetDouble();
    };
    // Iterative walks: a body may nest as deep as the parser allows.
    bool any = false;
    std::vector<const rapidjson::Value*> pending{&document};
    while (!any && !pending.empty()) {
        const rapidjson::Value* v = pending.back();
        pending.pop_back();
        any = integral_double(*v);
        if (v->IsObject()) {
            for (const auto& m : v->GetObject()) pending.push_back(&m.value);
        } else if (v->IsArray()) {
            for (const auto& item : v->GetArray()) pending.push_back(&item);
        }
    }
    if (!any) return false;
    copy.CopyFrom(document, copy.GetAllocator());
    std::vector<rapidjson::Value*> todo{&copy};
    while (!todo.empty()) {
        rapidjson::Value* v = todo.back();
        todo.pop_back();
        if (integral_double(*v)) {
            const double d = v->GetDouble();
            if (d < 0) {
                v->SetInt64(d <= -9223372036854775808.0 ? std::numeric_limits<std::int64_t>::min()
                                                        : static_cast<std::int64_t>(d));
            } else {
                v->SetUint64(d >= 18446744073709551616.0 ? std::numeric_limits<std::uint64_t>::max()
                                                         : static_cast<std::uint64_t>(d));
            }
        } else if (v->IsObject()) {
            for (auto& m : v->GetObject()) todo.push_back(&m.value);
        } else if (v->IsArray()) {
            for (auto& item : v->GetArray()) todo.push_back(&item);
        }
    }
    return true;
}

}  // namespace

struct ValijsonEngine::Compiled {
    valijson::Schema schema;
};

namespace {

// valijson compiles its std::regex patterns lazily on each thread (its Validator is thread-local),
// and libstdc++'s regex scanner calls std::ctype<char>::narrow, which fills a cache shared by all
// threads on first use without a lock: a data race in libstdc++, not here (GCC bug 77704; found by
// the tsan preset's threads_test). Filling the cache once, before any thread can use it, leaves
// only reads; no ThreadSanitizer suppression is needed.
void fill_ctype_narrow_cache()
{
    static const bool filled = [] {
        const auto& ctype = std::use_facet<std::ctype<char>>(std::locale());
        for (int c = 0; c < 256; ++c) ctype.narrow(static_cast<char>(c), '\0');
        return true;
    }();
    (void)filled;
}

}  // namespace

ValijsonEngine::ValijsonEngine(const SchemaSet& schemas, const std::string& root_file)
    : compiled_(std::make_unique<Compiled>())
{
    fill_ctype_narrow_cache();
    auto root = schemas.documents().find(root_file);
    if (root == schemas.documents().end()) {
        throw std::runtime_error("no embedded schema named " + root_file);
    }
    // valijson 1.0 reads the draft-04 "id", not draft-07's "$id", so it has no base URI and asks
    // for a $ref by the bare file name it names; those resolve in the root schema's folder.
    const std::string folder = root_file.substr(0, root_file.rfind('/') + 1);
    auto fetch = [&schemas, &folder](const std::string& uri) -> const rapidjson::Document* {
        auto it = schemas.documents().find(folder + uri);
        return it == schemas.documents().end() ? nullptr : &it->second;
    };
    auto release = [](const rapidjson::Document*) {};  // the SchemaSet owns the documents
    valijson::SchemaParser parser;
    try {
        parser.populateSchema(Adapter(root->second), compiled_->schema, fetch, release);
    } catch (const std::exception& e) {
        throw std::runtime_error(std::string("valijson could not compile the schemas: ") + e.what());
    }
}

ValijsonEngine::~ValijsonEngine() = default;

std::vector<ValijsonLeaf> ValijsonEngine::validate(const rapidjson::Value& body) const
{
    rapidjson::Document normalized;
    const rapidjson::Value& document = integral_doubles_as_integers(body, normalized) ? normalized : body;
    // The Validator caches compiled regular expressions without a lock: one per thread.
    thread_local valijson::Validator validator(valijson::Validator::kStrongTypes);
    std::vector<ValijsonLeaf> leaves;
    const Adapter target(document);
    if (validator.validate(compiled_->schema, target, nullptr)) {
        return leaves;
    }
    valijson::ValidationResults results;
    validator.validate(compiled_->schema, target, &results);
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
        if (is_wrapper(error.description)) {
            continue;
        }
        ValijsonLeaf leaf;
        leaf.pointer = context_to_pointer(error.context, document);
        leaf.description = error.description;
        if (error.description.rfind("Missing required property", 0) == 0) {
            parse::append_pointer_token(leaf.pointer, quoted_name(error.description));
        } else if (error.description.rfind("Object contains a property that could not be validated", 0) == 0) {
            const auto colon = error.description.rfind(": '");
            parse::append_pointer_token(leaf.pointer, quoted_name(error.description.substr(colon)));
            leaf.unknown_member = true;
        }
        leaves.push_back(std::move(leaf));
    }
    return leaves;
}

}  // namespace drslint::schema
