// The language server (drslint/lsp.h). Three parts, kept apart: the protocol (framing, JSON-RPC
// requests, responses and errors), positions (LSP's line and UTF-16 or UTF-8 character against
// the text's bytes and a Finding's code-point columns), and the answers, which come from the
// public API only: Linter, ConfigSet, finish_file, fix_until_stable.
#include "drslint/lsp.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/writer.h>

#include "core/pointer.h"
#include "core/text.h"
#include "drslint/config.h"
#include "drslint/file_report.h"
#include "drslint/files.h"
#include "drslint/fix.h"
#include "drslint/http.h"
#include "drslint/linter.h"
#include "input/http_body_place.h"
#include "parse/json_parser.h"

namespace drslint {
namespace {

// A message's values: a pool whose chunks, like every stack here, come from an allocator that
// throws when memory runs out (parse::ThrowingAllocator), so a huge message is an error answered,
// not a null written through.
using Pool = rapidjson::MemoryPoolAllocator<parse::ThrowingAllocator>;
using Message = rapidjson::GenericDocument<rapidjson::UTF8<>, Pool, parse::ThrowingAllocator>;
using Value = rapidjson::GenericValue<rapidjson::UTF8<>, Pool>;
using JsonWriter = parse::Writer<parse::StringBuffer>;

// JSON-RPC 2.0 and LSP error codes.
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kInternalError = -32603;
constexpr int kServerNotInitialized = -32002;

constexpr std::size_t kMaxHeaderLine = 4096;

// ---- the protocol ----

class Connection {
public:
    Connection(std::istream& in, std::ostream& out, std::ostream& log, std::size_t max_bytes)
        : in_(in), out_(out), log_(log), max_bytes_(max_bytes)
    {
    }

    // The next message's body; nullopt at the end of input. A message that cannot be read
    // (a bad header, too large) is skipped, and `error` says why.
    std::optional<std::string> read(std::string& error)
    {
        error.clear();
        std::optional<std::size_t> length;
        std::string line;
        bool any = false;
        for (;;) {
            if (!read_line(line)) return std::nullopt;
            if (line.empty()) {
                if (!any) continue;  // stray blank lines between messages
                break;
            }
            any = true;
            const std::size_t colon = line.find(':');
            if (colon == std::string::npos) {
                error = "a header line without ':'";
                continue;
            }
            std::string name = line.substr(0, colon);
            std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
            if (name == "content-length") {
                std::size_t value = 0;
                bool digits = false, overflow = false;
                for (std::size_t i = colon + 1; i < line.size(); ++i) {
                    const char c = line[i];
                    if (c == ' ' || c == '\t') continue;
                    if (c < '0' || c > '9') {
                        digits = false;
                        break;
                    }
                    digits = true;
                    if (value > (static_cast<std::size_t>(-1) - 9) / 10) overflow = true;
                    value = value * 10 + static_cast<std::size_t>(c - '0');
                }
                if (!digits) {
                    error = "a Content-Length that is not a number";
                } else if (overflow) {
                    error = "a Content-Length too large to read";
                } else {
                    length = value;
                }
            }
        }
        if (!length) {
            if (error.empty()) error = "a message without Content-Length";
            return std::string();
        }
        if (*length > max_bytes_) {
            error = "a message of " + std::to_string(*length) + " bytes, above the server's limit of " +
                    std::to_string(max_bytes_);
            char buffer[65536];
            for (std::size_t left = *length; left > 0 && in_;) {
                in_.read(buffer, static_cast<std::streamsize>(std::min(left, sizeof buffer)));
                left -= static_cast<std::size_t>(in_.gcount());
            }
            return in_ ? std::optional<std::string>(std::string()) : std::nullopt;
        }
        std::string body(*length, '\0');
        in_.read(body.data(), static_cast<std::streamsize>(body.size()));
        if (static_cast<std::size_t>(in_.gcount()) != body.size()) return std::nullopt;  // the client vanished
        return body;
    }

    // False once the output is gone (the client vanished): the server then stops.
    bool send(const parse::StringBuffer& body)
    {
        out_ << "Content-Length: " << body.GetSize() << "\r\n\r\n";
        out_.write(body.GetString(), static_cast<std::streamsize>(body.GetSize()));
        out_.flush();
        return static_cast<bool>(out_);
    }

    std::ostream& log() { return log_; }

private:
    bool read_line(std::string& line)
    {
        line.clear();
        for (;;) {
            const int c = in_.get();
            if (c == std::char_traits<char>::eof()) return false;
            if (c == '\n') break;
            if (line.size() < kMaxHeaderLine) line += static_cast<char>(c);
        }
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return true;
    }

    std::istream& in_;
    std::ostream& out_;
    std::ostream& log_;
    std::size_t max_bytes_;
};

void write_string(JsonWriter& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

void write_value(JsonWriter& w, const Value& v) { v.Accept(w); }

const Value* member(const Value* object, const char* name)
{
    if (object == nullptr || !object->IsObject()) return nullptr;
    auto it = object->FindMember(name);
    return it == object->MemberEnd() ? nullptr : &it->value;
}

std::string string_of(const Value* v) { return v != nullptr && v->IsString() ? std::string(v->GetString(), v->GetStringLength()) : std::string(); }

// ---- positions ----

// Where each line starts: "\r\n", "\n" and a lone "\r" end a line, as parse::LineMap counts them.
std::vector<std::size_t> line_starts(std::string_view text)
{
    std::vector<std::size_t> starts{0};
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) starts.push_back(i + 1);
    }
    return starts;
}

struct Lines {
    explicit Lines(std::string_view t, bool utf8) : text(t), starts(line_starts(t)), utf8(utf8) {}

    std::string_view text;
    std::vector<std::size_t> starts;
    bool utf8;

    std::size_t line_end(std::size_t line) const
    {
        std::size_t end = line + 1 < starts.size() ? starts[line + 1] : text.size();
        while (end > starts[line] && (text[end - 1] == '\n' || text[end - 1] == '\r')) --end;
        return end;
    }
    // LSP characters of the code point at byte i: UTF-8 bytes, or UTF-16 code units.
    std::size_t units(std::size_t i, std::size_t* next) const
    {
        std::size_t j = i + 1;
        while (j < text.size() && !core::starts_code_point(text[j])) ++j;
        *next = j;
        if (utf8) return j - i;
        return static_cast<unsigned char>(text[i]) >= 0xF0 ? 2 : 1;
    }
    // {line, character} of a byte offset.
    std::pair<std::size_t, std::size_t> at_offset(std::size_t offset) const
    {
        offset = std::min(offset, text.size());
        const std::size_t line = static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), offset) - starts.begin()) - 1;
        std::size_t character = 0;
        for (std::size_t i = starts[line], next = 0; i < offset; i = next) character += units(i, &next);
        return {line, character};
    }
    // {line, character} of a Finding's 1-based line and code-point column.
    std::pair<std::size_t, std::size_t> at_position(Position p) const
    {
        if (p.line == 0) return {0, 0};
        const std::size_t line = std::min(p.line - 1, starts.size() - 1);
        std::size_t character = 0, i = starts[line], next = 0;
        const std::size_t end = line_end(line);
        for (std::size_t column = 1; column < p.column && i < end; ++column, i = next) character += units(i, &next);
        return {line, character};
    }
    // The byte offset of an LSP position (clamped to the line and the text).
    std::size_t offset_of(std::size_t line, std::size_t character) const
    {
        if (line >= starts.size()) return text.size();
        std::size_t i = starts[line], count = 0, next = 0;
        const std::size_t end = line_end(line);
        while (i < end && count < character) {
            count += units(i, &next);
            i = next;
        }
        return i;
    }
};

void write_position(JsonWriter& w, std::pair<std::size_t, std::size_t> p)
{
    w.StartObject();
    w.Key("line");
    w.Uint64(p.first);
    w.Key("character");
    w.Uint64(p.second);
    w.EndObject();
}

void write_range(JsonWriter& w, std::pair<std::size_t, std::size_t> begin, std::pair<std::size_t, std::size_t> end)
{
    w.StartObject();
    w.Key("start");
    write_position(w, begin);
    w.Key("end");
    write_position(w, end);
    w.EndObject();
}

// ---- where the cursor is in a body, however incomplete ----

// A tolerant scan (no parse: the body is being typed) of the containers around a byte offset.
struct Cursor {
    std::vector<std::string> tokens;  // of the innermost container
    bool object = false;              // that container is an object
    enum class Role { none, key, value } role = Role::none;
    std::string key;                  // a value's member, or the key the cursor is in
    std::size_t index = 0;            // a value's index in an array
    bool in_string = false;
    std::size_t string_begin = 0, string_end = 0;  // the string's content, in bytes
    std::set<std::string> present;    // the keys of the innermost object

    std::string pointer(bool with_member) const
    {
        std::string p;
        for (const auto& t : tokens) core::append_pointer_token(p, t);
        if (with_member) {
            if (object) core::append_pointer_token(p, key);
            else core::append_pointer_index(p, index);
        }
        return p;
    }
};

Cursor scan(std::string_view text, std::size_t at)
{
    struct Frame {
        bool object;
        std::string token;  // its key or index in its parent
        std::string key;
        bool after_colon = false;
        std::size_t index = 0;
        std::set<std::string> keys;
    };
    std::vector<Frame> frames;
    Cursor cursor;
    bool captured = false;
    std::size_t depth = 0;  // of the cursor's frame, once captured
    auto capture = [&](bool in_string, std::size_t begin, std::size_t end, std::string_view content) {
        captured = true;
        depth = frames.size();
        for (const auto& f : frames) cursor.tokens.push_back(f.token);
        if (!cursor.tokens.empty()) cursor.tokens.erase(cursor.tokens.begin());  // the root's own token
        if (frames.empty()) return;
        const Frame& top = frames.back();
        cursor.object = top.object;
        cursor.present = top.keys;
        cursor.in_string = in_string;
        cursor.string_begin = begin;
        cursor.string_end = end;
        if (top.object && !top.after_colon) {
            cursor.role = Cursor::Role::key;
            cursor.key = std::string(content);
        } else {
            cursor.role = Cursor::Role::value;
            cursor.key = top.key;
            cursor.index = top.index;
        }
    };
    std::size_t i = 0;
    while (i < text.size()) {
        if (!captured && i >= at) capture(false, at, at, {});
        const char c = text[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            ++i;
        } else if (c == '{' || c == '[') {
            Frame f{c == '{', "", "", false, 0, {}};
            if (!frames.empty()) f.token = frames.back().object ? frames.back().key : std::to_string(frames.back().index);
            frames.push_back(std::move(f));
            ++i;
        } else if (c == '}' || c == ']') {
            if (captured && frames.size() == depth) break;  // the cursor's object is complete
            if (!frames.empty()) frames.pop_back();
            ++i;
        } else if (c == ':') {
            if (!frames.empty()) frames.back().after_colon = true;
            ++i;
        } else if (c == ',') {
            if (!frames.empty()) {
                Frame& top = frames.back();
                if (top.object) {
                    top.after_colon = false;
                    top.key.clear();
                } else {
                    ++top.index;
                }
            }
            ++i;
        } else if (c == '"') {
            std::size_t j = i + 1;
            while (j < text.size() && text[j] != '"' && text[j] != '\n') j += text[j] == '\\' ? 2 : 1;
            j = std::min(j, text.size());
            const std::string_view content = text.substr(i + 1, j - i - 1);
            if (!captured && at > i && at <= j) capture(true, i + 1, j, content);
            if (!frames.empty() && frames.back().object && !frames.back().after_colon) {
                frames.back().key = std::string(content);
                frames.back().keys.insert(std::string(content));
                if (captured && frames.size() == depth) cursor.present.insert(std::string(content));
            }
            i = j + 1;
        } else {
            while (i < text.size() && std::string_view(" \t\r\n,:[]{}\"").find(text[i]) == std::string_view::npos) ++i;
        }
    }
    if (!captured) capture(false, at, at, {});
    return cursor;
}

// ---- the server ----

struct Document {
    std::string uri;
    std::string path;  // "" when the URI is no file: the config of the current directory applies
    std::string text;
    bool http = false;
    long long version = 0;
    Report report;  // of `text`, after its config
    bool unsafe_fixes = false;
};

std::string path_of(const std::string& uri)
{
    if (uri.rfind("file://", 0) != 0) return {};
    std::string path;
    for (std::size_t i = 7; i < uri.size(); ++i) {
        if (uri[i] == '%' && i + 2 < uri.size() && std::isxdigit(static_cast<unsigned char>(uri[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(uri[i + 2]))) {
            path += static_cast<char>(std::stoi(uri.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            path += uri[i];
        }
    }
    return path;
}

class Server {
public:
    Server(Connection& connection, const LanguageServerOptions& options)
        : connection_(connection), linter_(options.options), configs_(std::make_unique<ConfigSet>("", linter_.rules()))
    {
    }

    // Returns the exit code once the client says exit (or vanishes).
    int run()
    {
        std::string error;
        for (;;) {
            std::optional<std::string> body = connection_.read(error);
            if (!body) return shutdown_ ? 0 : 1;
            if (!error.empty()) {
                connection_.log() << "drslint lsp: " << error << "\n";
                if (!respond_error(nullptr, kParseError, error)) return 1;
                continue;
            }
            if (!handle(*body)) return 1;
            if (exit_) return shutdown_ ? 0 : 1;
        }
    }

private:
    bool handle(const std::string& body)
    {
        Message message;
        message.Parse(body.data(), body.size());
        if (message.HasParseError()) return respond_error(nullptr, kParseError, "the message is not JSON");
        const Value* id = member(&message, "id");
        const Value* method = member(&message, "method");
        const bool request = id != nullptr && (id->IsString() || id->IsInt64() || id->IsUint64());
        if (!message.IsObject() || method == nullptr || !method->IsString()) {
            // A response to a request of ours (we send none) or something else: a request is answered.
            if (message.IsObject() && (member(&message, "result") || member(&message, "error"))) return true;
            return respond_error(request ? id : nullptr, kInvalidRequest, "a request needs a string \"method\"");
        }
        const std::string name(method->GetString(), method->GetStringLength());
        const Value* params = member(&message, "params");
        try {
            if (!request) {
                notification(name, params);
                return connection_ok_;
            }
            if (name == "initialize") return initialize(*id, params);
            if (!initialized_) return respond_error(id, kServerNotInitialized, "initialize comes first");
            if (shutdown_) return respond_error(id, kInvalidRequest, "the server is shutting down");
            if (name == "shutdown") {
                shutdown_ = true;
                return respond(*id, [](JsonWriter& w) { w.Null(); });
            }
            if (name == "textDocument/codeAction") return code_action(*id, params);
            if (name == "textDocument/hover") return hover(*id, params);
            if (name == "textDocument/completion") return completion(*id, params);
            return respond_error(id, kMethodNotFound, "drslint does not handle " + name);
        } catch (const std::bad_alloc&) {
            return request ? respond_error(id, kInternalError, "out of memory") : connection_ok_;
        } catch (const std::exception& e) {
            return request ? respond_error(id, kInternalError, e.what()) : connection_ok_;
        }
    }

    // One JSON-RPC message: {"jsonrpc": "2.0", and what `members` writes}, sent whole.
    template <typename Members>
    bool send(Members&& members)
    {
        parse::StringBuffer buffer;
        JsonWriter w(buffer);
        w.StartObject();
        w.Key("jsonrpc");
        w.String("2.0");
        members(w);
        w.EndObject();
        return connection_ok_ = connection_.send(buffer);
    }

    template <typename Body>
    bool respond(const Value& id, Body&& body)
    {
        return send([&](JsonWriter& w) {
            w.Key("id");
            write_value(w, id);
            w.Key("result");
            body(w);
        });
    }

    bool respond_error(const Value* id, int code, const std::string& text)
    {
        return send([&](JsonWriter& w) {
            w.Key("id");
            if (id != nullptr) write_value(w, *id);
            else w.Null();
            w.Key("error");
            w.StartObject();
            w.Key("code");
            w.Int(code);
            w.Key("message");
            write_string(w, text);
            w.EndObject();
        });
    }

    template <typename Body>
    bool notify(const char* method, Body&& body)
    {
        return send([&](JsonWriter& w) {
            w.Key("method");
            w.String(method);
            w.Key("params");
            body(w);
        });
    }

    bool initialize(const Value& id, const Value* params)
    {
        initialized_ = true;
        // UTF-16 unless the client offers UTF-8 (LSP 3.17 general.positionEncodings).
        if (const Value* encodings = member(member(member(params, "capabilities"), "general"), "positionEncodings");
            encodings != nullptr && encodings->IsArray()) {
            for (const auto& e : encodings->GetArray()) {
                if (e.IsString() && std::string_view(e.GetString()) == "utf-8") utf8_ = true;
            }
        }
        return respond(id, [&](JsonWriter& w) {
            w.StartObject();
            w.Key("capabilities");
            w.StartObject();
            w.Key("positionEncoding");
            w.String(utf8_ ? "utf-8" : "utf-16");
            w.Key("textDocumentSync");
            w.StartObject();
            w.Key("openClose");
            w.Bool(true);
            w.Key("change");
            w.Int(1);  // the whole text each time
            w.Key("save");
            w.StartObject();
            w.Key("includeText");
            w.Bool(false);
            w.EndObject();
            w.EndObject();
            w.Key("codeActionProvider");
            w.StartObject();
            w.Key("codeActionKinds");
            w.StartArray();
            w.String("quickfix");
            w.String("source.fixAll.drslint");
            w.EndArray();
            w.EndObject();
            w.Key("hoverProvider");
            w.Bool(true);
            w.Key("completionProvider");
            w.StartObject();
            w.Key("triggerCharacters");
            w.StartArray();
            w.String("\"");
            w.EndArray();
            w.EndObject();
            w.EndObject();
            w.Key("serverInfo");
            w.StartObject();
            w.Key("name");
            w.String("drslint");
            w.EndObject();
            w.EndObject();
        });
    }

    void notification(const std::string& name, const Value* params)
    {
        if (name == "exit") {
            exit_ = true;
            return;
        }
        if (!initialized_ || shutdown_) return;  // LSP: notifications before initialize are dropped
        const Value* document = member(params, "textDocument");
        const std::string uri = string_of(member(document, "uri"));
        if (uri.empty()) return;
        if (name == "textDocument/didOpen") {
            Document& d = documents_[uri];
            d.uri = uri;
            d.path = path_of(uri);
            d.text = string_of(member(document, "text"));
            d.http = is_http_file(d.path.empty() ? uri : d.path) || string_of(member(document, "languageId")) == "http";
            if (const Value* v = member(document, "version"); v != nullptr && v->IsInt64()) d.version = v->GetInt64();
            publish(d);
        } else if (name == "textDocument/didChange") {
            auto it = documents_.find(uri);
            const Value* changes = member(params, "contentChanges");
            if (it == documents_.end() || changes == nullptr || !changes->IsArray() || changes->Empty()) return;
            // Full sync: the last change holds the whole text.
            const Value& last = (*changes)[changes->Size() - 1];
            if (const Value* text = member(&last, "text"); text != nullptr && text->IsString() && !member(&last, "range")) {
                it->second.text.assign(text->GetString(), text->GetStringLength());
            }
            if (const Value* v = member(document, "version"); v != nullptr && v->IsInt64()) it->second.version = v->GetInt64();
            publish(it->second);
        } else if (name == "textDocument/didSave") {
            if (auto it = documents_.find(uri); it != documents_.end()) {
                configs_ = std::make_unique<ConfigSet>("", linter_.rules());  // the config may have been what was saved
                publish(it->second);
            }
        } else if (name == "textDocument/didClose") {
            documents_.erase(uri);
            notify("textDocument/publishDiagnostics", [&](JsonWriter& w) {
                w.StartObject();
                w.Key("uri");
                write_string(w, uri);
                w.Key("diagnostics");
                w.StartArray();
                w.EndArray();
                w.EndObject();
            });
        }
    }

    // The document's report after the config that applies to its file.
    Report lint(const Document& d, std::string_view text, bool& unsafe_fixes)
    {
        std::shared_ptr<const Config> config;
        try {
            config = configs_->for_input(d.path.empty() ? "-" : d.path);
        } catch (const ConfigError& e) {
            connection_.log() << "drslint lsp: " << e.what() << "\n";
            config = std::make_shared<const Config>();
        }
        unsafe_fixes = config->unsafe_fixes;
        Report report = d.http ? linter_.lint_http_file(text) : linter_.lint(text);
        return finish_file(d.path.empty() ? "-" : d.path, std::string_view(), std::move(report), *config, std::nullopt).report;
    }

    void publish(Document& d)
    {
        d.report = lint(d, d.text, d.unsafe_fixes);
        const Lines lines(d.text, utf8_);
        notify("textDocument/publishDiagnostics", [&](JsonWriter& w) {
            w.StartObject();
            w.Key("uri");
            write_string(w, d.uri);
            w.Key("version");
            w.Int64(d.version);
            w.Key("diagnostics");
            w.StartArray();
            for (const auto& f : d.report.findings) write_diagnostic(w, lines, f);
            w.EndArray();
            w.EndObject();
        });
    }

    void write_diagnostic(JsonWriter& w, const Lines& lines, const Finding& f)
    {
        w.StartObject();
        w.Key("range");
        write_range(w, lines.at_position(f.begin), lines.at_position(f.end.line != 0 ? f.end : f.begin));
        w.Key("severity");
        w.Int(f.severity == Severity::error ? 1 : f.severity == Severity::warning ? 2 : 3);
        w.Key("code");
        write_string(w, f.rule);
        w.Key("source");
        w.String("drslint");
        w.Key("message");
        write_string(w, f.message + (f.pointer.empty() ? std::string() : " (at " + f.pointer + ")"));
        w.Key("data");
        w.StartObject();
        w.Key("pointer");
        write_string(w, f.pointer);
        w.EndObject();
        w.EndObject();
    }

    Document* document_of(const Value* params)
    {
        auto it = documents_.find(string_of(member(member(params, "textDocument"), "uri")));
        return it == documents_.end() ? nullptr : &it->second;
    }

    bool position_of(const Value* position, std::size_t& line, std::size_t& character)
    {
        const Value* l = member(position, "line");
        const Value* c = member(position, "character");
        if (l == nullptr || c == nullptr || !l->IsUint64() || !c->IsUint64()) return false;
        line = static_cast<std::size_t>(l->GetUint64());
        character = static_cast<std::size_t>(c->GetUint64());
        return true;
    }

    void write_edit(JsonWriter& w, const Lines& lines, std::size_t begin, std::size_t end, std::string_view text)
    {
        w.StartObject();
        w.Key("range");
        write_range(w, lines.at_offset(begin), lines.at_offset(end));
        w.Key("newText");
        write_string(w, text);
        w.EndObject();
    }

    void write_workspace_edit(JsonWriter& w, const Document& d, const Lines& lines, const std::vector<const Edit*>& edits)
    {
        w.Key("edit");
        w.StartObject();
        w.Key("changes");
        w.StartObject();
        write_string(w, d.uri);
        w.StartArray();
        for (const Edit* e : edits) write_edit(w, lines, e->offset, e->offset + e->length, e->replacement);
        w.EndArray();
        w.EndObject();
        w.EndObject();
    }

    bool code_action(const Value& id, const Value* params)
    {
        Document* d = document_of(params);
        if (d == nullptr) return respond_error(&id, kInvalidParams, "the document is not open");
        std::size_t l0 = 0, c0 = 0, l1 = 0, c1 = 0;
        const Value* range = member(params, "range");
        if (!position_of(member(range, "start"), l0, c0) || !position_of(member(range, "end"), l1, c1)) {
            return respond_error(&id, kInvalidParams, "a codeAction request needs a range");
        }
        bool quickfix = true, fix_all = true;
        if (const Value* only = member(member(params, "context"), "only"); only != nullptr && only->IsArray()) {
            quickfix = fix_all = false;
            for (const auto& kind : only->GetArray()) {
                const std::string k = kind.IsString() ? kind.GetString() : "";
                quickfix = quickfix || k == "quickfix";
                fix_all = fix_all || k == "source" || k == "source.fixAll" || k == "source.fixAll.drslint";
            }
        }
        const Lines lines(d->text, utf8_);
        const std::size_t from = lines.offset_of(l0, c0), to = lines.offset_of(l1, c1);
        return respond(id, [&](JsonWriter& w) {
            w.StartArray();
            if (quickfix) {
                for (const auto& f : d->report.findings) {
                    if (!f.fix || f.fix->edits.empty()) continue;
                    const std::size_t begin = lines.offset_of(lines.at_position(f.begin).first, lines.at_position(f.begin).second);
                    const std::size_t end = lines.offset_of(lines.at_position(f.end).first, lines.at_position(f.end).second);
                    if (end < from || begin > to) continue;
                    w.StartObject();
                    w.Key("title");
                    write_string(w, "drslint: " + f.fix->message +
                                        (f.fix->applicability == Applicability::unsafe ? " (unsafe)" : ""));
                    w.Key("kind");
                    w.String("quickfix");
                    w.Key("isPreferred");
                    w.Bool(f.fix->applicability == Applicability::safe);
                    w.Key("diagnostics");
                    w.StartArray();
                    write_diagnostic(w, lines, f);
                    w.EndArray();
                    std::vector<const Edit*> edits;
                    for (const auto& e : f.fix->edits) edits.push_back(&e);
                    write_workspace_edit(w, *d, lines, edits);
                    w.EndObject();
                }
            }
            if (fix_all && count_fixes(d->report, d->unsafe_fixes) != 0) {
                bool unsafe = false;
                const FixResult fixed = fix_until_stable(
                    d->text, [&](std::string_view t) { return lint(*d, t, unsafe); }, d->unsafe_fixes);
                // One edit: what lies between the unchanged head and tail.
                std::size_t head = 0;
                while (head < d->text.size() && head < fixed.text.size() && d->text[head] == fixed.text[head]) ++head;
                std::size_t tail = 0;
                while (tail < d->text.size() - head && tail < fixed.text.size() - head &&
                       d->text[d->text.size() - 1 - tail] == fixed.text[fixed.text.size() - 1 - tail]) {
                    ++tail;
                }
                w.StartObject();
                w.Key("title");
                w.String(d->unsafe_fixes ? "drslint: fix all (safe and unsafe)" : "drslint: fix all safe fixes");
                w.Key("kind");
                w.String("source.fixAll.drslint");
                w.Key("edit");
                w.StartObject();
                w.Key("changes");
                w.StartObject();
                write_string(w, d->uri);
                w.StartArray();
                write_edit(w, lines, head, d->text.size() - tail,
                           std::string_view(fixed.text).substr(head, fixed.text.size() - tail - head));
                w.EndArray();
                w.EndObject();
                w.EndObject();
                w.EndObject();
            }
            w.EndArray();
        });
    }

    // The body the cursor is in and the cursor's offset in it: the document itself, or in an
    // .http file the body of the request whose lines hold the cursor (nullopt elsewhere).
    struct Body {
        std::string text;
        std::size_t offset = 0;
        std::optional<input::BodyPlace> place;  // where `text` is in the document; none: it is the document
    };

    std::optional<Body> body_at(const Document& d, const Lines& lines, std::size_t line, std::size_t character)
    {
        const std::size_t offset = lines.offset_of(line, character);
        if (!d.http) return Body{d.text, offset, std::nullopt};
        const input::NewlineStarts file(d.text);
        std::optional<Body> found;
        for_each_http_request(d.text, [&](HttpRequest&& r) {
            input::BodyPlace place(r);
            if (const auto in_body = place.body_offset(file, offset)) {
                found = Body{std::move(r.body), *in_body, std::move(place)};
                return false;
            }
            return true;
        });
        return found;
    }

    // A byte offset of a body's text as an offset of the document.
    std::size_t document_offset(const Document& d, const Body& body, std::size_t offset)
    {
        return body.place ? body.place->file_offset(input::NewlineStarts(d.text), offset) : offset;
    }

    // The open document and the position a hover or completion request names; nullptr when it
    // names none (the request is then answered with invalid params).
    Document* document_at(const Value* params, std::size_t& line, std::size_t& character)
    {
        Document* d = document_of(params);
        return d != nullptr && position_of(member(params, "position"), line, character) ? d : nullptr;
    }

    bool hover(const Value& id, const Value* params)
    {
        std::size_t line = 0, character = 0;
        Document* d = document_at(params, line, character);
        if (d == nullptr) return respond_error(&id, kInvalidParams, "a hover request needs an open document and a position");
        const Lines lines(d->text, utf8_);
        std::string text;
        if (const auto body = body_at(*d, lines, line, character)) {
            const Cursor cursor = scan(body->text, body->offset);
            MemberInfo info;
            const bool on_member = cursor.role == Cursor::Role::key ? cursor.in_string : cursor.role == Cursor::Role::value;
            Cursor place = cursor;
            if (cursor.role == Cursor::Role::key) place.key = std::string(body->text.substr(cursor.string_begin, cursor.string_end - cursor.string_begin));
            if (on_member && linter_.describe(place.pointer(true), info)) {
                text += "**`" + info.name + "`**";
                if (!info.table.empty()) text += " — " + info.table;
                text += "\n\n";
                text += std::string("Mandatory: ") + (info.mandatory ? "yes" : "no");
                if (!info.type.empty()) text += " · Type: " + info.type;
                text += "\n\n";
                if (!info.description.empty()) text += info.description + "\n\n";
                if (!info.allowed.empty()) {
                    text += "Allowed values:";
                    for (const auto& v : info.allowed) text += " `" + v + "`";
                    text += "\n\n";
                }
            }
        }
        // The findings at the cursor: their rule's explanation.
        for (const auto& f : d->report.findings) {
            const auto begin = lines.at_position(f.begin), end = lines.at_position(f.end.line != 0 ? f.end : f.begin);
            const std::pair<std::size_t, std::size_t> at{line, character};
            if (at < begin || end < at) continue;
            if (const RuleInfo* rule = linter_.find_rule(f.rule)) {
                text += "---\n\n**" + rule->id + "** (" + to_string(f.severity) + "): " + rule->summary + "\n\n" +
                        rule->rationale + "\n\nSource: " + rule->source + "\n\n";
            }
        }
        return respond(id, [&](JsonWriter& w) {
            if (text.empty()) {
                w.Null();
                return;
            }
            w.StartObject();
            w.Key("contents");
            w.StartObject();
            w.Key("kind");
            w.String("markdown");
            w.Key("value");
            write_string(w, text);
            w.EndObject();
            w.EndObject();
        });
    }

    bool completion(const Value& id, const Value* params)
    {
        std::size_t line = 0, character = 0;
        Document* d = document_at(params, line, character);
        if (d == nullptr) {
            return respond_error(&id, kInvalidParams, "a completion request needs an open document and a position");
        }
        const Lines lines(d->text, utf8_);
        const auto body = body_at(*d, lines, line, character);
        return respond(id, [&](JsonWriter& w) {
            w.StartObject();
            w.Key("isIncomplete");
            w.Bool(false);
            w.Key("items");
            w.StartArray();
            if (body) {
                const Cursor cursor = scan(body->text, body->offset);
                const std::size_t begin = document_offset(*d, *body, cursor.string_begin);
                const std::size_t end = document_offset(*d, *body, cursor.string_end);
                auto item = [&](const std::string& label, int kind, const std::string& detail, const std::string& doc,
                                const std::string& insert) {
                    w.StartObject();
                    w.Key("label");
                    write_string(w, label);
                    w.Key("kind");
                    w.Int(kind);
                    if (!detail.empty()) {
                        w.Key("detail");
                        write_string(w, detail);
                    }
                    if (!doc.empty()) {
                        w.Key("documentation");
                        write_string(w, doc);
                    }
                    w.Key("textEdit");
                    write_edit(w, lines, cursor.in_string ? begin : lines.offset_of(line, character),
                               cursor.in_string ? end : lines.offset_of(line, character), insert);
                    w.EndObject();
                };
                if (cursor.role == Cursor::Role::key && cursor.object) {
                    for (const auto& m : linter_.members(cursor.pointer(false))) {
                        if (cursor.present.count(m.name) != 0 && m.name != cursor.key) continue;
                        item(m.name, 10, m.type + (m.mandatory ? ", mandatory" : ""), m.description,
                             cursor.in_string ? m.name : "\"" + m.name + "\": ");
                    }
                } else if (cursor.role == Cursor::Role::value) {
                    MemberInfo info;
                    if (linter_.describe(cursor.pointer(true), info)) {
                        std::vector<std::string> values = info.allowed;
                        if (values.empty() && info.type == "boolean") values = {"true", "false"};
                        for (const auto& v : values) {
                            const bool quoted = v.size() >= 2 && v.front() == '"' && v.back() == '"';
                            if (cursor.in_string && !quoted) continue;
                            item(v, 12, info.type, info.description, cursor.in_string ? v.substr(1, v.size() - 2) : v);
                        }
                    }
                }
            }
            w.EndArray();
            w.EndObject();
        });
    }

    Connection& connection_;
    Linter linter_;
    std::unique_ptr<ConfigSet> configs_;  // anew on every save: the saved file may be a config
    std::map<std::string, Document> documents_;
    bool utf8_ = false;
    bool initialized_ = false;
    bool shutdown_ = false;
    bool exit_ = false;
    bool connection_ok_ = true;
};

}  // namespace

int serve_language_server(std::istream& in, std::ostream& out, std::ostream& log, const LanguageServerOptions& options)
{
    Connection connection(in, out, log, options.max_message_bytes);
    Server server(connection, options);
    return server.run();
}

}  // namespace drslint
