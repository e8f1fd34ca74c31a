#include "schema/schema_set.h"

#include <stdexcept>

#include <rapidjson/error/en.h>
#include <rapidjson/pointer.h>

#include "core/pointer.h"

namespace drslint::schema {
namespace {

[[noreturn]] void fail(const std::string& location, const std::string& what)
{
    throw std::runtime_error("schema " + location + ": " + what);
}

std::uint8_t type_bit(std::string_view name, const std::string& location)
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

std::size_t count_of(const rapidjson::Value& v, const std::string& location)
{
    if (!v.IsUint64()) {
        fail(location, "expected a non-negative integer");
    }
    return static_cast<std::size_t>(v.GetUint64());
}

double number_of(const rapidjson::Value& v, const std::string& location)
{
    if (!v.IsNumber()) {
        fail(location, "expected a number");
    }
    return v.GetDouble();
}

// Keyword values of the wrong JSON type are load errors too: RapidJSON's accessors assume the type
// and would read garbage, so a malformed schema file must fail here, never run.
std::string string_of(const rapidjson::Value& v, const std::string& location)
{
    if (!v.IsString()) {
        fail(location, "expected a string");
    }
    return {v.GetString(), v.GetStringLength()};
}

const rapidjson::Value& array_of(const rapidjson::Value& v, const std::string& location)
{
    if (!v.IsArray()) {
        fail(location, "expected an array");
    }
    return v;
}

const rapidjson::Value& object_of(const rapidjson::Value& v, const std::string& location)
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
            tags.push_back(node.rule);
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
            fail(node.location, e.what());
        }
    }
}

const Node* SchemaSet::compile(const std::string& file, const std::string& pointer)
{
    const std::string location = file + "#" + pointer;
    if (auto it = by_location_.find(location); it != by_location_.end()) {
        return it->second;  // also ends cycles: the node is registered before it is filled
    }
    auto doc = documents_.find(file);
    if (doc == documents_.end()) {
        fail(location, "no such schema file");
    }
    // A Pointer whose tokens come from a throwing allocator, as every allocation of the schemas'.
    const rapidjson::Value* value =
        rapidjson::GenericPointer<rapidjson::Value, parse::ThrowingAllocator>(pointer.c_str()).Get(doc->second.document);
    if (value == nullptr) {
        fail(location, "no such location");
    }
    Node& node = nodes_.emplace_back();
    node.location = location;
    by_location_[location] = &node;
    if (value->IsBool()) {
        // true accepts everything; false accepts nothing ("not": {} says the same).
        if (!value->GetBool()) {
            node.not_ = &nodes_.emplace_back();
        }
        return &node;
    }
    if (!value->IsObject()) {
        fail(location, "a schema must be an object or a boolean");
    }
    fill(node, *value, file, pointer);
    return &node;
}

const Node* SchemaSet::resolve_ref(const std::string& file, const std::string& ref)
{
    const auto hash = ref.find('#');
    const std::string target_file = hash == 0 ? file : directory_of(file) + ref.substr(0, hash);
    const std::string fragment = hash == std::string::npos ? std::string() : ref.substr(hash + 1);
    return compile(target_file, fragment);
}

void SchemaSet::fill(Node& node, const rapidjson::Value& value, const std::string& file, const std::string& pointer)
{
    auto sub = [&](const char* keyword) { return pointer + "/" + keyword; };
    auto child = [&](const std::string& child_pointer) { return compile(file, child_pointer); };

    for (const auto& member : value.GetObject()) {
        const std::string keyword(member.name.GetString(), member.name.GetStringLength());
        const rapidjson::Value& v = member.value;
        const std::string where = file + "#" + pointer + "/" + keyword;

        if (keyword == "$schema" || keyword == "$id" || keyword == "default" || keyword == "examples" ||
            keyword == "definitions") {
            continue;  // annotations; definitions compile when a $ref reaches them
        } else if (keyword == "$comment") {
            const std::string text = string_of(v, where);
            constexpr std::string_view kTag = "rule: ";
            if (text.compare(0, kTag.size(), kTag) == 0) {
                node.rule = text.substr(kTag.size());
            }
        } else if (keyword == "title") {
            node.title = string_of(v, where);
        } else if (keyword == "description") {
            node.description = string_of(v, where);
        } else if (keyword == "$ref") {
            node.ref = resolve_ref(file, string_of(v, where));
        } else if (keyword == "type") {
            if (v.IsString()) {
                node.types = type_bit(v.GetString(), where);
            } else if (v.IsArray()) {
                for (const auto& t : v.GetArray()) {
                    node.types |= type_bit(string_of(t, where), where);
                }
            } else {
                fail(where, "type must be a string or an array");
            }
        } else if (keyword == "enum") {
            if (!v.IsArray() || v.Empty()) {
                fail(where, "enum must be a non-empty array");
            }
            node.enum_values = &v;
        } else if (keyword == "const") {
            node.const_value = &v;
        } else if (keyword == "minLength") {
            node.min_length = count_of(v, where);
        } else if (keyword == "maxLength") {
            node.max_length = count_of(v, where);
        } else if (keyword == "pattern") {
            node.pattern_source = string_of(v, where);
            try {
                node.pattern.emplace(node.pattern_source);
                if (checks_ == core::DataChecks::all) node.pattern->compile();
            } catch (const std::invalid_argument& e) {
                fail(where, e.what());
            }
        } else if (keyword == "minimum") {
            node.minimum = number_of(v, where);
        } else if (keyword == "maximum") {
            node.maximum = number_of(v, where);
        } else if (keyword == "exclusiveMinimum") {
            node.exclusive_minimum = number_of(v, where);
        } else if (keyword == "exclusiveMaximum") {
            node.exclusive_maximum = number_of(v, where);
        } else if (keyword == "minItems") {
            node.min_items = count_of(v, where);
        } else if (keyword == "maxItems") {
            node.max_items = count_of(v, where);
        } else if (keyword == "uniqueItems") {
            node.unique_items = v.IsTrue();
        } else if (keyword == "items") {
            if (!v.IsObject() && !v.IsBool()) {
                fail(where, "only a single items schema is supported");
            }
            node.items = child(sub("items"));
        } else if (keyword == "properties") {
            for (const auto& property : object_of(v, where).GetObject()) {
                std::string name(property.name.GetString(), property.name.GetStringLength());
                std::string child_pointer = sub("properties");
                core::append_pointer_token(child_pointer, name);
                node.properties.emplace_back(std::move(name), child(child_pointer));
            }
        } else if (keyword == "required") {
            for (const auto& name : array_of(v, where).GetArray()) {
                node.required.push_back(string_of(name, where));
            }
        } else if (keyword == "additionalProperties") {
            if (v.IsFalse()) {
                node.additional_forbidden = true;
            } else if (v.IsObject()) {
                node.additional = child(sub("additionalProperties"));
            }
        } else if (keyword == "propertyNames") {
            node.property_names = child(sub("propertyNames"));
        } else if (keyword == "minProperties") {
            node.min_properties = count_of(v, where);
        } else if (keyword == "maxProperties") {
            node.max_properties = count_of(v, where);
        } else if (keyword == "dependencies") {
            for (const auto& dependency : object_of(v, where).GetObject()) {
                Dependency d;
                d.property.assign(dependency.name.GetString(), dependency.name.GetStringLength());
                if (dependency.value.IsArray()) {
                    for (const auto& name : dependency.value.GetArray()) {
                        d.required.push_back(string_of(name, where));
                    }
                } else {
                    std::string child_pointer = sub("dependencies");
                    core::append_pointer_token(child_pointer, d.property);
                    d.schema = child(child_pointer);
                }
                node.dependencies.push_back(std::move(d));
            }
        } else if (keyword == "allOf" || keyword == "anyOf" || keyword == "oneOf") {
            auto& list = keyword == "allOf" ? node.all_of : keyword == "anyOf" ? node.any_of : node.one_of;
            for (rapidjson::SizeType i = 0; i < array_of(v, where).Size(); ++i) {
                list.push_back(child(sub(keyword.c_str()) + "/" + std::to_string(i)));
            }
        } else if (keyword == "not") {
            node.not_ = child(sub("not"));
        } else if (keyword == "if") {
            node.if_ = child(sub("if"));
        } else if (keyword == "then") {
            node.then_ = child(sub("then"));
        } else if (keyword == "else") {
            node.else_ = child(sub("else"));
        } else {
            fail(where, "keyword '" + keyword + "' is not supported by drslint's schema engine");
        }
    }
}

}  // namespace drslint::schema
