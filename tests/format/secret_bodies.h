// Request bodies whose secrets must never reach any output: shared by the format and CLI tests.
// Each is minified (one line, so every source excerpt shows every secret's line), each secret is
// a finding itself (a number where a string belongs, a long certificate key), and other findings
// sit on the same line.
#pragma once

#include <string>
#include <vector>

namespace drslint_test {

inline const std::vector<std::string>& secret_bodies()
{
    static const std::vector<std::string> bodies = {
        R"({"job": {"type": "endpoint", "params": {"source_endpoint": [{"db_type": "mysql", "endpoint_type": "offline", )"
        R"("endpoint_role": "so", "endpoint": {"endpoint_name": "m", "ip": "1.2.3.4", "db_port": "3306", "db_user": "u", )"
        R"("db_password": 918273645, "nmae": "x"}, "ssl": {"ssl_link": true, "ssl_cert_key": "MIIEvQIBADANBgkqhkiG9w0B)" +
            std::string(1100, 'Q') + R"(", "ssl_cert_password": 44556677, "ssl_lnk": 1}}]}}})",
        R"({"job": {"type": "db_object", "params": {"user_migration": {"is_migrate_user": true, "is_set_password": true, )"
        R"("password": 31415926, "rol_list": []}}}})",
    };
    return bodies;
}

// Substrings of the secrets above.
inline const std::vector<std::string>& secret_values()
{
    static const std::vector<std::string> values = {"MIIEvQ", "QQQQ", "918273645", "44556677", "31415926"};
    return values;
}

}  // namespace drslint_test
