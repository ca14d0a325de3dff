#pragma once
// The `bad` / `good` examples of a rule, run as docs/rule-language.md says: each snippet becomes one GPO
// (read by the real template parser); `scope gpo` rules are evaluated per GPO, `som`/`domain` rules on a
// one-SOM topology (the domain root, with the role the scope needs) where that GPO is linked.
#include <string>
#include <vector>

#include "rules/rule.hpp"

namespace gpolint::check {

struct ExampleResult {
    std::string snippet;
    bool bad = false;          // expected to trigger
    size_t findings = 0;       // findings of the rule itself
    size_t settings = 0;       // settings the template parser read from the snippet
    std::vector<std::string> parse_errors;
    bool passed() const { return bad ? findings > 0 : findings == 0; }
};

std::vector<ExampleResult> run_examples(const rules::Rule& rule);

}  // namespace gpolint::check
