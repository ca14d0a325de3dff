#include "model/principal.hpp"

#include <array>

#include "model/setting.hpp"

namespace gpolint::model {

namespace {

struct WellKnown {
    std::string_view sid;   // without the leading '*'
    std::string_view name;  // the display name Windows shows
    std::string_view alias; // a second spelling seen in templates, or empty
};

// Names are matched after dropping a "BUILTIN\" or "NT AUTHORITY\" prefix, so both spellings work.
constexpr std::array<WellKnown, 30> kWellKnown{{
    {"S-1-0-0", "Nobody", ""},
    {"S-1-1-0", "Everyone", "World"},
    {"S-1-3-0", "CREATOR OWNER", ""},
    {"S-1-5-2", "NETWORK", ""},
    {"S-1-5-4", "INTERACTIVE", ""},
    {"S-1-5-6", "SERVICE", ""},
    {"S-1-5-7", "ANONYMOUS LOGON", "Anonymous"},
    {"S-1-5-9", "ENTERPRISE DOMAIN CONTROLLERS", ""},
    {"S-1-5-11", "Authenticated Users", ""},
    {"S-1-5-13", "TERMINAL SERVER USER", ""},
    {"S-1-5-14", "REMOTE INTERACTIVE LOGON", ""},
    {"S-1-5-18", "LOCAL SYSTEM", "SYSTEM"},
    {"S-1-5-19", "LOCAL SERVICE", ""},
    {"S-1-5-20", "NETWORK SERVICE", ""},
    {"S-1-5-32-544", "Administrators", ""},
    {"S-1-5-32-545", "Users", ""},
    {"S-1-5-32-546", "Guests", ""},
    {"S-1-5-32-547", "Power Users", ""},
    {"S-1-5-32-548", "Account Operators", ""},
    {"S-1-5-32-549", "Server Operators", ""},
    {"S-1-5-32-550", "Print Operators", ""},
    {"S-1-5-32-551", "Backup Operators", ""},
    {"S-1-5-32-555", "Remote Desktop Users", ""},
    {"S-1-5-32-559", "Performance Log Users", ""},
    {"S-1-5-32-568", "IIS_IUSRS", ""},
    {"S-1-5-32-578", "Hyper-V Administrators", ""},
    {"S-1-5-80-0", "ALL SERVICES", "NT SERVICE\\ALL SERVICES"},
    {"S-1-5-83-0", "NT VIRTUAL MACHINE\\Virtual Machines", ""},
    {"S-1-5-113", "Local account", ""},
    {"S-1-5-114", "Local account and member of Administrators group", ""},
}};

// Groups whose SID depends on the domain: a name only tells the RID.
struct DomainRelative {
    std::string_view name;
    std::string_view pattern;
};
constexpr std::array<DomainRelative, 7> kDomainRelative{{
    {"Domain Admins", "*s-1-5-21-*-512"},
    {"Domain Users", "*s-1-5-21-*-513"},
    {"Domain Guests", "*s-1-5-21-*-514"},
    {"Domain Computers", "*s-1-5-21-*-515"},
    {"Domain Controllers", "*s-1-5-21-*-516"},
    {"Schema Admins", "*s-1-5-21-*-518"},
    {"Enterprise Admins", "*s-1-5-21-*-519"},
}};

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '"')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '"')) text.remove_suffix(1);
    return text;
}

bool starts_with_ci(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

std::string_view without_authority(std::string_view name) {
    for (std::string_view prefix : {std::string_view("BUILTIN\\"), std::string_view("NT AUTHORITY\\")})
        if (starts_with_ci(name, prefix)) return name.substr(prefix.size());
    return name;
}

std::string_view after_backslash(std::string_view name) {
    auto slash = name.rfind('\\');
    return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

bool is_sid(std::string_view text) { return starts_with_ci(text, "S-1-"); }

bool has_wildcard(std::string_view canonical) {
    return canonical.size() > 1 && canonical.find('*', 1) != std::string_view::npos;
}

}  // namespace

std::optional<std::string_view> well_known_sid(std::string_view name) {
    name = trim(name);
    std::string_view bare = without_authority(name);
    for (const auto& entry : kWellKnown)
        if (iequals(bare, entry.name) || iequals(name, entry.name) ||
            (!entry.alias.empty() && (iequals(bare, entry.alias) || iequals(name, entry.alias))))
            return entry.sid;
    return std::nullopt;
}

std::optional<std::string_view> well_known_name(std::string_view sid) {
    sid = trim(sid);
    if (!sid.empty() && sid.front() == '*') sid.remove_prefix(1);
    for (const auto& entry : kWellKnown)
        if (iequals(sid, entry.sid)) return entry.name;
    return std::nullopt;
}

std::string canonical_principal(std::string_view text) {
    text = trim(text);
    std::string_view sid = text;
    if (!sid.empty() && sid.front() == '*') sid.remove_prefix(1);
    if (is_sid(sid)) return "*" + fold_case(sid);
    if (auto known = well_known_sid(text)) return "*" + fold_case(*known);
    std::string_view group = after_backslash(text);
    for (const auto& entry : kDomainRelative)
        if (iequals(group, entry.name)) return std::string(entry.pattern);
    return fold_case(text);
}

bool principal_matches(std::string_view pattern, std::string_view principal) {
    std::string want = canonical_principal(pattern);
    std::string have = canonical_principal(principal);
    if (want == have) return true;
    bool sids = !want.empty() && want.front() == '*' && !have.empty() && have.front() == '*';
    if (!sids) return false;
    std::string_view want_body = std::string_view(want).substr(1), have_body = std::string_view(have).substr(1);
    if (has_wildcard(want) && !has_wildcard(have)) return glob_match(want_body, have_body);
    if (has_wildcard(have) && !has_wildcard(want)) return glob_match(have_body, want_body);
    return false;
}

}  // namespace gpolint::model
