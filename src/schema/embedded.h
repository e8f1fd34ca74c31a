// Files from schemas/, compiled into the library by cmake/embed_files.cmake so that the library
// never reads the source tree at run time.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "schema/schema_set.h"

namespace drslint::embedded {

struct File {
    const char* name;  // path below schemas/, e.g. "request/base-endpoint.schema.json"
    const unsigned char* data;
    std::size_t size;

    std::string_view text() const { return {reinterpret_cast<const char*>(data), size}; }
};

extern const File kFiles[];
extern const std::size_t kFileCount;

// Schemas of drslint's own data files (rules.schema.json, for rules.json). Kept out of kFiles:
// every *.schema.json there is taken for a DRS request or response schema.
extern const File kDataSchemas[];
extern const std::size_t kDataSchemaCount;

// The one lookup of embedded files: the library, its tests and its benchmark all find them here.
// The file at `name`, a path below schemas/ ("rules.json", "rules.schema.json",
// "request/base-endpoint.schema.json"). Throws std::runtime_error when there is none: a library
// built without one of its files must not lint.
std::string_view file(std::string_view name);
// The DRS request and response schemas (kFiles' *.schema.json), in name order, as SchemaSet takes them.
std::vector<schema::SchemaFile> api_schema_files();

}  // namespace drslint::embedded
