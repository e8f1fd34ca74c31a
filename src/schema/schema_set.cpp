#include "schema/schema_set.h"

#include <optional>
#include <stdexcept>
#include <unordered_map>

#include <rapidjson/error/en.h>
#include <rapidjson/pointer.h>

#include "core/pointer.h"

namespace drslint::schema {
namespace {

[[noreturn]] void fail(const std::string& location, const std::string& what)
{
    throw std::runtime_error("schema " + location + ": " + what);
}

// Where a keyword is, for a load error's message: its text is built only for one.
struct Where {
    const std::string& file;
    const std::string& pointer;
    std::string_view keyword;
};

[[noreturn]] void fail(const Where& where, const std::string& what)
{
    fail(where.file + "#" + where.pointer + "/" + std::string(where.keyword), what);
}

std::uint8_t type_bit(std::string_view name, const Where& location)
{
    if (name == "null") return kNull;
    if (name == "boolean") return kBoolean;
    if (name == "object") return kObject;
    if (name == "array") return kArray;
    if (name == "number") return kNumber;
    if (name == "string") return kString;
    if (name == "integer") return kInteger;
    fail(location, "unknown type '" + std::string(name) + "'");
}

std::size_t count_of(const rapidjson::Value& v, const Where& location)
{
    if (!v.IsUint64()) {
        fail(location, "expected a non-negative integer");
    }
    return static_cast<std::size_t>(v.GetUint64());
}

double number_of(const rapidjson::Value& v, const Where& location)
{
    if (!v.IsNumber()) {
        fail(location, "expected a number");
    }
    return v.GetDouble();
}

// Keyword values of the wrong JSON type are load errors too: RapidJSON's accessors assume the type
// and would read garbage, so a malformed schema file must fail here, never run.
// A view of the document's string, which outlives the nodes.
std::string_view string_of(const rapidjson::Value& v, const Where& location)
{
    if (!v.IsString()) {
        fail(location, "expected a string");
    }
    return {v.GetString(), v.GetStringLength()};
}

const rapidjson::Value& array_of(const rapidjson::Value& v, const Where& location)
{
    if (!v.IsArray()) {
        fail(location, "expected an array");
    }
    return v;
}

const rapidjson::Value& object_of(const rapidjson::Value& v, const Where& location)
{
    if (!v.IsObject()) {
        fail(location, "expected an object");
    }
    return v;
}

std::string directory_of(const std::string& file)
{
    const auto slash = file.rfind('/');
    return slash == std::string::npos ? std::string() : file.substr(0, slash + 1);
}

}  // namespace

SchemaSet::SchemaSet(const std::vector<SchemaFile>& files, core::DataChecks checks) : checks_(checks)
{
    std::size_t text_bytes = 0;
    for (const auto& file : files) text_bytes += file.text.size();
    const auto pool = std::make_shared<parse::Pool>(parse::pool_bytes_for_parse(text_bytes));
    for (const auto& file : files) {
        // Out of memory throws std::bad_alloc (see parse_embedded).
        const parse::EmbeddedDocument& parsed =
            documents_.insert_or_assign(file.name, parse::parse_embedded(file.text, pool)).first->second;
        if (parsed.result.IsError()) {
            fail(file.name, std::string("invalid JSON at offset ") + std::to_string(parsed.result.Offset()) +
                                ": " + rapidjson::GetParseError_En(parsed.result.Code()));
        }
    }
    for (const auto& file : files) {
        compile(file.name, "");
    }
    for (Node& node : nodes_) {
        node.derive_summary();
    }
    for (Node& node : nodes_) {
        node.derive_conditional();
    }
    // Chains of plain $refs collapse to their end; a chain longer than any real one (a cycle of
    // refs that never validates anything) is left as it is.
    for (Node& node : nodes_) {
        const Node* end = &node;
        for (int steps = 0; end->only_ref() && steps < 64; ++steps) {
            end = end->ref;
        }
        if (end != &node && !end->only_ref()) {
            node.same_as = end;
        }
    }
}

const Node& SchemaSet::root(const std::string& file) const
{
    auto it = by_location_.find(file + "#");
    if (it == by_location_.end()) {
        throw std::runtime_error("no embedded schema named " + file);
    }
    return *it->second;
}

std::vector<std::string> SchemaSet::rule_tags() const
{
    std::vector<std::string> tags;
    for (const auto& node : nodes_) {
        if (!node.rule.empty()) {
            tags.emplace_back(node.rule);
        }
    }
    return tags;
}

void SchemaSet::compile_patterns() const
{
    for (const Node& node : nodes_) {
        if (!node.pattern) continue;
        try {
            node.pattern->compile();
        } catch (const std::invalid_argument& e) {
            fail(std::string(node.location), e.what());
        }
    }
}

const Node* SchemaSet::compile(const std::string& file, const std::string& pointer)
{
    if (auto it = by_location_.find(file + "#" + pointer); it != by_location_.end()) {
        return it->second;  // also ends cycles: the node is registered before it is filled
    }
    auto doc = documents_.find(file);
    if (doc == documents_.end()) {
        fail(file + "#" + pointer, "no such schema file");
    }
    // A Pointer whose tokens come from a throwing allocator, as every allocation of the schemas'.
    const rapidjson::Value* value =
        rapidjson::GenericPointer<rapidjson::Value, parse::ThrowingAllocator>(pointer.c_str()).Get(doc->second.document);
    if (value == nullptr) {
        fail(file + "#" + pointer, "no such location");
    }
    return compile(file, pointer, *value);
}

// A subschema at a known place: no pointer to resolve, as a $ref needs.
const Node* SchemaSet::compile(const std::string& file, const std::string& pointer, const rapidjson::Value& value)
{
    std::string location = file + "#" + pointer;
    auto [it, added] = by_location_.try_emplace(location, nullptr);
    if (!added) return it->second;
    Node& node = nodes_.emplace_back();
    node.location = it->first;  // the index's key, as long-lived as the node
    it->second = &node;
    if (value.IsBool()) {
        // true accepts everything; false accepts nothing ("not": {} says the same).
        if (!value.GetBool()) {
            node.not_ = &nodes_.emplace_back();
        }
        return &node;
    }
    if (!value.IsObject()) {
        fail(std::string(node.location), "a schema must be an object or a boolean");
    }
    fill(node, value, file, pointer);
    return &node;
}

const Node* SchemaSet::resolve_ref(const std::string& file, const std::string& ref)
{
    const auto hash = ref.find('#');
    const std::string target_file = hash == 0 ? file : directory_of(file) + ref.substr(0, hash);
    const std::string fragment = hash == std::string::npos ? std::string() : ref.substr(hash + 1);
    return compile(target_file, fragment);
}

namespace {

enum class Keyword {
    annotation, comment, title, description, ref, type, enum_, const_, min_length, max_length, pattern, minimum,
    maximum, exclusive_minimum, exclusive_maximum, min_items, max_items, unique_items, items, properties, required,
    additional_properties, property_names, min_properties, max_properties, dependencies, all_of, any_of, one_of,
    not_, if_, then_, else_,
};

// By name, one lookup per keyword of every schema object (a chain of string compares was most of
// compiling).
std::optional<Keyword> keyword_of(std::string_view name)
{
    static const std::unordered_map<std::string_view, Keyword> kKeywords = {
        {"$schema", Keyword::annotation}, {"$id", Keyword::annotation}, {"default", Keyword::annotation},
        {"examples", Keyword::annotation}, {"definitions", Keyword::annotation}, {"$comment", Keyword::comment},
        {"title", Keyword::title}, {"description", Keyword::description}, {"$ref", Keyword::ref},
        {"type", Keyword::type}, {"enum", Keyword::enum_}, {"const", Keyword::const_},
        {"minLength", Keyword::min_length}, {"maxLength", Keyword::max_length}, {"pattern", Keyword::pattern},
        {"minimum", Keyword::minimum}, {"maximum", Keyword::maximum},
        {"exclusiveMinimum", Keyword::exclusive_minimum}, {"exclusiveMaximum", Keyword::exclusive_maximum},
        {"minItems", Keyword::min_items}, {"maxItems", Keyword::max_items}, {"uniqueItems", Keyword::unique_items},
        {"items", Keyword::items}, {"properties", Keyword::properties}, {"required", Keyword::required},
        {"additionalProperties", Keyword::additional_properties}, {"propertyNames", Keyword::property_names},
        {"minProperties", Keyword::min_properties}, {"maxProperties", Keyword::max_properties},
        {"dependencies", Keyword::dependencies}, {"allOf", Keyword::all_of}, {"anyOf", Keyword::any_of},
        {"oneOf", Keyword::one_of}, {"not", Keyword::not_}, {"if", Keyword::if_}, {"then", Keyword::then_},
        {"else", Keyword::else_},
    };
    const auto it = kKeywords.find(name);
    return it == kKeywords.end() ? std::nullopt : std::optional<Keyword>(it->second);
}

}  // namespace

void SchemaSet::fill(Node& node, const rapidjson::Value& value, const std::string& file, const std::string& pointer)
{
    for (const auto& member : value.GetObject()) {
        const std::string_view keyword(member.name.GetString(), member.name.GetStringLength());
        const rapidjson::Value& v = member.value;
        const Where where{file, pointer, keyword};
        auto sub = [&]() {
            std::string out = pointer;
            out += '/';
            out.append(keyword.data(), keyword.size());
            return out;
        };
        auto child = [&](std::string child_pointer, const rapidjson::Value& child_value) {
            return compile(file, child_pointer, child_value);
        };
        const std::optional<Keyword> known = keyword_of(keyword);
        if (!known) {
            fail(where, "keyword '" + std::string(keyword) + "' is not supported by drslint's schema engine");
        }
        switch (*known) {
        case Keyword::annotation: break;  // definitions compile when a $ref reaches them
        case Keyword::comment: {
            const std::string_view text = string_of(v, where);
            constexpr std::string_view kTag = "rule: ";
            if (text.substr(0, kTag.size()) == kTag) {
                node.rule = text.substr(kTag.size());
            }
            break;
        }
        case Keyword::title: node.title = string_of(v, where); break;
        case Keyword::description: node.description = string_of(v, where); break;
        case Keyword::ref: node.ref = resolve_ref(file, std::string(string_of(v, where))); break;
        case Keyword::type:
            if (v.IsString()) {
                node.types = type_bit(v.GetString(), where);
            } else if (v.IsArray()) {
                for (const auto& t : v.GetArray()) {
                    node.types |= type_bit(string_of(t, where), where);
                }
            } else {
                fail(where, "type must be a string or an array");
            }
            break;
        case Keyword::enum_:
            if (!v.IsArray() || v.Empty()) {
                fail(where, "enum must be a non-empty array");
            }
            node.enum_values = &v;
            break;
        case Keyword::const_: node.const_value = &v; break;
        case Keyword::min_length: node.fill_limits().min_length = count_of(v, where); break;
        case Keyword::max_length: node.fill_limits().max_length = count_of(v, where); break;
        case Keyword::pattern:
            try {
                node.pattern = std::make_unique<const Pattern>(std::string(string_of(v, where)));
                if (checks_ == core::DataChecks::all) node.pattern->compile();
            } catch (const std::invalid_argument& e) {
                fail(where, e.what());
            }
            break;
        case Keyword::minimum: node.fill_limits().minimum = number_of(v, where); break;
        case Keyword::maximum: node.fill_limits().maximum = number_of(v, where); break;
        case Keyword::exclusive_minimum: node.fill_limits().exclusive_minimum = number_of(v, where); break;
        case Keyword::exclusive_maximum: node.fill_limits().exclusive_maximum = number_of(v, where); break;
        case Keyword::min_items: node.fill_limits().min_items = count_of(v, where); break;
        case Keyword::max_items: node.fill_limits().max_items = count_of(v, where); break;
        case Keyword::unique_items: node.unique_items = v.IsTrue(); break;
        case Keyword::items:
            if (!v.IsObject() && !v.IsBool()) {
                fail(where, "only a single items schema is supported");
            }
            node.items = child(sub(), v);
            break;
        case Keyword::properties: {
            const std::string properties = sub();
            for (const auto& property : object_of(v, where).GetObject()) {
                const std::string_view name(property.name.GetString(), property.name.GetStringLength());
                std::string child_pointer = properties;
                core::append_pointer_token(child_pointer, name);
                node.properties.emplace_back(name, child(std::move(child_pointer), property.value));
            }
            break;
        }
        case Keyword::required:
            for (const auto& name : array_of(v, where).GetArray()) {
                node.required.push_back(string_of(name, where));
            }
            break;
        case Keyword::additional_properties:
            if (v.IsFalse()) {
                node.additional_forbidden = true;
            } else if (v.IsObject()) {
                node.additional = child(sub(), v);
            }
            break;
        case Keyword::property_names: node.property_names = child(sub(), v); break;
        case Keyword::min_properties: node.fill_limits().min_properties = count_of(v, where); break;
        case Keyword::max_properties: node.fill_limits().max_properties = count_of(v, where); break;
        case Keyword::dependencies:
            for (const auto& dependency : object_of(v, where).GetObject()) {
                Dependency d;
                d.property = std::string_view(dependency.name.GetString(), dependency.name.GetStringLength());
                if (dependency.value.IsArray()) {
                    for (const auto& name : dependency.value.GetArray()) {
                        d.required.push_back(string_of(name, where));
                    }
                } else {
                    std::string child_pointer = sub();
                    core::append_pointer_token(child_pointer, d.property);
                    d.schema = child(std::move(child_pointer), dependency.value);
                }
                node.fill_lists().dependencies.push_back(std::move(d));
            }
            break;
        case Keyword::all_of:
        case Keyword::any_of:
        case Keyword::one_of: {
            Lists& lists = node.fill_lists();
            auto& list = *known == Keyword::all_of ? lists.all_of : *known == Keyword::any_of ? lists.any_of : lists.one_of;
            const std::string base = sub();
            for (rapidjson::SizeType i = 0; i < array_of(v, where).Size(); ++i) {
                list.push_back(child(base + "/" + std::to_string(i), v[i]));
            }
            break;
        }
        case Keyword::not_: node.not_ = child(sub(), v); break;
        case Keyword::if_: node.if_ = child(sub(), v); break;
        case Keyword::then_: node.then_ = child(sub(), v); break;
        case Keyword::else_: node.else_ = child(sub(), v); break;
        }
    }
}

}  // namespace drslint::schema
