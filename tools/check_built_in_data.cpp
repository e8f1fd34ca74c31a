// Run by the build once the library is built: the schemas and rule catalogue compiled into it must
// pass every check that a Linter's start-up leaves out to start fast
// (drslint::Linter::check_built_in_data). A failure fails the build, as a test would fail later.
#include <exception>
#include <iostream>

#include "drslint/linter.h"

int main()
{
    try {
        drslint::Linter::check_built_in_data();
    } catch (const std::exception& e) {
        std::cerr << "drslint: the built-in schemas or rule catalogue fail a check: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
