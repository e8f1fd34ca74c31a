// The bodies the benchmark measures: the files in tests/bench/corpus/ plus one large db_object
// body generated here, so that megabytes of JSON never need to be committed.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace drslint::bench {

struct Body {
    std::string name;  // file stem, e.g. "valid-db_object"; the prefix says what it must lint to
    std::string text;
    bool valid = false;  // "valid-*": no error finding; "invalid-*": at least one finding
};

// Name of the generated body, and the default number of tables in it.
inline constexpr const char* kLargeBodyName = "valid-db_object-large";
inline constexpr std::size_t kLargeBodyTables = 5000;

// Every *.json file in `dir`, sorted by name. Throws std::runtime_error when none can be read.
std::vector<Body> load_corpus(const std::string& dir);

// A valid `db_object` body selecting `tables` tables (each with two mapped columns and a filter),
// spread over databases of 250 tables: the shape of a real large migration's object list.
Body make_large_db_object(std::size_t tables);

// The body on one line (for JSON Lines). A raw line break can only sit between tokens in JSON
// text (inside a string it must be escaped), so turning each into a space changes nothing else.
std::string one_line(const std::string& text);

// The bodies a batch is drawn from, one line each: every request-body case of
// tests/schema/cases (valid: it expects no finding), the files of examples/ and the corpus (valid:
// a "valid-" name, or rename-task.json).
struct BatchPools {
    std::vector<std::string> valid, invalid;
};
BatchPools load_batch_pools(const std::string& source_dir, const std::vector<Body>& corpus);

// `lines` bodies drawn with a fixed seed: each invalid with probability `invalid_percent` / 100.
// mt19937's output is the same on every platform, and it is used without a distribution (whose
// results are not), so the batch is the same bytes everywhere.
std::string make_batch(const BatchPools& pools, std::size_t lines, unsigned invalid_percent);

}  // namespace drslint::bench
