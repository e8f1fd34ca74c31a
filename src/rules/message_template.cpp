#include "rules/message_template.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace drslint::rules {

MessageTemplate::MessageTemplate(std::string text) : text_(std::move(text))
{
    if (text_.size() > UINT32_MAX) throw std::length_error("MessageTemplate: a template over 4 GiB");
    const std::size_t size = text_.size();
    auto add = [this](std::size_t begin, std::size_t length, bool placeholder) {
        if (length == 0 && !placeholder) return;
        // A run that continues the one before it (text after a lone brace) extends it.
        if (!placeholder && !pieces_.empty() && !pieces_.back().placeholder &&
            pieces_.back().begin + pieces_.back().length == begin) {
            pieces_.back().length += static_cast<std::uint32_t>(length);
            return;
        }
        pieces_.push_back({static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(length), placeholder});
    };
    for (std::size_t i = 0; i < size;) {
        const std::size_t brace = std::min(text_.find_first_of("{}", i), size);
        add(i, brace - i, false);
        if (brace == size) break;
        i = brace;
        const char c = text_[i];
        if (i + 1 < size && text_[i + 1] == c) {  // {{ or }}: the brace itself
            add(i, 1, false);
            i += 2;
            continue;
        }
        const std::size_t close = c == '{' ? std::min(text_.find('}', i + 1), size) : size;
        if (close == size) {  // a lone brace
            add(i, 1, false);
            ++i;
            continue;
        }
        add(i + 1, close - i - 1, true);
        i = close + 1;
    }
}

template <typename Arg>
std::string MessageTemplate::fill_from(const Arg* args, std::size_t count) const
{
    const char* const data = text_.data();
    // The value of a placeholder: names differ in their length or first byte nearly always, so
    // most candidates are passed over without a compare of the names.
    auto value_of = [&](const Piece& p) -> std::string_view {
        const char* const name = data + p.begin;
        for (std::size_t a = 0; a < count; ++a) {
            const std::string_view candidate = args[a].first;
            if (candidate.size() == p.length && (p.length == 0 || (candidate[0] == name[0] &&
                                                                    std::memcmp(candidate.data(), name, p.length) == 0))) {
                return args[a].second;
            }
        }
        return {};
    };
    // Each piece's bytes, found once (rules.json's templates have a dozen pieces at most; a longer
    // one, as a test may give, is filled in parts of kParts).
    constexpr std::size_t kParts = 16;
    std::string_view parts[kParts];
    std::string out;
    for (std::size_t first = 0; first < pieces_.size(); first += kParts) {
        const std::size_t n = std::min(kParts, pieces_.size() - first);
        std::size_t size = 0;
        for (std::size_t k = 0; k < n; ++k) {
            const Piece& p = pieces_[first + k];
            parts[k] = p.placeholder ? value_of(p) : std::string_view(data + p.begin, p.length);
            size += parts[k].size();
        }
        const std::size_t at = out.size();
        out.resize(at + size);
        char* to = &out[at];
        for (std::size_t k = 0; k < n; ++k) {
            if (!parts[k].empty()) std::memcpy(to, parts[k].data(), parts[k].size());
            to += parts[k].size();
        }
    }
    return out;
}

std::string MessageTemplate::fill(const core::MessageArgView* args, std::size_t count) const
{
    return fill_from(args, count);
}

std::string MessageTemplate::fill(const core::MessageArgs& args) const { return fill_from(args.data(), args.size()); }

}  // namespace drslint::rules
