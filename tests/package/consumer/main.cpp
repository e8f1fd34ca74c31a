// Lints one file with an installed drslint and prints "RULE POINTER LINE:COLUMN" per finding;
// exits 1 when there is an error, 2 when the file cannot be read.
#include <fstream>
#include <iostream>
#include <sstream>

#include <drslint/linter.h>

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::cerr << "usage: consumer FILE\n";
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    if (!in) {
        std::cerr << "consumer: cannot read " << argv[1] << "\n";
        return 2;
    }
    std::ostringstream text;
    text << in.rdbuf();

    const drslint::Linter linter;
    const drslint::Report report = linter.lint(text.str());
    for (const drslint::Finding& finding : report.findings) {
        std::cout << finding.rule << ' ' << finding.pointer << ' ' << finding.begin.line << ':'
                  << finding.begin.column << '\n';
    }
    return report.has_at_least(drslint::Severity::error) ? 1 : 0;
}
