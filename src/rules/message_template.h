// A rule's message template ("{subject} is {value}; expected one of {allowed}{hint}"), split once
// into its runs of text and its placeholders.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/located.h"

namespace drslint::rules {

// {name} is a placeholder, filled from the argument of that name (none: nothing); {{ and }} are a
// literal brace ("PUT /v5/{{project_id}}/jobs/{{job_id}}"); any other brace is itself. Every
// finding fills one: split at load, a message is its pieces copied, where scanning the template
// for braces and matching each name against the arguments was most of building it.
class MessageTemplate {
public:
    MessageTemplate() = default;
    explicit MessageTemplate(std::string text);

    const std::string& text() const { return text_; }
    std::string fill(const core::MessageArgView* args, std::size_t count) const;
    std::string fill(const core::MessageArgs& args) const;

private:
    struct Piece {
        std::uint32_t begin, length;  // in text_: a run of text, or a placeholder's name
        bool placeholder;
    };
    template <typename Arg>
    std::string fill_from(const Arg* args, std::size_t count) const;

    std::string text_;
    std::vector<Piece> pieces_;
};

}  // namespace drslint::rules
