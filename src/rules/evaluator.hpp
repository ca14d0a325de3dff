#pragma once
// Evaluates a rule predicate against Facts, and fills the placeholders of messages.
#include <string>
#include <string_view>

#include "model/policy_semantics.hpp"
#include "model/setting.hpp"
#include "rules/expression.hpp"
#include "rules/facts.hpp"

namespace gpolint::rules {

// Keys in `expr` must already be case-folded (instantiate() does it).
bool evaluate(const Expr& expr, const Facts& facts);

using model::display_value;  // one wording of a value, in model/policy_semantics.hpp

struct RenderContext {
    const Facts& facts;
    std::string som;      // SOM DN, or the GPO name per GPO
    std::string gpo;      // the evaluated GPO, or the winner of the `at` key per SOM
    std::string key;      // the `at` key as written
};

// {value:KEY} {gpo:KEY} {som} {gpo} {key}; unknown placeholders stay as written.
std::string render(std::string_view text, const RenderContext& context);

// The same text phrased for a rule's documentation, where no finding fills the placeholders:
// {gpo:KEY} "the GPO that sets NAME" (NAME = the key's last part), {gpo} "the GPO that sets it",
// '{$var}' "the var named in the finding", {som} "the OU", {value:KEY} "the current value".
std::string render_general(std::string_view text);

}  // namespace gpolint::rules
