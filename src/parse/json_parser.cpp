#include "core/text.h"
#include "parse/json_parser.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>
#include <unordered_map>

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include "core/pointer.h"

namespace drslint::parse {

void* ThrowingAllocator::Malloc(std::size_t size)
{
    if (size == 0) return nullptr;  // as CrtAllocator: RapidJSON expects null for 0 bytes
    void* pointer = std::malloc(size);
    if (pointer == nullptr) throw std::bad_alloc();
    return pointer;
}

void* ThrowingAllocator::Realloc(void* original, std::size_t, std::size_t new_size)
{
    if (new_size == 0) {
        std::free(original);
        return nullptr;
    }
    void* pointer = std::realloc(original, new_size);
    if (pointer == nullptr) throw std::bad_alloc();  // `original` is still valid and still owned
    return pointer;
}

void ThrowingAllocator::Free(void* pointer) noexcept { std::free(pointer); }

namespace {
// The pool's chunk header sits in the block (three words); a little more keeps the block valid for
// an empty text.
constexpr std::size_t kPoolHeader = 64;
}  // namespace

Pool::Pool(std::size_t bytes)
    : block_(new char[bytes + kPoolHeader]),
      capacity_(bytes + kPoolHeader - 3 * sizeof(std::size_t)),
      allocator_(block_.get(), bytes + kPoolHeader)
{
}

namespace {

// In situ: strings are decoded in a copy of the text, which the Document then points into, rather
// than copied out one by one (a third of the parse's work).
constexpr unsigned kParseFlags =
    rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag | rapidjson::kParseInsituFlag;
// For text that is all ASCII, which holds no UTF-8 to validate: the common case, parsed faster.
constexpr unsigned kAsciiParseFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseInsituFlag;

constexpr const char* kLoneSurrogate =
    "a \\u escape is half of a UTF-16 surrogate pair without its other half, which stands for no character";

// Whether a decoded string holds a UTF-16 surrogate (U+D800..U+DFFF, bytes ED A0..BF xx). The input
// is validated UTF-8, so only a \u escape can put one there: RapidJSON rejects a lone high
// surrogate but encodes a lone low one (\udc00) as those bytes, which are not UTF-8 and would
// reach every message and output.
bool holds_surrogate(const char* s, std::size_t n)
{
    for (std::size_t i = 0; i + 1 < n; ++i) {
        if (static_cast<unsigned char>(s[i]) == 0xED && static_cast<unsigned char>(s[i + 1]) >= 0xA0) {
            return true;
        }
    }
    return false;
}

// The value of the four hex digits at `at` (RapidJSON has already checked that they are hex).
unsigned hex4(std::string_view text, std::size_t at)
{
    unsigned value = 0;
    for (std::size_t i = at; i < at + 4 && i < text.size(); ++i) {
        const char c = static_cast<char>(text[i] | 0x20);  // lower case; digits are unchanged
        value = value * 16 + static_cast<unsigned>(c >= 'a' ? c - 'a' + 10 : c - '0');
    }
    return value;
}

// The stream a parse runs on. RapidJSON parses each string and number from a local copy of an
// InsituStringStream (fast: the position stays in a register) and writes the position back only
// afterwards, so a handler reads a stale Tell() there. A type of its own has the default traits,
// which allow no copy: slower, but exact, for placing the errors the handler finds.
struct TrackedInsituStream : rapidjson::InsituStringStream {
    using rapidjson::InsituStringStream::InsituStringStream;
};

// Forwards SAX events to the Document and stops the parse when nesting gets too deep, before the
// DOM (and every later walk over it) can grow past the limit; likewise at a member name that is too
// long and at a lone surrogate escape. Its error offsets are exact on a TrackedInsituStream only.
template <typename Stream>
class BoundedHandler {
public:
    BoundedHandler(Document& document, std::string_view text, Stream& stream,
                   const ParseLimits& limits)
        : document_(document), text_(text), stream_(stream), limits_(limits),
          may_hold_surrogates_(text.find("\\u") != std::string_view::npos) {}

    bool Null() { return event(document_.Null()); }
    bool Bool(bool b) { return event(document_.Bool(b)); }
    bool Int(int i) { return event(document_.Int(i)); }
    bool Uint(unsigned u) { return event(document_.Uint(u)); }
    bool Int64(int64_t i) { return event(document_.Int64(i)); }
    bool Uint64(uint64_t u) { return event(document_.Uint64(u)); }
    bool Double(double d) { return event(document_.Double(d)); }
    bool RawNumber(const char* s, rapidjson::SizeType n, bool copy) { return event(document_.RawNumber(s, n, copy)); }
    bool String(const char* s, rapidjson::SizeType n, bool copy)
    {
        return valid_text(s, n) && event(document_.String(s, n, copy));
    }
    bool Key(const char* s, rapidjson::SizeType n, bool copy)
    {
        if (n > limits_.max_member_name) {
            stop(ParseErrorKind::name_too_long, string_start(),
                 "a member name is " + std::to_string(n) + " bytes long");
            error_.length = n;
            return false;
        }
        return valid_text(s, n) && event(document_.Key(s, n, copy));
    }
    bool StartObject() { return enter() && event(document_.StartObject()); }
    // Forced inline: left to the compiler, whether these are inlined into the parse loop moves with
    // unrelated code (a few hundred instructions a body, measured by compare.sh's callgrind step).
    RAPIDJSON_FORCEINLINE bool EndObject(rapidjson::SizeType n) { --depth_; return event(document_.EndObject(n)); }
    bool StartArray() { return enter() && event(document_.StartArray()); }
    RAPIDJSON_FORCEINLINE bool EndArray(rapidjson::SizeType n) { --depth_; return event(document_.EndArray(n)); }

    // Whether this handler stopped the parse; RapidJSON itself then only says "terminated".
    bool stopped() const { return stopped_; }
    const ParseError& error() const { return error_; }

private:
    bool event(bool ok)
    {
        last_end_ = stream_.Tell();
        return ok;
    }

    bool enter()
    {
        if (++depth_ > limits_.max_depth) {
            // RapidJSON's own offset for a stopped parse: where the parser stood, at the bracket.
            stop(ParseErrorKind::too_deep, stream_.Tell(),
                 "nesting is deeper than " + std::to_string(limits_.max_depth) + " levels");
            return false;
        }
        return true;
    }

    bool valid_text(const char* s, std::size_t n)
    {
        if (!may_hold_surrogates_ || !holds_surrogate(s, n)) {
            return true;
        }
        stop(ParseErrorKind::syntax, lone_surrogate_escape(), kLoneSurrogate);
        return false;
    }

    void stop(ParseErrorKind kind, std::size_t offset, std::string reason)
    {
        stopped_ = true;
        error_.kind = kind;
        error_.offset = offset;
        error_.reason = std::move(reason);
    }

    // The opening quote of the string just read: the first quote after the previous event (only
    // white space, ':' ',' '[' and '{' lie between them).
    std::size_t string_start() const
    {
        const std::size_t quote = text_.find('"', last_end_);
        return quote == std::string_view::npos ? last_end_ : quote;
    }

    // The \u escape of the lone low surrogate in the string just read (the string if none is found).
    std::size_t lone_surrogate_escape() const
    {
        const std::size_t start = string_start();
        const std::size_t end = std::min(stream_.Tell(), text_.size());
        for (std::size_t i = start + 1; i + 1 < end; ++i) {
            if (text_[i] != '\\') continue;
            if (text_[i + 1] != 'u') {
                ++i;  // a two-character escape such as \\ or \"
                continue;
            }
            const unsigned unit = hex4(text_, i + 2);
            if (unit >= 0xDC00 && unit <= 0xDFFF) return i;
            // A high surrogate that RapidJSON accepted has its low half right after it.
            i += unit >= 0xD800 && unit <= 0xDBFF ? 11 : 5;
        }
        return start;
    }

    Document& document_;
    std::string_view text_;
    Stream& stream_;
    const ParseLimits& limits_;
    // Validated UTF-8 holds no surrogate: only a \u escape can decode to one.
    bool may_hold_surrogates_;
    std::size_t depth_ = 0;
    std::size_t last_end_ = 0;
    bool stopped_ = false;
    ParseError error_;
};

// RapidJSON's reasons ("Invalid value.") in plain words: what is wrong, and where it is in the
// structure; `text` from the error's offset on tells an early end from a wrong character.
std::string plain_reason(rapidjson::ParseErrorCode code, std::string_view rest)
{
    const bool ended = rest.find_first_not_of(" \t\r\n") == std::string_view::npos;
    switch (code) {
    case rapidjson::kParseErrorDocumentEmpty:
        return "the file is empty (or holds only white space); a request body is a JSON object";
    case rapidjson::kParseErrorDocumentRootNotSingular:
        return "more text follows the end of the JSON value; a file holds one body";
    case rapidjson::kParseErrorValueInvalid:
        for (const char* word : {"NaN", "Infinity", "-Infinity"}) {
            if (rest.substr(0, std::string_view(word).size()) == word) {
                return std::string("`") + word + "` is not JSON; write a number or null";
            }
        }
        return ended ? "the text ends where a value should follow; is the file cut short?"
                     : "a value should start here: a string in double quotes, a number, true, false, null, an object or an array";
    case rapidjson::kParseErrorObjectMissName:
        return ended ? "the text ends inside an object; is the file cut short?"
                     : "a member name in double quotes should follow here (a comma before `}` is not allowed)";
    case rapidjson::kParseErrorObjectMissColon:
        return ended ? "the text ends inside an object; is the file cut short?" : "a `:` should follow the member name";
    case rapidjson::kParseErrorObjectMissCommaOrCurlyBracket:
        return ended ? "the text ends before the object is closed with `}`; is the file cut short?"
                     : "a `,` or the closing `}` should follow the member's value";
    case rapidjson::kParseErrorArrayMissCommaOrSquareBracket:
        return ended ? "the text ends before the array is closed with `]`; is the file cut short?"
                     : "a `,` or the closing `]` should follow the item";
    case rapidjson::kParseErrorStringMissQuotationMark:
        return "the text ends inside a string: its closing quote is missing";
    case rapidjson::kParseErrorStringEscapeInvalid:
        return "an escape in a string that JSON does not have; write \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX";
    case rapidjson::kParseErrorStringUnicodeEscapeInvalidHex:
        return "a \\u escape in a string needs four hexadecimal digits";
    case rapidjson::kParseErrorNumberTooBig:
        return "a number too large for a double (such as 1e400); no value of this API comes close";
    case rapidjson::kParseErrorNumberMissFraction:
        return "a number has a decimal point without digits after it";
    case rapidjson::kParseErrorNumberMissExponent:
        return "a number has an exponent without digits";
    default:
        return ended ? "the text ends early; is the file cut short?" : rapidjson::GetParseError_En(code);
    }
}

// RapidJSON's reason, in plainer words where a common cause is recognizable from the bytes.
std::string syntax_reason(std::string_view text, rapidjson::ParseErrorCode code, std::size_t offset)
{
    const std::string_view head = text.substr(0, 4);
    if (offset == 0 && (head.substr(0, 2) == "\xFE\xFF" || head.substr(0, 2) == "\xFF\xFE" ||
                        head == std::string_view("\0\0\xFE\xFF", 4))) {
        return "the text is UTF-16 or UTF-32 (it starts with a byte-order mark for one); save it as UTF-8";
    }
    const int byte = offset < text.size() ? static_cast<unsigned char>(text[offset]) : -1;
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", byte & 0xFF);
    switch (code) {
    case rapidjson::kParseErrorStringInvalidEncoding:
        return "invalid UTF-8 in a string; save the file as UTF-8";
    case rapidjson::kParseErrorStringUnicodeSurrogateInvalid:
        return kLoneSurrogate;
    case rapidjson::kParseErrorStringMissQuotationMark:  // RapidJSON's code for a NUL in a string
    case rapidjson::kParseErrorStringEscapeInvalid:      // and for another control character
        if (byte == 0) {
            return "a NUL byte inside a string; is this a binary file?";
        }
        if (byte >= 0 && byte < 0x20) {
            return std::string("a control character (byte ") + hex + ") inside a string; write it as a \\u escape";
        }
        return plain_reason(code, text.substr(std::min(offset, text.size())));
    default:
        break;
    }
    if (byte == 0) {
        return "a NUL byte where JSON text should be; is this a binary file?";
    }
    if (byte >= 0x80 || (byte >= 0 && byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r')) {
        return std::string("byte ") + hex + " cannot appear outside a string; is this a binary file, or not UTF-8?";
    }
    return plain_reason(code, text.substr(std::min(offset, text.size())));
}

std::string_view name_of(const rapidjson::Value::Member& member)
{
    return {member.name.GetString(), member.name.GetStringLength()};
}

// Whether an object repeats a key. Most objects have a handful of members: comparing every pair
// then costs less than copying and sorting the names, and allocates nothing.
bool repeats_a_key(const rapidjson::Value& object, std::vector<std::string_view>& scratch)
{
    constexpr rapidjson::SizeType kPairwiseUpTo = 16;
    const auto begin = object.MemberBegin();
    const auto end = object.MemberEnd();
    if (object.MemberCount() <= kPairwiseUpTo) {
        for (auto i = begin; i != end; ++i) {
            for (auto j = begin; j != i; ++j) {
                if (name_of(*i) == name_of(*j)) return true;
            }
        }
        return false;
    }
    scratch.clear();
    for (auto i = begin; i != end; ++i) scratch.push_back(name_of(*i));
    std::sort(scratch.begin(), scratch.end());
    return std::adjacent_find(scratch.begin(), scratch.end()) != scratch.end();
}

// Records each repeated member name of an object that repeats_a_key() found, at `pointer` (the
// object's), once, at its second occurrence (a third one is the same problem at the same place),
// in document order, within the limits' count and bytes; `bytes` is what the pointers recorded so
// far hold.
void record_duplicates(const rapidjson::Value& object, const std::string& pointer, const ParseLimits& limits,
                       std::size_t& bytes, ParseResult& result)
{
    std::unordered_map<std::string_view, std::size_t> seen;
    for (const auto& member : object.GetObject()) {
        const std::size_t occurrence = seen[name_of(member)]++;
        if (occurrence != 1) {
            continue;
        }
        std::string member_pointer = pointer;
        core::append_pointer_token(member_pointer, name_of(member));
        if (result.duplicates.size() >= limits.max_duplicates ||
            member_pointer.size() > limits.max_duplicate_bytes - std::min(bytes, limits.max_duplicate_bytes)) {
            result.duplicates_truncated = true;
            return;
        }
        bytes += member_pointer.size();
        result.duplicates.push_back({std::move(member_pointer), occurrence});
    }
}

// Walks the DOM with an explicit stack: depth is bounded by the parse limit, but no walk over
// input should ever depend on the C stack (embedders may run drslint on small thread stacks).
void find_duplicates(const rapidjson::Value& root, const ParseLimits& limits, ParseResult& result)
{
    struct Frame {
        const rapidjson::Value* container;
        rapidjson::SizeType next = 0;  // the child after the one being walked
    };
    std::size_t bytes = 0;
    std::vector<Frame> stack;
    std::vector<std::string_view> scratch;
    // The pointer of the value being entered: one token per open container, for the child it is
    // at. Built only for an object that repeats a key, so a clean body never builds pointer text;
    // each build is paid for by the duplicate it records (or the one that truncates), so the
    // limits' bytes still bound this work.
    auto pointer_here = [&stack]() {
        std::string pointer;
        for (const Frame& frame : stack) {
            const rapidjson::SizeType i = frame.next - 1;
            if (frame.container->IsObject()) {
                core::append_pointer_token(pointer, name_of(frame.container->MemberBegin()[i]));
            } else {
                core::append_pointer_index(pointer, i);
            }
        }
        return pointer;
    };
    auto enter = [&](const rapidjson::Value& value) {
        if (value.IsObject() && !result.duplicates_truncated && value.MemberCount() > 1 &&
            repeats_a_key(value, scratch)) {
            record_duplicates(value, pointer_here(), limits, bytes, result);
        }
        if (value.IsObject() || value.IsArray()) {
            stack.push_back({&value});
        }
    };
    enter(root);
    while (!stack.empty()) {
        Frame& frame = stack.back();
        const rapidjson::Value& container = *frame.container;
        const rapidjson::SizeType size = container.IsObject() ? container.MemberCount() : container.Size();
        if (frame.next == size) {
            stack.pop_back();
            continue;
        }
        const rapidjson::SizeType i = frame.next++;
        // enter() may reallocate `stack`: `frame` is not used after this.
        enter(container.IsObject() ? container.MemberBegin()[i].value : container[i]);
    }
}

}  // namespace

bool starts_with_byte_order_mark(std::string_view text)
{
    return text.substr(0, kByteOrderMark.size()) == kByteOrderMark;
}

namespace {

// One parse of `text` into result.document, in situ in result.buffer. Sets result.error and
// returns false when the text is refused.
template <typename Stream>
bool parse_into(std::string_view text, const ParseLimits& limits, ParseResult& result, bool& handler_stopped)
{
    // NUL-terminated, and padded: RapidJSON's UTF-8 validation takes a sequence's continuation
    // bytes without looking for the end, so a lead byte last in the text (found by the fuzzer)
    // would read up to three bytes past a single terminator.
    constexpr std::size_t kPadding = 4;
    result.buffer.clear();
    result.buffer.reserve(text.size() + kPadding);
    result.buffer.assign(text.begin(), text.end());
    result.buffer.resize(text.size() + kPadding, '\0');
    // A second parse (see parse_json) starts from an empty pool: the first one's values are gone.
    result.document.SetNull();
    result.pool->allocator().Clear();
    Stream stream(result.buffer.data());
    rapidjson::GenericReader<rapidjson::UTF8<>, rapidjson::UTF8<>, ThrowingAllocator> reader;
    BoundedHandler<Stream> handler(result.document, text, stream, limits);
    bool parsed = false;
    auto generate = [&](Document& document) {
        (void)document;
        result.ascii = core::all_ascii(text);
        parsed = !(result.ascii ? reader.Parse<kAsciiParseFlags>(stream, handler)
                                : reader.Parse<kParseFlags>(stream, handler)).IsError();
        return parsed;
    };
    result.document.Populate(generate);
    handler_stopped = handler.stopped();
    // RapidJSON reads a NUL byte as the end of the input: whatever follows one would go unread.
    const bool stopped_at_nul = parsed && stream.Tell() < text.size();
    if (parsed && !stopped_at_nul) {
        return true;
    }
    if (stopped_at_nul) {
        result.error = {ParseErrorKind::syntax, stream.Tell(), "a NUL byte after the body; is this a binary file?"};
    } else if (handler.stopped()) {
        result.error = handler.error();
    } else {
        result.error.kind = ParseErrorKind::syntax;
        result.error.offset = reader.GetErrorOffset();
        result.error.reason = syntax_reason(text, reader.GetParseErrorCode(), result.error.offset);
    }
    result.document.SetNull();
    return false;
}

}  // namespace

ParseResult parse_json(std::string_view text, const ParseLimits& limits)
{
    ParseResult result(std::make_unique<Pool>(pool_bytes_for_parse(text.size())));
    bool handler_stopped = false;
    if (!parse_into<rapidjson::InsituStringStream>(text, limits, result, handler_stopped)) {
        if (handler_stopped) {
            // The same refusal again, on the stream whose positions the handler reads exactly.
            parse_into<TrackedInsituStream>(text, limits, result, handler_stopped);
        }
        return result;
    }
    result.ok = true;
    find_duplicates(result.document, limits, result);
    return result;
}

namespace {

// Reads the const text, never writes it: RapidJSON's in-situ parse decodes each string into
// PutBegin()'s place, which here is always the start of one scratch string, and CopyingHandler
// copies it from there into the document before the next string overwrites it. So the parse
// neither copies the whole text first (most of which is punctuation, member names and short
// values) nor pushes each byte onto a stack as a parse that copies does.
class ScratchStream {
public:
    using Ch = char;
    ScratchStream(std::string_view text, char* scratch)
        : begin_(text.data()), at_(text.data()), end_(text.data() + text.size()), scratch_(scratch), out_(scratch)
    {
    }
    Ch Peek() const { return at_ == end_ ? '\0' : *at_; }
    Ch Take() { return at_ == end_ ? '\0' : *at_++; }
    std::size_t Tell() const { return static_cast<std::size_t>(at_ - begin_); }
    Ch* PutBegin() { return out_ = scratch_; }
    void Put(Ch c) { *out_++ = c; }
    std::size_t PutEnd(Ch* begin) { return static_cast<std::size_t>(out_ - begin); }
    void Flush() {}
    const Ch* Peek4() const { return nullptr; }

private:
    const char* begin_;
    const char* at_;
    const char* end_;
    char* scratch_;
    char* out_;
};

}  // namespace
}  // namespace drslint::parse

// Copied into the parse's locals and back (a few pointers), as RapidJSON's own string streams are.
template <>
struct rapidjson::StreamTraits<drslint::parse::ScratchStream> {
    enum { copyOptimization = 1 };
};

namespace drslint::parse {
namespace {

// The document's own handler, but every string and member name copied (a short one into its
// value, a longer one into the pool): ScratchStream's strings live only until the next. The
// object values of the members `deferred` names are not built: each stands as its span.
class CopyingHandler {
public:
    using Ch = char;
    CopyingHandler(Document& document, const ScratchStream& stream, const Deferred& deferred)
        : document_(document), stream_(stream), deferred_(deferred)
    {
    }

    bool Null() { return scalar() || document_.Null(); }
    bool Bool(bool b) { return scalar() || document_.Bool(b); }
    bool Int(int i) { return scalar() || document_.Int(i); }
    bool Uint(unsigned i) { return scalar() || document_.Uint(i); }
    bool Int64(std::int64_t i) { return scalar() || document_.Int64(i); }
    bool Uint64(std::uint64_t i) { return scalar() || document_.Uint64(i); }
    bool Double(double d) { return scalar() || document_.Double(d); }
    bool RawNumber(const Ch* str, rapidjson::SizeType length, bool)
    {
        return scalar() || document_.RawNumber(str, length, true);
    }
    bool String(const Ch* str, rapidjson::SizeType length, bool)
    {
        return scalar() || document_.String(str, length, true);
    }
    bool Key(const Ch* str, rapidjson::SizeType length, bool)
    {
        if (skipped_ > 0) return true;
        pending_ = deferred_.depth != 0 && depth_ == deferred_.depth && std::string_view(str, length) == deferred_.name;
        return document_.Key(str, length, true);
    }
    bool StartObject()
    {
        if (skipped_ > 0 || pending_) {
            // Called with the '{' next on the stream itself (never a copy of it, as a string's is).
            if (skipped_++ == 0) begin_ = stream_.Tell();
            pending_ = false;
            return true;
        }
        ++depth_;
        return document_.StartObject();
    }
    bool EndObject(rapidjson::SizeType members) { return end() || document_.EndObject(members); }
    bool StartArray()
    {
        if (skipped_ > 0) return ++skipped_, true;
        pending_ = false;
        ++depth_;
        return document_.StartArray();
    }
    bool EndArray(rapidjson::SizeType elements) { return end() || document_.EndArray(elements); }

private:
    // True when the event is inside a deferred value (and so is not built).
    bool scalar()
    {
        pending_ = false;
        return skipped_ > 0;
    }
    // True when the event closes a container inside a deferred value; the deferred value's own
    // end puts its span where it would be.
    bool end()
    {
        if (skipped_ == 0) {
            --depth_;
            return false;
        }
        if (--skipped_ > 0) return true;
        const std::uint64_t end = stream_.Tell() + 1;  // the '}' is next on the stream
        document_.Uint64(static_cast<std::uint64_t>(begin_) << 32 | end);
        return true;
    }

    Document& document_;
    const ScratchStream& stream_;
    const Deferred& deferred_;
    std::size_t depth_ = 0;    // containers open around the event, deferred ones aside
    bool pending_ = false;     // the last event was the key of a member to defer
    std::size_t skipped_ = 0;  // containers open inside the deferred value
    std::size_t begin_ = 0;
};

}  // namespace

namespace {

EmbeddedDocument parse_embedded(std::string_view text, std::shared_ptr<Pool> pool, const Deferred& deferred)
{
    EmbeddedDocument result(std::move(pool));
    Document parsed(&result.pool->allocator());
    // Each string decodes into the one scratch string (see ScratchStream), and the document
    // copies it out at once; only its first pages are ever touched.
    const std::unique_ptr<char[]> scratch(new char[text.size() + 1]);
    ScratchStream stream(text, scratch.get());
    rapidjson::GenericReader<rapidjson::UTF8<>, rapidjson::UTF8<>, ThrowingAllocator> reader;
    auto generate = [&](Document& document) {
        CopyingHandler handler(document, stream, deferred);
        return !reader.Parse<rapidjson::kParseInsituFlag | rapidjson::kParseIterativeFlag>(stream, handler).IsError();
    };
    parsed.Populate(generate);
    result.result = rapidjson::ParseResult(reader.GetParseErrorCode(), reader.GetErrorOffset());
    // The values move (their bits do, the pool stays) into the rapidjson::Document.
    static_cast<rapidjson::Value&>(result.document) = static_cast<rapidjson::Value&>(parsed);
    return result;
}

}  // namespace

EmbeddedDocument parse_embedded(std::string_view text)
{
    return parse_embedded(text, std::make_shared<Pool>(pool_bytes_for_parse(text.size())), Deferred{});
}

EmbeddedDocument parse_embedded(std::string_view text, const Deferred& deferred)
{
    if (text.size() >= (std::uint64_t{1} << 32)) throw std::length_error("deferred members need a text below 4 GiB");
    return parse_embedded(text, std::make_shared<Pool>(pool_bytes_for_parse(text.size())), deferred);
}

EmbeddedDocument parse_embedded(std::string_view text, std::shared_ptr<Pool> pool)
{
    return parse_embedded(text, std::move(pool), Deferred{});
}

const rapidjson::Value* value_at(const rapidjson::Value& document, std::string_view pointer)
{
    std::vector<std::string> tokens;
    if (!core::split_pointer(pointer, tokens)) return nullptr;
    const rapidjson::Value* at = &document;
    for (const std::string& token : tokens) {
        if (at->IsObject()) {
            const auto it = at->FindMember(rapidjson::Value(rapidjson::StringRef(token.data(), token.size())));
            if (it == at->MemberEnd()) return nullptr;
            at = &it->value;
        } else if (const auto index = core::array_index(token); at->IsArray() && index && *index < at->Size()) {
            at = &(*at)[static_cast<rapidjson::SizeType>(*index)];
        } else {
            return nullptr;
        }
    }
    return at;
}

}  // namespace drslint::parse
