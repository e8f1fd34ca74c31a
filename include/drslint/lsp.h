// `drslint lsp`: a Language Server Protocol 3.17 server over a byte stream (the editor's pipe),
// built on the public API like any embedder: diagnostics from Linter (with the .drslint.json that
// applies to each file), quick fixes and "fix all" from the findings' fixes, hovers from the API
// page's tables (Linter::describe) and rules, completion of member names and enumerated values.
#pragma once

#include <cstddef>
#include <istream>
#include <ostream>

#include "drslint/options.h"

namespace drslint {

struct LanguageServerOptions {
    Options options;  // the Linter's: limits, task context
    // A message longer than this is read past and answered with an error, so an absurd
    // Content-Length cannot exhaust memory; documents above Limits::max_input_bytes are
    // input-too-large anyway.
    std::size_t max_message_bytes = 256u * 1024u * 1024u;
};

// Serves until the client's `exit` notification or the end of `in`: returns 0 after a `shutdown`
// request, else 1 (LSP's rule). `out` carries only protocol messages; `log` gets what the server
// has to say about its input (malformed headers, say). Every request gets a response or a
// JSON-RPC error; malformed messages are answered, never a crash.
int serve_language_server(std::istream& in, std::ostream& out, std::ostream& log,
                          const LanguageServerOptions& options = {});

}  // namespace drslint
