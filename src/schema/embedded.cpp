#include "schema/embedded.h"

#include <stdexcept>
#include <string>

namespace drslint::embedded {

std::string_view file(std::string_view name)
{
    for (std::size_t i = 0; i < kFileCount; ++i) {
        if (name == kFiles[i].name) return kFiles[i].text();
    }
    for (std::size_t i = 0; i < kDataSchemaCount; ++i) {
        if (name == kDataSchemas[i].name) return kDataSchemas[i].text();
    }
    throw std::runtime_error("no embedded file named " + std::string(name));
}

std::vector<schema::SchemaFile> api_schema_files()
{
    constexpr std::string_view kSuffix = ".schema.json";
    std::vector<schema::SchemaFile> files;
    for (std::size_t i = 0; i < kFileCount; ++i) {
        const std::string_view name = kFiles[i].name;
        if (name.size() > kSuffix.size() && name.substr(name.size() - kSuffix.size()) == kSuffix) {
            files.push_back({std::string(name), kFiles[i].text()});
        }
    }
    return files;
}

}  // namespace drslint::embedded
