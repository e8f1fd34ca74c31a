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

#include "core/pointer.h"

namespace drslint::schema {
namespace {

// valijson copies enum and const values into values of the adapter's own type, whose pool
// allocator is built on RapidJSON's CrtAllocator: that returns null when memory runs out, and the
// copy writes through it. So valijson reads values of a type whose pool takes its chunks from the
// throwing allocator, copies of the schemas and the body (the cross-check is a debugging aid; the
// copy costs less than valijson's validation).
using ValijsonAllocator = rapidjson::MemoryPoolAllocator<parse::ThrowingAllocator>;
using ValijsonValue = rapidjson::GenericValue<rapidjson::UTF8<>, ValijsonAllocator>;
using ValijsonDocument = rapidjson::GenericDocument<rapidjson::UTF8<>, ValijsonAllocator, parse::ThrowingAllocator>;
using Adapter = valijson::adapters::GenericRapidJsonAdapter<ValijsonValue>;

}  // namespace
}  // namespace drslint::schema

template <>
struct valijson::adapters::AdapterTraits<drslint::schema::Adapter> {
    typedef drslint::schema::ValijsonDocument DocumentType;
    static std::string adapterName() { return "GenericRapidJsonAdapter (using drslint's throwing allocator)"; }
};

namespace drslint::schema {
namespace {

// A deep copy of `value`, every allocation of it throwing std::bad_alloc when memory runs out.
std::unique_ptr<ValijsonDocument> valijson_copy(const rapidjson::Value& value)
{
    auto copy = std::make_unique<ValijsonDocument>();
    auto generate = [&value](ValijsonDocument& handler) { return value.Accept(handler); };
    copy->Populate(generate);
    return copy;
}

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
std::string context_to_pointer(const std::vector<std::string>& context, const ValijsonValue& document)
{
    std::string pointer;
    const ValijsonValue* current = &document;
    for (std::size_t i = 1; i < context.size(); ++i) {
        const std::string& step = context[i];
        const std::string token = step.size() >= 2 ? step.substr(1, step.size() - 2) : step;
        const auto numeric = core::array_index(token);
        if (current != nullptr && current->IsArray() && numeric) {
            const auto index = static_cast<rapidjson::SizeType>(*numeric);
            core::append_pointer_index(pointer, index);
            current = index < current->Size() ? &(*current)[index] : nullptr;
        } else {
            core::append_pointer_token(pointer, token);
            if (current != nullptr && current->IsObject()) {
                const ValijsonValue key(rapidjson::StringRef(token.data(), static_cast<rapidjson::SizeType>(token.size())));
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
// no other verdict changes.
void integral_doubles_as_integers(ValijsonValue& copy)
{
    // An iterative walk: a body may nest as deep as the parser allows.
    std::vector<ValijsonValue*> todo{&copy};
    while (!todo.empty()) {
        ValijsonValue* v = todo.back();
        todo.pop_back();
        if (v->IsDouble() && std::trunc(v->GetDouble()) == v->GetDouble()) {
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
    // Copies of the documents valijson reads (see ValijsonValue), made as it asks for them.
    std::map<std::string, std::unique_ptr<ValijsonDocument>> copies;
    auto fetch = [&schemas, &folder, &copies](const std::string& uri) -> const ValijsonDocument* {
        auto it = schemas.documents().find(folder + uri);
        if (it == schemas.documents().end()) return nullptr;
        auto& copy = copies[it->first];
        if (!copy) copy = valijson_copy(it->second.document);
        return copy.get();
    };
    auto release = [](const ValijsonDocument*) {};  // `copies` owns them until the schema is compiled
    valijson::SchemaParser parser;
    try {
        const auto root_copy = valijson_copy(root->second.document);
        parser.populateSchema(Adapter(*root_copy), compiled_->schema, fetch, release);
    } catch (const std::bad_alloc&) {
        throw;  // out of memory is its own answer, not a schema valijson could not compile
    } catch (const std::exception& e) {
        throw std::runtime_error(std::string("valijson could not compile the schemas: ") + e.what());
    }
}

ValijsonEngine::~ValijsonEngine() = default;

std::vector<ValijsonLeaf> ValijsonEngine::validate(const rapidjson::Value& body) const
{
    const auto copy = valijson_copy(body);
    integral_doubles_as_integers(*copy);
    const ValijsonValue& document = *copy;
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
            core::append_pointer_token(leaf.pointer, quoted_name(error.description));
        } else if (error.description.rfind("Object contains a property that could not be validated", 0) == 0) {
            const auto colon = error.description.rfind(": '");
            core::append_pointer_token(leaf.pointer, quoted_name(error.description.substr(colon)));
            leaf.unknown_member = true;
        }
        leaves.push_back(std::move(leaf));
    }
    return leaves;
}

}  // namespace drslint::schema
