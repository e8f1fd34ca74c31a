#include "drslint/redacted_source.h"

#include <algorithm>
#include <optional>

#include "parse/position_index.h"

#include "core/secrets.h"
#include "core/suggest.h"
#include "core/text.h"

namespace drslint {
namespace {

// Longer names are no secret's (is_secret_member); not decoding them keeps the scan linear on a
// body with megabyte-long keys.
constexpr std::size_t kMaxNameBytes = core::kMaxSecretNameBytes;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_quote(char c) { return c == '"' || c == '\''; }
bool ends_word(char c)
{
    return is_space(c) || is_quote(c) || c == ',' || c == ':' || c == '{' || c == '}' || c == '[' || c == ']';
}

// Masks secrets in one left-to-right pass. Single quotes and bare words are read as strings too:
// they are not JSON, but a body that uses them (`{password: 'x'}`) is shown by the invalid-json
// finding and must not show the secret.
class Masker {
public:
    explicit Masker(std::string_view text) : text_(text) { out_.reserve(text.size()); }

    std::string run()
    {
        std::size_t i = 0;
        while (i < text_.size()) {
            const char c = text_[i];
            if (is_quote(c)) {
                bool terminated = false;
                const std::size_t end = string_end(i, terminated);
                const bool secret = terminated && is_secret_name(decode(i + 1, end - 1));
                i = secret ? after_secret_name(end, true) : end;
            } else if (!ends_word(c)) {
                std::size_t end = i;
                while (end < text_.size() && !ends_word(text_[end])) ++end;
                const bool secret = end - i <= kMaxNameBytes && is_secret_name(std::string(text_.substr(i, end - i)));
                // A bare word is taken for a name only when a colon follows: `{password: x}`.
                i = secret ? after_secret_name(end, false) : end;
            } else {
                ++i;
            }
        }
        out_.append(text_.substr(copied_));
        return std::move(out_);
    }

private:
    static bool is_secret_name(const std::optional<std::string>& name)
    {
        return name && core::is_secret_member(*name);
    }

    // One past the closing quote; or, when the string does not end on its line, the line break (or
    // the end of the text), with terminated == false. JSON strings cannot hold a raw line break, so
    // stopping there lets the scan find its feet again on the next line.
    std::size_t string_end(std::size_t open, bool& terminated) const
    {
        const char quote = text_[open];
        for (std::size_t k = open + 1; k < text_.size(); ++k) {
            const char c = text_[k];
            if (c == '\\') {
                ++k;
            } else if (c == quote) {
                terminated = true;
                return k + 1;
            } else if (c == '\n' || c == '\r') {
                terminated = false;
                return k;
            }
        }
        terminated = false;
        return text_.size();
    }

    // The string's content with JSON escapes resolved, or nullopt when it is too long to be a name.
    // A \u escape outside ASCII becomes a byte no secret name holds.
    std::optional<std::string> decode(std::size_t begin, std::size_t end) const
    {
        if (end - begin > kMaxNameBytes * 6) {
            return std::nullopt;
        }
        std::string name;
        for (std::size_t k = begin; k < end; ++k) {
            char c = text_[k];
            if (c == '\\' && k + 1 < end) {
                c = text_[++k];
                if (c == 'u' && k + 4 < end) {
                    unsigned code = 0;
                    for (std::size_t h = k + 1; h <= k + 4; ++h) {
                        const char d = text_[h];
                        code = code * 16 + static_cast<unsigned>(d >= '0' && d <= '9'   ? d - '0'
                                                                 : d >= 'a' && d <= 'f' ? d - 'a' + 10
                                                                 : d >= 'A' && d <= 'F' ? d - 'A' + 10
                                                                                        : 0xFF);
                    }
                    k += 4;
                    c = code < 0x80 ? static_cast<char>(code) : '\xFF';
                } else if (c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't') {
                    c = '\x01';  // a control character: never part of a name
                }
            }
            name.push_back(c);
            if (name.size() > kMaxNameBytes) {
                return std::nullopt;
            }
        }
        return name;
    }

    std::size_t skip_space(std::size_t k) const
    {
        while (k < text_.size() && is_space(text_[k])) ++k;
        return k;
    }

    // After a secret's name: masks the value that follows (after a colon, or directly after a quoted
    // name where the colon is missing) and returns where scanning goes on.
    std::size_t after_secret_name(std::size_t name_end, bool quoted)
    {
        std::size_t k = skip_space(name_end);
        const bool colon = k < text_.size() && text_[k] == ':';
        if (colon) {
            k = skip_space(k + 1);
        } else if (!quoted) {
            return name_end;
        }
        if (k >= text_.size() || text_[k] == ',' || text_[k] == '}' || text_[k] == ']') {
            return k;  // a string value that happens to read "password", or a member without a value
        }
        const char c = text_[k];
        if (is_quote(c)) {
            bool terminated = false;
            const std::size_t end = string_end(k, terminated);
            // Where an unterminated secret ends is unknown: hide everything after it.
            const std::size_t mask_end = terminated ? end - 1 : text_.size();
            mask(k + 1, mask_end);
            return terminated ? end : text_.size();
        }
        if (c == '{' || c == '[') {
            const std::size_t end = container_end(k);
            mask(k, end);
            return end;
        }
        // A JSON scalar ends at a delimiter. After a bare name the text is not JSON (`password: a,b`,
        // or an .http file's `X-Auth-Token: ...` header), so the value runs to the end of the line.
        std::size_t end = k;
        while (end < text_.size() && text_[end] != '\n' && text_[end] != '\r' &&
               (!quoted || (text_[end] != ',' && text_[end] != '}' && text_[end] != ']'))) {
            ++end;
        }
        std::size_t trimmed = end;
        while (trimmed > k && (text_[trimmed - 1] == ' ' || text_[trimmed - 1] == '\t')) --trimmed;
        mask(k, trimmed);
        return end;
    }

    // One past the bracket that closes the container opening at `open`; the end of the text when
    // it never closes or holds a string that never ends. Counts brackets of either kind, so broken
    // nesting errs towards masking more.
    std::size_t container_end(std::size_t open) const
    {
        std::size_t depth = 0;
        for (std::size_t k = open; k < text_.size(); ++k) {
            const char c = text_[k];
            if (is_quote(c)) {
                bool terminated = false;
                k = string_end(k, terminated);
                if (!terminated) return text_.size();
                --k;  // the loop steps past the closing quote
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return k + 1;
            }
        }
        return text_.size();
    }

    // Copies the text up to `begin`, then one '*' per code point of [begin, end), keeping line
    // breaks. Continuation bytes are dropped with the code point they belong to, so every line keeps
    // its length in code points, counted the way parse::LineMap counts columns.
    void mask(std::size_t begin, std::size_t end)
    {
        out_.append(text_.substr(copied_, begin - copied_));
        for (std::size_t k = begin; k < end; ++k) {
            const char c = text_[k];
            if (c == '\n' || c == '\r') {
                out_.push_back(c);
            } else if (core::starts_code_point(c)) {
                out_.push_back('*');
            }
        }
        copied_ = end;
    }

    std::string_view text_;
    std::string out_;
    std::size_t copied_ = 0;
};

}  // namespace

std::string mask_secret_values(std::string_view text) { return Masker(text).run(); }

struct RedactedSource::Data {
    explicit Data(std::string masked) : text(std::move(masked)), lines(text) {}
    const std::string text;
    const parse::LineMap lines;  // views `text`, which never moves: Data lives behind a pointer
};

RedactedSource RedactedSource::from(std::string_view text)
{
    RedactedSource source;
    source.data_ = std::make_shared<const Data>(mask_secret_values(text));
    return source;
}

std::string_view RedactedSource::line(std::size_t number) const
{
    return data_ == nullptr ? std::string_view() : data_->lines.line(number);
}

}  // namespace drslint
