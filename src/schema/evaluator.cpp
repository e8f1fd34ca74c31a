#include "schema/evaluator.h"

#include <algorithm>
#include <cmath>

#include "core/pointer.h"
#include "core/text.h"

namespace drslint::schema {

namespace {

// Draft-07 (Decision 13): an integer is any number whose fractional part is zero, however it is
// written: 1.0, 1e2 and -0.0 are integers, and so is a literal too large for 64 bits.
bool is_integral(const rapidjson::Value& v)
{
    if (v.IsInt64() || v.IsUint64()) return true;
    const double d = v.GetDouble();
    return std::isfinite(d) && std::trunc(d) == d;
}

bool type_matches(std::uint8_t types, const rapidjson::Value& v)
{
    switch (v.GetType()) {
    case rapidjson::kNullType: return types & kNull;
    case rapidjson::kFalseType:
    case rapidjson::kTrueType: return types & kBoolean;
    case rapidjson::kObjectType: return types & kObject;
    case rapidjson::kArrayType: return types & kArray;
    case rapidjson::kStringType: return types & kString;
    case rapidjson::kNumberType:
        return (types & kNumber) || ((types & kInteger) && is_integral(v));
    }
    return false;
}

bool has_member(const rapidjson::Value& object, std::string_view name)
{
    const rapidjson::Value key(rapidjson::StringRef(name.data(), static_cast<rapidjson::SizeType>(name.size())));
    return object.FindMember(key) != object.MemberEnd();
}

bool enum_contains(const rapidjson::Value& values, const rapidjson::Value& v)
{
    for (const auto& candidate : values.GetArray()) {
        if (candidate == v) {
            return true;
        }
    }
    return false;
}

// One evaluation: where it stands, the innermost rule tag, and where to report.
class Walk {
public:
    Walk(std::vector<Violation>* out, std::size_t max_violations) : out_(out), max_violations_(max_violations) {}

    bool truncated() const { return full_; }

    bool eval(const Node& node, const rapidjson::Value& v)
    {
        const Node& n = node.same_as != nullptr ? *node.same_as : node;
        const std::string_view* saved_rule = rule_;
        if (!n.rule.empty()) {
            rule_ = &n.rule;
        }
        const bool ok = eval_keywords(n, v);
        rule_ = saved_rule;
        return ok;
    }

    // Trial evaluation of a branch (if, anyOf, oneOf, not): never reports.
    bool test(const Node& n, const rapidjson::Value& v)
    {
        if (n.discriminator != nullptr && v.IsObject() && !discriminator_matches(n, v)) {
            return false;  // most branches of a conditional fail here, without a walk
        }
        std::vector<Violation>* saved = out_;
        out_ = nullptr;
        const bool ok = eval(n, v);
        out_ = saved;
        return ok;
    }

private:
    // Sets the key of the value being walked for a scope, and puts the outer one back after it.
    class KeyScope {
    public:
        KeyScope(const rapidjson::Value*& key, const rapidjson::Value* inner) : key_(key), outer_(key) { key = inner; }
        KeyScope(const KeyScope&) = delete;
        KeyScope& operator=(const KeyScope&) = delete;
        ~KeyScope() { key_ = outer_; }

    private:
        const rapidjson::Value*& key_;
        const rapidjson::Value* outer_;
    };

    // Whether object `v` holds the value node `n` requires at its discriminator member.
    static bool discriminator_matches(const Node& n, const rapidjson::Value& v)
    {
        const rapidjson::Value key(rapidjson::StringRef(n.discriminator->data(),
                                                        static_cast<rapidjson::SizeType>(n.discriminator->size())));
        const auto it = v.FindMember(key);
        return it != v.MemberEnd() && it->value == *n.discriminator_value;
    }

    // Records a violation; returns false so callers can `return report(...)` when stopping early.
    bool report(Keyword keyword, const Node& n, const rapidjson::Value& v, std::string member = {})
    {
        if (out_ != nullptr) {
            if (out_->size() >= max_violations_) {
                full_ = true;  // from here on the walk stops at the first failure, as in test()
            } else {
                record({keyword, path_.str(), &n, rule_, std::move(member), &v, key_});
            }
        }
        return false;
    }

    // The first violation makes room for a few more: a body with one has several, and a vector
    // grown one at a time moves every Violation (two strings) at each growth.
    void record(Violation&& violation)
    {
        if (out_->capacity() == 0) out_->reserve(std::min<std::size_t>(8, max_violations_));
        out_->push_back(std::move(violation));
    }

    bool collecting() const { return out_ != nullptr && !full_; }

    // Records a finding that does not make the value invalid (integer_form).
    void note(Keyword keyword, const Node& n, const rapidjson::Value& v)
    {
        if (collecting() && out_->size() < max_violations_) record({keyword, path_.str(), &n, rule_, {}, &v, key_});
    }

    // RapidJSON holds a plain integer literal of up to 64 bits as an integer; an integral double in
    // that range can only have been written with a fraction or an exponent. Beyond it the literal
    // is unknown (1e20 or twenty digits), and its range finding says more anyway.
    static bool written_with_fraction_or_exponent(const rapidjson::Value& v)
    {
        if (!v.IsDouble()) return false;
        const double d = v.GetDouble();
        return d >= -9223372036854775808.0 && d < 18446744073709551616.0;
    }

    // Folds a keyword's result into `ok`. Whether to go on: at the first failure only when nobody
    // collects; otherwise every problem is wanted.
    bool keep_going(bool& ok, bool passed) const
    {
        ok = ok && passed;
        return ok || collecting();
    }

    bool eval_keywords(const Node& n, const rapidjson::Value& v)
    {
        bool ok = true;
        auto keep_going = [&](bool passed) { return this->keep_going(ok, passed); };

        if (n.ref != nullptr && !keep_going(eval(*n.ref, v))) return false;
        if (n.types != 0 && !type_matches(n.types, v)) {
            // The value's other keywords describe a value of another type: they would only repeat
            // this one problem.
            return report(Keyword::type, n, v);
        }
        if ((n.types & kInteger) && !(n.types & kNumber) && written_with_fraction_or_exponent(v)) {
            note(Keyword::integer_form, n, v);
        }
        if (n.enum_values != nullptr && !enum_contains(*n.enum_values, v) &&
            !keep_going(report(Keyword::enum_value, n, v))) return false;
        if (n.const_value != nullptr && !(*n.const_value == v) &&
            !keep_going(report(Keyword::enum_value, n, v))) return false;

        if (n.string_keywords && v.IsString() && !keep_going(eval_string(n, v))) return false;
        if (n.number_keywords && v.IsNumber() && !keep_going(eval_number(n, v))) return false;
        if (n.array_keywords && v.IsArray() && !keep_going(eval_array(n, v))) return false;
        if (n.object_keywords && v.IsObject() && !keep_going(eval_object(n, v))) return false;
        return n.applicators ? eval_applicators(n, v, ok) : ok;
    }

    // allOf, anyOf, oneOf, not and if of a node whose other keywords gave `ok`.
    bool eval_applicators(const Node& n, const rapidjson::Value& v, bool ok)
    {
        auto keep_going = [&](bool passed) { return this->keep_going(ok, passed); };
        const Lists& lists = n.combinators();
        for (const Node* all : lists.all_of) {
            // One entry per job.type value, say: all but one pass at a member lookup.
            if (all->discriminated_conditional && v.IsObject() && !discriminator_matches(*all->if_, v)) continue;
            if (!keep_going(eval(*all, v))) return false;
        }
        if (!lists.any_of.empty()) {
            bool any = false;
            for (const Node* option : lists.any_of) {
                if (test(*option, v)) {
                    any = true;
                    break;
                }
            }
            if (!any && !keep_going(report(Keyword::any_of, n, v))) return false;
        }
        if (!lists.one_of.empty()) {
            std::size_t matches = 0;
            for (const Node* option : lists.one_of) {
                matches += test(*option, v);
            }
            if (matches != 1 && !keep_going(report(Keyword::one_of, n, v))) return false;
        }
        if (n.not_ != nullptr && test(*n.not_, v) && !keep_going(report(Keyword::not_schema, n, v))) return false;
        if (n.if_ != nullptr) {
            const Node* branch = test(*n.if_, v) ? n.then_ : n.else_;
            if (branch != nullptr && !keep_going(eval(*branch, v))) return false;
        }
        return ok;
    }

    bool eval_string(const Node& n, const rapidjson::Value& v)
    {
        const std::size_t length = core::count_code_points({v.GetString(), v.GetStringLength()});
        const Limits& b = n.bounds();
        if (b.min_length && length < *b.min_length) {
            return report(Keyword::min_length, n, v);
        }
        // Where the pattern fails too, its format says what is expected: the maxLength beside a
        // pattern is often only the bound the pattern implies, which the page never states.
        const bool too_long = b.max_length && length > *b.max_length;
        if (n.pattern) {
            // A DFA is linear in the string, so it checks strings of any length: no size limit
            // rejects a valid value, and none leaves a long one unchecked.
            if (!n.pattern->search({v.GetString(), v.GetStringLength()})) {
                return report(Keyword::pattern, n, v);
            }
        }
        if (too_long) return report(Keyword::max_length, n, v);
        return true;
    }

    bool eval_number(const Node& n, const rapidjson::Value& v)
    {
        const double d = v.GetDouble();
        const Limits& b = n.bounds();
        if (b.minimum && d < *b.minimum) return report(Keyword::minimum, n, v);
        if (b.exclusive_minimum && d <= *b.exclusive_minimum) return report(Keyword::minimum, n, v);
        if (b.maximum && d > *b.maximum) return report(Keyword::maximum, n, v);
        if (b.exclusive_maximum && d >= *b.exclusive_maximum) return report(Keyword::maximum, n, v);
        return true;
    }

    bool eval_array(const Node& n, const rapidjson::Value& v)
    {
        bool ok = true;
        const std::size_t size = v.Size();
        const Limits& b = n.bounds();
        if (b.min_items && size < *b.min_items) {
            ok = report(Keyword::min_items, n, v);
            if (!collecting()) return false;
        }
        if (b.max_items && size > *b.max_items) {
            ok = report(Keyword::max_items, n, v);
            if (!collecting()) return false;
        }
        // Items are no member's values: what is reported on them has no key.
        const KeyScope no_key(key_, nullptr);
        if (n.unique_items) {
            for (rapidjson::SizeType i = 1; i < size; ++i) {
                for (rapidjson::SizeType j = 0; j < i; ++j) {
                    if (v[i] == v[j]) {
                        core::PointerPath::Scope scope(path_, i);
                        ok = report(Keyword::unique_items, n, v[i]);
                        if (!collecting()) return false;
                        j = i;  // one report per repeated item
                    }
                }
            }
        }
        if (n.items != nullptr) {
            for (rapidjson::SizeType i = 0; i < size; ++i) {
                core::PointerPath::Scope scope(path_, i);
                if (!eval(*n.items, v[i])) {
                    ok = false;
                    if (!collecting()) return false;
                }
            }
        }
        return ok;
    }

    bool eval_object(const Node& n, const rapidjson::Value& v)
    {
        bool ok = true;
        auto fail = [&](bool passed) {
            ok = ok && passed;
            return !ok && !collecting();
        };
        for (const auto& name : n.required) {
            if (!has_member(v, name)) {
                core::PointerPath::Scope scope(path_, name);
                if (fail(report(Keyword::required, n, v, std::string(name)))) return false;
            }
        }
        const bool checks_members = !n.properties.empty() || n.additional != nullptr || n.additional_forbidden ||
                                    n.property_names != nullptr;
        if (checks_members) {
            const KeyScope member_key(key_, nullptr);
            for (const auto& member : v.GetObject()) {
                const std::string_view name(member.name.GetString(), member.name.GetStringLength());
                core::PointerPath::Scope scope(path_, name);
                key_ = &member.name;
                if (n.property_names != nullptr && fail(eval(*n.property_names, member.name))) return false;
                if (const Node* property = n.property(name)) {
                    if (fail(eval(*property, member.value))) return false;
                } else if (n.additional != nullptr) {
                    if (fail(eval(*n.additional, member.value))) return false;
                } else if (n.additional_forbidden) {
                    if (fail(report(Keyword::unknown_member, n, member.value, std::string(name)))) return false;
                }
            }
        }
        const std::size_t count = v.MemberCount();
        const Limits& b = n.bounds();
        if (b.min_properties && count < *b.min_properties && fail(report(Keyword::min_properties, n, v))) return false;
        if (b.max_properties && count > *b.max_properties && fail(report(Keyword::max_properties, n, v))) return false;
        for (const auto& dependency : n.combinators().dependencies) {
            if (!has_member(v, dependency.property)) {
                continue;
            }
            for (const auto& name : dependency.required) {
                if (!has_member(v, name)) {
                    core::PointerPath::Scope scope(path_, name);
                    if (fail(report(Keyword::required, n, v, std::string(name)))) return false;
                }
            }
            if (dependency.schema != nullptr && fail(eval(*dependency.schema, v))) return false;
        }
        return ok;
    }

    std::vector<Violation>* out_;
    std::size_t max_violations_;
    bool full_ = false;
    core::PointerPath path_;  // where the walk stands
    const std::string_view* rule_ = nullptr;
    const rapidjson::Value* key_ = nullptr;  // the member name of the value being walked, if it has one
};

}  // namespace

bool Evaluator::validate(const Node& root, const rapidjson::Value& value, std::vector<Violation>* out,
                         std::size_t max_violations, bool* truncated) const
{
    Walk walk(out, max_violations);
    const bool ok = walk.eval(root, value);
    if (truncated != nullptr) {
        *truncated = walk.truncated();
    }
    return ok;
}

}  // namespace drslint::schema
