// How much of its checking a loader of schema or catalogue text does when it loads.
#pragma once

namespace drslint::core {

enum class DataChecks {
    // Text from anywhere (the tests' own schemas and catalogues): every check, at load.
    all,
    // The data compiled into the library. Linter::check_built_in_data() runs the costly checks
    // when the library is built (a failure fails the build), so a Linter's start-up leaves them
    // out: the catalogue against rules.schema.json, and building each pattern's DFA up front
    // (it is built on the pattern's first use instead).
    built_in,
};

}  // namespace drslint::core
