// What the API page says of a member of a request body: for hovers, completion and docs.
#pragma once

#include <string>
#include <vector>

namespace drslint {

struct MemberInfo {
    std::string name;         // the member's name; "" for the body itself
    std::string table;        // the page's table that lists it: "Table 4 — job (UpdateJobReq)"
    bool mandatory = false;   // the table's Mandatory column
    std::string type;         // JSON types: "string", "integer", "object or null", ...
    std::string description;  // the page's description
    std::vector<std::string> allowed;  // its enumerated values, as JSON text ("\"sync\"", "1")
};

}  // namespace drslint
