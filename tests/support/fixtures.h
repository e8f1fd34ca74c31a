// What most test binaries need: one Linter with default options, built once and shared (it is
// immutable and thread-safe), and a file read whole.
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "drslint/linter.h"

namespace drslint::test {

inline const Linter& default_linter()
{
    static const Linter instance;
    return instance;
}

inline std::string read_file(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace drslint::test
