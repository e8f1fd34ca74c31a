#include "rules/rule_functions.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>

#include "core/pointer.h"
#include "core/secrets.h"
#include "core/suggest.h"
#include "core/text.h"
#include "parse/value_text.h"
#include "rules/json_read.h"
#include "schema/pattern.h"

namespace drslint::rules {

const std::string& Target::pointer() const
{
    if (!pointer_) {
        pointer_ = node_path.str();
        if (!field.empty()) core::append_pointer_token(*pointer_, field);
    }
    return *pointer_;
}

namespace {

using core::Anchor;
using parse::render_value;

[[noreturn]] void bad_options(std::string_view function, const std::string& what)
{
    throw std::runtime_error("rule function '" + std::string(function) + "': " + what);
}

// Options are read once, when the engine compiles the catalogue; the reads below are checked
// (json_read.h), though rules.schema.json already guarantees each member and its type.
std::string option_name(std::string_view function, const char* name)
{
    return "rule function '" + std::string(function) + "': option '" + name + "'";
}

const rapidjson::Value& option(const rapidjson::Value& options, const char* name, std::string_view function)
{
    const rapidjson::Value* v = json::find(options, name);
    if (v == nullptr) bad_options(function, std::string("missing option '") + name + "'");
    return *v;
}

const rapidjson::Value& object_option(const rapidjson::Value& options, const char* name, std::string_view function)
{
    return json::object(option(options, name, function), option_name(function, name));
}

std::size_t count_option(const rapidjson::Value& options, const char* name, std::string_view function)
{
    return json::count(option(options, name, function), option_name(function, name));
}

// A member of an option's object, named for a message: "option 'counts' member 'ha'".
std::string entry_name(std::string_view function, const char* option, const rapidjson::Value& key)
{
    return option_name(function, option) + " member '" + std::string(key.GetString(), key.GetStringLength()) + "'";
}

std::string key_of(const rapidjson::Value& name) { return {name.GetString(), name.GetStringLength()}; }

std::string string_option(const rapidjson::Value& options, const char* name, std::string_view function)
{
    const auto& v = option(options, name, function);
    if (!v.IsString()) bad_options(function, std::string("option '") + name + "' must be a string");
    return {v.GetString(), v.GetStringLength()};
}

std::vector<std::string> strings_option(const rapidjson::Value& v, std::string_view function)
{
    if (!v.IsArray()) bad_options(function, "expected an array of strings");
    std::vector<std::string> out;
    for (const auto& s : v.GetArray()) {
        if (!s.IsString()) bad_options(function, "expected an array of strings");
        out.emplace_back(s.GetString(), s.GetStringLength());
    }
    return out;
}

std::string_view as_view(const rapidjson::Value& v) { return {v.GetString(), v.GetStringLength()}; }

const rapidjson::Value* sibling(const Target& t, const std::string& name)
{
    if (!t.node.IsObject()) return nullptr;
    const rapidjson::Value key(rapidjson::StringRef(name.data(), static_cast<rapidjson::SizeType>(name.size())));
    auto it = t.node.FindMember(key);
    return it == t.node.MemberEnd() ? nullptr : &it->value;
}

std::string backticked_list(const std::vector<std::string>& values)
{
    std::string out;
    for (const auto& v : values) {
        out += out.empty() ? "" : ", ";
        out += "`" + v + "`";
    }
    return out;
}

Hit value_hit(const Target& t)
{
    Hit hit;
    hit.pointer = t.pointer();
    hit.args.emplace_back("subject", core::describe_pointer(t.pointer()));
    if (t.value != nullptr) hit.args.emplace_back("value", render_value(*t.value, t.pointer()));
    return hit;
}

std::vector<std::string_view> split(std::string_view s, char separator)
{
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == separator) {
            parts.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    return parts;
}

bool is_ipv4(std::string_view s)
{
    const auto parts = split(s, '.');
    if (parts.size() != 4) return false;
    for (auto part : parts) {
        if (part.empty() || part.size() > 3 || part.find_first_not_of("0123456789") != std::string_view::npos) return false;
        if (part.size() > 1 && part[0] == '0') return false;
        if (std::stoi(std::string(part)) > 255) return false;
    }
    return true;
}

// --- functions -------------------------------------------------------------------------------

// The field must be present.
class Defined : public RuleFunction {
public:
    void check(const Target& t, std::vector<Hit>& hits) const override
    {
        if (t.value != nullptr) return;
        Hit hit = value_hit(t);
        hit.anchor = Anchor::parent;
        hit.args.emplace_back("member", std::string(t.field));
        hit.expected = "`" + std::string(t.field) + "`";
        hits.push_back(std::move(hit));
    }
};

// The field must be absent.
class Undefined : public RuleFunction {
public:
    void check(const Target& t, std::vector<Hit>& hits) const override
    {
        if (t.value == nullptr) return;
        Hit hit = value_hit(t);
        hit.anchor = Anchor::key;
        hit.args.emplace_back("member", std::string(t.field));
        hits.push_back(std::move(hit));
    }
};

// The field, if present, must be an empty object or array.
class Empty : public RuleFunction {
public:
    void check(const Target& t, std::vector<Hit>& hits) const override
    {
        if (t.value == nullptr) return;
        const bool empty = (t.value->IsObject() && t.value->MemberCount() == 0) || (t.value->IsArray() && t.value->Empty());
        if (!empty) {
            Hit hit = value_hit(t);
            hit.anchor = Anchor::key;
            hits.push_back(std::move(hit));
        }
    }
};

// A string that `applies` matches must also match `match`.
class Pattern : public RuleFunction {
public:
    explicit Pattern(const rapidjson::Value& options)
        : match_(string_option(options, "match", "pattern"))
    {
        if (json::find(options, "applies") != nullptr) {
            applies_.emplace(string_option(options, "applies", "pattern"));
        }
        if (json::find(options, "expected") != nullptr) expected_ = string_option(options, "expected", "pattern");
        // The catalogue's patterns are few and small: built now, so one too large fails the load.
        match_.compile();
        if (applies_) applies_->compile();
    }
    void check(const Target& t, std::vector<Hit>& hits) const override
    {
        if (t.value == nullptr || !t.value->IsString()) return;
        // Patterns are DFAs: a string of any length is checked.
        const std::string_view s(t.value->GetString(), t.value->GetStringLength());
        if (applies_ && !applies_->search(s)) return;
        if (match_.search(s)) return;
        Hit hit = value_hit(t);
        hit.expected = expected_;
        hit.args.emplace_back("expected", expected_);
        hits.push_back(std::move(hit));
    }

private:
    schema::Pattern match_;
    std::optional<schema::Pattern> applies_;
    std::string expected_;
};

// A string must be one of `values` (mode "allowed") or must not be (mode "flagged").
class Enumeration : public RuleFunction {
public:
    explicit Enumeration(const rapidjson::Value& options)
        : values_(strings_option(option(options, "values", "enumeration"), "enumeration")),
          flagged_(string_option(options, "mode", "enumeration") == "flagged") {}
    void check(const Target& t, std::vector<Hit>& hits) const override
    {
        if (t.value == nullptr || !t.value->IsString()) return;
        const bool listed = std::find(values_.begin(), values_.end(), as_view(*t.value)) != values_.end();
        if (listed != flagged_) return;
        Hit hit = value_hit(t);
        hit.expected = backticked_list(values_);
        hit.args.emplace_back("allowed", hit.expected);
        hit.args.emplace_back("expected", hit.expected);
        if (!flagged_ && !core::is_secret_pointer(t.pointer())) {
            std::vector<std::string_view> candidates(values_.begin(), values_.end());
            hit.suggestion = core::closest_match(as_view(*t.value), candidates);
        }
        hits.push_back(std::move(hit));
    }

private:
    std::vector<std::string> values_;
    bool flagged_;
};

// An array must have between `min` and `max` items; with `upTo`, only sizes up to it are reported
// (larger ones are another rule's business).
class Length : public RuleFunction {
public:
    explicit Length(const rapidjson::Value& options)
    {
        if (json::find(options, "min") != nullptr) min_ = count_option(options, "min", "length");
        if (json::find(options, "max") != nullptr) max_ = count_option(options, "max", "length");
        if (json::find(options, "upTo") != nullptr) up_to_ = count_option(options, "upTo", "length");
    }
    void check(const Target& t, std::vector<Hit>& hits) const override
    {
        if (t.value == nullptr || !t.value->IsArray()) return;
        const std::size_t n = t.value->Size();
        if ((n >= min_ && n <= max_) || n > up_to_) return;
        Hit hit = value_hit(t);
        hit.args.emplace_back("actual", std::to_string(n));
        hit.expected = min_ > 0 ? std::to_string(min_) + " to " + std::to_string(max_) : "at most " + std::to_string(max_);
        hit.args.emplace_back("expected", hit.expected);
        hits.push_back(std::move(hit));
    }

private:
    std::size_t min_ = 0;
    std::size_t max_ = static_cast<std::size_t>(-1);
    std::size_t up_to_ = static_cast<std::size_t>(-1);
};

// In an array of objects, `member` must not repeat; each repeat is reported at its own place.
class UniqueBy : public RuleFunction {
public:
    explicit UniqueBy(const rapidjson::Value& options) : member_(string_option(options, "member", "unique-by")) {}
    void check(const Target& t, std::vector<Hit>& hits) const override
    {
        if (t.value == nullptr || !t.value->IsArray()) return;
        std::map<std::string_view, std::size_t> first;
        const rapidjson::Value key(rapidjson::StringRef(member_.data(), static_cast<rapidjson::SizeType>(member_.size())));
        for (rapidjson::SizeType i = 0; i < t.value->Size(); ++i) {
            const auto& item = (*t.value)[i];
            if (!item.IsObject()) continue;
            auto it = item.FindMember(key);
            if (it == item.MemberEnd() || !it->value.IsString()) continue;
            auto [seen, inserted] = first.emplace(as_view(it->value), i);
            if (inserted) continue;
            std::string pointer = t.pointer();
            core::append_pointer_index(pointer, i);
            core::append_pointer_token(pointer, member_);
            Hit hit;
            hit.pointer = pointer;
            hit.args.emplace_back("subject", core::describe_pointer(pointer));
            hit.args.emplace_back("value", render_value(it->value, pointer));
            hit.args.emplace_back("expected", std::to_string(seen->second));
            hits.push_back(std::move(hit));
        }
    }

private:
    std::string member_;
};

// Letters, digits, '_' and '-', or CJK ideographs; other non-ASCII characters are reported (the
// schema's pattern already refuses the other ASCII characters).
class CjkWord : public RuleFunction {
public:
    void check(const Target& t, std::vector<Hit>& hits) const override
    {
        if (t.value == nullptr || !t.value->IsString()) return;
        const std::string_view s(t.value->GetString(), t.value->GetStringLength());
        for (std::size_t i = 0; i < s.size();) {
            const std::size_t length = core::sequence_length(s, i);
            if (length == 1) {
                ++i;
                continue;
            }
            if (length == 0) {  // not UTF-8 (the parser refuses it; never a word character)
                hits.push_back(value_hit(t));
                return;
            }
            const char32_t cp = core::decode(s, i, length);
            i += length;
            const bool cjk = (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
                             (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F);
            if (!cjk) {
                hits.push_back(value_hit(t));
                return;
            }
        }
    }
};

// Speed-limit windows: begin "hh:mm" to end "hh:59" cover whole hours and may wrap past midnight;
// two windows must not share an hour.
class TimeWindows : public RuleFunction {
public:
    void check(const Target& t, std::vector<Hit>& hits) const override
    {
        if (t.value == nullptr || !t.value->IsArray()) return;
        struct Window {
            std::size_t index;
            int begin, end;
        };
        std::vector<Window> windows;
        for (rapidjson::SizeType i = 0; i < t.value->Size(); ++i) {
            const auto& item = (*t.value)[i];
            int begin, end;
            if (item.IsObject() && hour(item, "begin", begin) && hour(item, "end", end)) {
                windows.push_back({i, begin, end});
            }
        }
        for (std::size_t j = 1; j < windows.size(); ++j) {
            for (std::size_t i = 0; i < j; ++i) {
                if (!overlap(windows[i], windows[j])) continue;
                std::string pointer = t.pointer();
                core::append_pointer_index(pointer, windows[j].index);
                Hit hit;
                hit.pointer = pointer;
                hit.args.emplace_back("subject", core::describe_pointer(pointer));
                hit.args.emplace_back("expected", core::describe_pointer(t.pointer() + "/" + std::to_string(windows[i].index)));
                hits.push_back(std::move(hit));
                break;
            }
        }
    }

private:
    static bool hour(const rapidjson::Value& item, const char* name, int& out)
    {
        auto it = item.FindMember(name);
        if (it == item.MemberEnd() || !it->value.IsString() || it->value.GetStringLength() != 5) return false;
        const char* s = it->value.GetString();
        if (s[2] != ':' || s[0] < '0' || s[0] > '2' || s[1] < '0' || s[1] > '9') return false;
        out = (s[0] - '0') * 10 + (s[1] - '0');
        return out < 24;
    }
    template <typename W>
    static bool overlap(const W& a, const W& b)
    {
        for (int h = 0; h < 24; ++h) {
            if (covers(a, h) && covers(b, h)) return true;
        }
        return false;
    }
    template <typename W>
    static bool covers(const W& w, int h)
    {
        return w.begin <= w.end ? (h >= w.begin && h <= w.end) : (h >= w.begin || h <= w.end);
    }
};

// Standard Base64 (RFC 4648 §4), line breaks allowed as in PEM bodies. The value itself is never
// put into the message: this is for secrets.
class Base64 : public RuleFunction {
public:
    void check(const Target& t, std::vector<Hit>& hits) const override
    {
        if (t.value == nullptr || !t.value->IsString()) return;
        std::size_t data = 0, padding = 0;
        bool ok = true;
        const char* s = t.value->GetString();
        for (std::size_t i = 0; i < t.value->GetStringLength() && ok; ++i) {
            const char c = s[i];
            if (c == '\n' || c == '\r') continue;
            if (c == '=') {
                ++padding;
                ok = padding <= 2;
            } else {
                ok = padding == 0 && (std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/');
                ++data;
            }
        }
        ok = ok && data > 0 && (data + padding) % 4 == 0;
        if (!ok) {
            Hit hit;
            hit.pointer = t.pointer();
            hit.args.emplace_back("subject", core::describe_pointer(t.pointer()));
            hits.push_back(std::move(hit));
        }
    }
};

// A comma-separated list of IPv4 addresses.
class Ipv4List : public RuleFunction {
public:
    void check(const Target& t, std::vector<Hit>& hits) const override
    {
        if (t.value == nullptr || !t.value->IsString()) return;
        for (auto part : split(as_view(*t.value), ',')) {
            if (!is_ipv4(part)) {
                Hit hit = value_hit(t);
                hit.args.emplace_back("actual", "\"" + core::printable(part, 40) + "\"");
                hits.push_back(std::move(hit));
                return;
            }
        }
    }
};

// A separated list whose item count depends on a sibling: e.g. one AZ per node.
class CountBy : public RuleFunction {
public:
    explicit CountBy(const rapidjson::Value& options)
        : by_(string_option(options, "by", "count-by")), separator_(string_option(options, "separator", "count-by"))
    {
        for (const auto& m : object_option(options, "counts", "count-by").GetObject()) {
            counts_[key_of(m.name)] = json::count(m.value, entry_name("count-by", "counts", m.name));
        }
        // "noun": ["availability zone", "availability zones"] counts in words, never "1 zones".
        if (const rapidjson::Value* noun = json::find(options, "noun")) {
            const auto forms = strings_option(*noun, "count-by");
            if (forms.size() != 2) bad_options("count-by", "option 'noun' needs the singular and the plural");
            noun_ = {forms[0], forms[1]};
        }
    }
    void check(const Target& t, std::vector<Hit>& hits) const override
    {
        const rapidjson::Value* by = sibling(t, by_);
        if (t.value == nullptr || !t.value->IsString() || by == nullptr || !by->IsString()) return;
        auto it = counts_.find(by->GetString());
        if (it == counts_.end() || separator_.empty()) return;
        std::size_t n = 0;
        for (auto part : split(as_view(*t.value), separator_[0])) n += !part.empty();
        if (n == it->second) return;
        Hit hit = value_hit(t);
        auto counted = [this](std::size_t k) {
            return noun_.first.empty() ? std::to_string(k) : std::to_string(k) + " " + (k == 1 ? noun_.first : noun_.second);
        };
        hit.args.emplace_back("actual", counted(n));
        hit.args.emplace_back("expected", counted(it->second));
        hit.args.emplace_back("by", "`" + it->first + "`");
        hit.expected = counted(it->second);
        hits.push_back(std::move(hit));
    }

private:
    std::string by_;
    std::string separator_;
    std::pair<std::string, std::string> noun_;  // singular, plural; empty: bare numbers
    std::map<std::string, std::size_t> counts_;
};

// Decision 13: an integer is any number whose fractional part is zero (2.0, 1e30 too).
bool integral(const rapidjson::Value& v)
{
    return v.IsInt64() || v.IsUint64() || (v.IsNumber() && std::trunc(v.GetDouble()) == v.GetDouble());
}

// An integer whose range depends on a sibling: e.g. 1-9 months or 1-3 years.
class RangeBy : public RuleFunction {
public:
    explicit RangeBy(const rapidjson::Value& options) : by_(string_option(options, "by", "range-by"))
    {
        for (const auto& m : object_option(options, "ranges", "range-by").GetObject()) {
            const std::string what = entry_name("range-by", "ranges", m.name);
            const rapidjson::Value& range = json::array(m.value, what);
            if (range.Size() != 2) bad_options("range-by", what + " needs the lowest and the highest value");
            ranges_[key_of(m.name)] = {json::integer(range[0], what), json::integer(range[1], what)};
        }
    }
    void check(const Target& t, std::vector<Hit>& hits) const override
    {
        const rapidjson::Value* by = sibling(t, by_);
        if (t.value == nullptr || by == nullptr || !integral(*t.value) || !integral(*by)) return;
        auto it = ranges_.find(std::to_string(static_cast<long long>(by->GetDouble())));
        if (it == ranges_.end()) return;
        if (t.value->IsInt64()) {
            const auto v = t.value->GetInt64();
            if (v >= it->second.first && v <= it->second.second) return;
        } else {  // beyond int64, or written 2.0 or 1e30: far from any bound, exactness does not matter
            const double v = t.value->GetDouble();
            if (v >= static_cast<double>(it->second.first) && v <= static_cast<double>(it->second.second)) return;
        }
        Hit hit = value_hit(t);
        hit.expected = std::to_string(it->second.first) + " to " + std::to_string(it->second.second);
        hit.args.emplace_back("expected", hit.expected);
        hit.args.emplace_back("by", it->first);
        hits.push_back(std::move(hit));
    }

private:
    std::string by_;
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> ranges_;
};

// The field must equal the node's own member name (e.g. an additional column's name).
class EqualsKey : public RuleFunction {
public:
    void check(const Target& t, std::vector<Hit>& hits) const override
    {
        if (t.value != nullptr && t.value->IsString() && as_view(*t.value) == t.node_key) return;
        Hit hit = value_hit(t);
        hit.anchor = t.value == nullptr ? Anchor::parent : Anchor::value;
        if (t.value == nullptr) hit.args.emplace_back("value", "missing");
        // The key comes from the body: shown printable; offered as the fix only when it is so.
        const std::string key = core::printable(t.node_key, static_cast<std::size_t>(-1));
        hit.expected = "\"" + key + "\"";
        hit.args.emplace_back("expected", hit.expected);
        if (key == t.node_key) hit.suggestion = key;
        hits.push_back(std::move(hit));
    }
};

// The field must be one of the values allowed for a sibling's value.
class AllowedPair : public RuleFunction {
public:
    explicit AllowedPair(const rapidjson::Value& options) : by_(string_option(options, "by", "allowed-pair"))
    {
        for (const auto& m : object_option(options, "pairs", "allowed-pair").GetObject()) {
            pairs_[key_of(m.name)] = strings_option(m.value, "allowed-pair");
        }
    }
    void check(const Target& t, std::vector<Hit>& hits) const override
    {
        const rapidjson::Value* by = sibling(t, by_);
        if (t.value == nullptr || !t.value->IsString() || by == nullptr || !by->IsString()) return;
        auto it = pairs_.find(by->GetString());
        if (it == pairs_.end()) return;
        if (std::find(it->second.begin(), it->second.end(), as_view(*t.value)) != it->second.end()) return;
        Hit hit = value_hit(t);
        hit.expected = backticked_list(it->second);
        hit.args.emplace_back("expected", hit.expected);
        hit.args.emplace_back("by", "`" + it->first + "`");
        hits.push_back(std::move(hit));
    }

private:
    std::string by_;
    std::map<std::string, std::vector<std::string>> pairs_;
};

// Members of params that the update type does not read. `uses` maps each type to the members it
// reads ("*" for all; "base_info/name" to read only that member of base_info).
class UnusedMembers : public RuleFunction {
public:
    explicit UnusedMembers(const rapidjson::Value& options)
        : fact_(string_option(options, "fact", "unused-members")),
          always_(strings_option(option(options, "always", "unused-members"), "unused-members"))
    {
        for (const auto& m : object_option(options, "uses", "unused-members").GetObject()) {
            uses_[key_of(m.name)] = strings_option(m.value, "unused-members");
        }
    }
    void check(const Target& t, std::vector<Hit>& hits) const override
    {
        const std::string* type = t.facts.get(fact_);
        if (type == nullptr || t.value == nullptr || !t.value->IsObject()) return;
        auto uses = uses_.find(*type);
        if (uses == uses_.end()) return;
        const auto& used = uses->second;
        if (std::find(used.begin(), used.end(), "*") != used.end()) return;
        for (const auto& member : t.value->GetObject()) {
            const std::string name(member.name.GetString(), member.name.GetStringLength());
            if (std::find(always_.begin(), always_.end(), name) != always_.end()) continue;
            std::vector<std::string> inner;  // the members of `name` that are read, when restricted
            bool whole = false;
            for (const auto& u : used) {
                if (u == name) whole = true;
                if (u.rfind(name + "/", 0) == 0) inner.push_back(u.substr(name.size() + 1));
            }
            std::string pointer = t.pointer();
            core::append_pointer_token(pointer, name);
            if (!whole && inner.empty()) {
                hits.push_back(unused(pointer, *type));
            } else if (!whole && member.value.IsObject()) {
                for (const auto& sub : member.value.GetObject()) {
                    const std::string sub_name(sub.name.GetString(), sub.name.GetStringLength());
                    if (std::find(inner.begin(), inner.end(), sub_name) != inner.end()) continue;
                    std::string sub_pointer = pointer;
                    core::append_pointer_token(sub_pointer, sub_name);
                    hits.push_back(unused(sub_pointer, *type));
                }
            }
        }
    }

private:
    static Hit unused(const std::string& pointer, const std::string& type)
    {
        Hit hit;
        hit.pointer = pointer;
        hit.anchor = Anchor::key;
        hit.args.emplace_back("subject", core::describe_pointer(pointer));
        hit.args.emplace_back("type", "`" + type + "`");
        return hit;
    }

    std::string fact_;
    std::vector<std::string> always_;
    std::map<std::string, std::vector<std::string>> uses_;
};

// endpoint_name = prefix(endpoint_type) + stem(db_type), where that name is a known one.
class EndpointName : public RuleFunction {
public:
    explicit EndpointName(const rapidjson::Value& options)
        : known_(strings_option(option(options, "known", "endpoint-name"), "endpoint-name"))
    {
        for (const auto& m : object_option(options, "prefixes", "endpoint-name").GetObject()) {
            prefixes_[key_of(m.name)] = json::string(m.value, entry_name("endpoint-name", "prefixes", m.name));
        }
        for (const auto& m : object_option(options, "stems", "endpoint-name").GetObject()) {
            stems_[key_of(m.name)] = json::string(m.value, entry_name("endpoint-name", "stems", m.name));
        }
    }
    void check(const Target& t, std::vector<Hit>& hits) const override
    {
        const rapidjson::Value* type = sibling(t, "endpoint_type");
        const rapidjson::Value* db = sibling(t, "db_type");
        const rapidjson::Value* endpoint = sibling(t, "endpoint");
        if (type == nullptr || db == nullptr || endpoint == nullptr || !type->IsString() || !db->IsString() ||
            !endpoint->IsObject()) return;
        auto name = endpoint->FindMember("endpoint_name");
        if (name == endpoint->MemberEnd() || !name->value.IsString()) return;
        auto prefix = prefixes_.find(type->GetString());
        auto stem = stems_.find(db->GetString());
        if (prefix == prefixes_.end() || stem == stems_.end()) return;
        const std::string expected = prefix->second + stem->second;
        if (std::find(known_.begin(), known_.end(), expected) == known_.end() || as_view(name->value) == expected) return;
        std::string pointer = t.pointer();
        core::append_pointer_token(pointer, "endpoint");
        core::append_pointer_token(pointer, "endpoint_name");
        Hit hit;
        hit.pointer = pointer;
        hit.args.emplace_back("subject", core::describe_pointer(pointer));
        hit.args.emplace_back("value", render_value(name->value, pointer));
        hit.args.emplace_back("endpoint_type", "`" + prefix->first + "`");
        hit.args.emplace_back("db_type", "`" + stem->first + "`");
        hit.expected = "`" + expected + "`";
        hit.args.emplace_back("expected", hit.expected);
        hit.suggestion = expected;
        hits.push_back(std::move(hit));
    }

private:
    std::vector<std::string> known_;
    std::map<std::string, std::string> prefixes_, stems_;
};

}  // namespace

std::unique_ptr<RuleFunction> make_rule_function(std::string_view name, const rapidjson::Value& options)
{
    json::object(options, "rule function '" + std::string(name) + "': its options");
    if (name == "defined") return std::make_unique<Defined>();
    if (name == "undefined") return std::make_unique<Undefined>();
    if (name == "empty") return std::make_unique<Empty>();
    if (name == "pattern") return std::make_unique<Pattern>(options);
    if (name == "enumeration") return std::make_unique<Enumeration>(options);
    if (name == "length") return std::make_unique<Length>(options);
    if (name == "unique-by") return std::make_unique<UniqueBy>(options);
    if (name == "cjk-word") return std::make_unique<CjkWord>();
    if (name == "time-windows") return std::make_unique<TimeWindows>();
    if (name == "base64") return std::make_unique<Base64>();
    if (name == "ipv4-list") return std::make_unique<Ipv4List>();
    if (name == "count-by") return std::make_unique<CountBy>(options);
    if (name == "range-by") return std::make_unique<RangeBy>(options);
    if (name == "equals-key") return std::make_unique<EqualsKey>();
    if (name == "allowed-pair") return std::make_unique<AllowedPair>(options);
    if (name == "unused-members") return std::make_unique<UnusedMembers>(options);
    if (name == "endpoint-name") return std::make_unique<EndpointName>(options);
    throw std::runtime_error("unknown rule function '" + std::string(name) + "'");
}

}  // namespace drslint::rules
