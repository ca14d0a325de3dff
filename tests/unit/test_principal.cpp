// Well-known principals match whichever way they are written.
#include <doctest/doctest.h>

#include "model/principal.hpp"

using gpolint::model::canonical_principal;
using gpolint::model::principal_matches;

TEST_CASE("well-known names and SIDs are the same principal, case-insensitively") {
    struct Pair {
        const char* name;
        const char* sid;
    };
    const Pair pairs[] = {
        {"NT VIRTUAL MACHINE\\Virtual Machines", "*S-1-5-83-0"},
        {"nt virtual machine\\virtual machines", "*s-1-5-83-0"},
        {"Everyone", "*S-1-1-0"},
        {"Authenticated Users", "*S-1-5-11"},
        {"NT AUTHORITY\\Authenticated Users", "*S-1-5-11"},
        {"Administrators", "*S-1-5-32-544"},
        {"BUILTIN\\Administrators", "*S-1-5-32-544"},
        {"Users", "*S-1-5-32-545"},
        {"Guests", "*S-1-5-32-546"},
        {"Backup Operators", "*S-1-5-32-551"},
        {"Remote Desktop Users", "*S-1-5-32-555"},
        {"SERVICE", "*S-1-5-6"},
        {"LOCAL SERVICE", "*S-1-5-19"},
        {"NETWORK SERVICE", "*S-1-5-20"},
        {"ALL SERVICES", "*S-1-5-80-0"},
        {"ENTERPRISE DOMAIN CONTROLLERS", "*S-1-5-9"},
        {"ANONYMOUS LOGON", "*S-1-5-7"},
        {"LOCAL SYSTEM", "*S-1-5-18"},
    };
    for (const auto& p : pairs) {
        CAPTURE(p.name);
        CHECK(principal_matches(p.sid, p.name));
        CHECK(principal_matches(p.name, p.sid));
        CHECK(principal_matches(p.sid, std::string(p.sid).substr(1)));  // a bare SID without '*'
    }
    CHECK(canonical_principal(" \"*S-1-5-83-0\" ") == "*s-1-5-83-0");
}

TEST_CASE("different principals do not match") {
    CHECK_FALSE(principal_matches("*S-1-5-83-0", "*S-1-5-83-01"));
    CHECK_FALSE(principal_matches("*S-1-5-32-544", "*S-1-5-32-545"));
    CHECK_FALSE(principal_matches("Everyone", "Authenticated Users"));
    CHECK_FALSE(principal_matches("CONTOSO\\svc-sql", "CONTOSO\\svc-web"));
    CHECK(principal_matches("contoso\\SVC-SQL", "CONTOSO\\svc-sql"));
}

TEST_CASE("wildcards in SID patterns, and domain-relative group names") {
    CHECK(principal_matches("*S-1-5-21-*-513", "*S-1-5-21-1004336348-1177238915-682003330-513"));
    CHECK_FALSE(principal_matches("*S-1-5-21-*-513", "*S-1-5-21-1004336348-1177238915-682003330-512"));
    CHECK(principal_matches("*S-1-5-21-*", "*S-1-5-21-1-2-3-1105"));
    CHECK_FALSE(principal_matches("*S-1-5-21-*", "*S-1-5-32-544"));
    CHECK(principal_matches("*S-1-5-21-*-513", "CONTOSO\\Domain Users"));
    CHECK(principal_matches("Domain Computers", "*S-1-5-21-1-2-3-515"));
}
