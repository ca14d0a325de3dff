#pragma once
// A rule's metadata record and predicate, as read from policies/*.rules (docs/rule-language.md).
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/location.hpp"
#include "rules/expression.hpp"

namespace gpolint::rules {

enum class ScopeKind { Gpo, Som, Domain };

struct Scope {
    ScopeKind kind = ScopeKind::Som;
    std::string role;       // empty: every SOM
    bool negated = false;   // `som not role ROLE`
};

struct SeverityOverride {
    Severity severity = Severity::Warning;
    std::string role;
};

struct PerGpo {
    Severity severity = Severity::Warning;
    std::string context;
};

struct Reference {
    std::string label;
    std::string url;
};

struct Autofix {
    bool safe = false;
    std::string action;               // add | replace | set
    std::vector<std::string> args;    // KEY then principals / value
};

struct Rule {
    std::string id;
    std::string slug;
    Severity severity = Severity::Warning;
    std::vector<SeverityOverride> overrides;   // first matching role wins
    std::string title;
    std::string rationale;
    std::string fix;
    std::string message;
    Scope scope;
    std::optional<PerGpo> per_gpo;
    std::string each_variable;                 // "$right", empty when no `each`
    std::vector<std::string> each_keys;
    std::optional<Expr> when;                  // empty for built-in checks
    bool builtin = false;
    bool optional = false;                     // off unless enabled by name (--enable, `enable:`, --select)
    std::string at;                            // empty: first key named in `when`
    std::optional<Autofix> autofix;
    std::vector<Reference> see;
    std::vector<std::string> bad;
    std::vector<std::string> good;
    Location location;                         // of the `rule` line

    // Severity of the per-SOM finding on a SOM with these roles.
    template <typename Roles>
    Severity severity_for(const Roles& roles) const {
        for (const auto& o : overrides)
            if (roles.count(o.role)) return o.severity;
        return severity;
    }
};

// One evaluable form of a rule: `each` expanded, $variables substituted in keys and texts.
struct Instance {
    const Rule* rule = nullptr;
    Expr when;
    std::string at;                 // the primary key (explicit `at` or first key of `when`)
    std::vector<std::string> keys;  // every key of `when`, for notes
    std::string message;            // with {$var} substituted
    std::string fix;
};

std::vector<Instance> instantiate(const Rule& rule);

}  // namespace gpolint::rules
