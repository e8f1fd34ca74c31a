// A directory of its own for one test: unique (mkdtemp, so tests and parallel ctest runs never
// share one), removed with everything in it when the test ends, however it ends.
#pragma once

#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

namespace drslint::test {

class TempDir {
public:
    explicit TempDir(const std::string& prefix = "drslint-test") : path(make(prefix)) {}
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir()
    {
        std::error_code ec;
        if (std::filesystem::remove_all(path, ec) == static_cast<std::uintmax_t>(-1) || ec) {
            // A test that stopped half-way may have left a directory unreadable: open it up and retry.
            open_up(path);
            std::filesystem::remove_all(path, ec);
        }
    }

    // Writes `bytes` to `relative` (its directories created) and returns the file's path.
    std::string write(const std::filesystem::path& relative, std::string_view bytes) const
    {
        const auto file = path / relative;
        std::filesystem::create_directories(file.parent_path());
        std::ofstream out(file, std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out.flush()) throw std::runtime_error("cannot write " + file.string());
        return file.string();
    }

    std::string operator/(const std::filesystem::path& relative) const { return (path / relative).string(); }

    const std::filesystem::path path;

private:
    static std::filesystem::path make(const std::string& prefix)
    {
        std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
        if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp " + pattern + " failed");
        return pattern;
    }

    static void open_up(const std::filesystem::path& dir)
    {
        std::error_code ec;
        std::filesystem::permissions(dir, std::filesystem::perms::owner_all, std::filesystem::perm_options::add, ec);
        for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            std::error_code kind;
            if (it->is_directory(kind) && !it->is_symlink(kind)) open_up(it->path());
        }
    }
};

}  // namespace drslint::test
