#pragma once
// What a rule predicate can ask about the thing it is evaluated on: one GPO's own settings (the
// pre-commit case) or one SOM's effective policy. Both are indexes built once, so every rule of a pass
// is a handful of binary searches rather than a walk over the model.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/gpo.hpp"
#include "model/policy_semantics.hpp"
#include "resolve/effective.hpp"

namespace gpolint::rules {

class Facts {
public:
    virtual ~Facts() = default;
    // The setting that decides `folded_key`, nullptr when undefined (or deleted by the winning operation).
    virtual const model::Setting* winner(std::string_view folded_key) const = 0;
    // The first defined setting (in key order) whose key starts with the prefix, nullptr when none.
    virtual const model::Setting* first_defined_with_prefix(std::string_view folded_prefix) const = 0;
    bool any_defined_with_prefix(std::string_view folded_prefix) const {
        return first_defined_with_prefix(folded_prefix) != nullptr;
    }
    virtual bool has_role(std::string_view role) const = 0;
    // The GPO whose setting decides `folded_key`, nullptr when undefined.
    virtual const model::Gpo* source_of(std::string_view folded_key) const = 0;
};

// One GPO alone. Within the GPO the setting of the client-side extension that runs last wins, and within
// one extension the last in the file (model::applying_extension, docs/precedence.md §2.1); a user-half
// setting never decides a machine key because keys differ (HKCU vs HKLM).
class GpoFacts final : public Facts {
public:
    explicit GpoFacts(const model::Gpo& gpo);
    const model::Setting* winner(std::string_view folded_key) const override;
    const model::Setting* first_defined_with_prefix(std::string_view folded_prefix) const override;
    bool has_role(std::string_view) const override { return false; }
    const model::Gpo* source_of(std::string_view folded_key) const override;
    const model::Gpo& gpo() const { return gpo_; }

private:
    const model::Gpo& gpo_;
    std::vector<std::pair<std::string_view, const model::Setting*>> index_;  // sorted by folded key
};

// One SOM's effective policy (EffectivePolicy::settings is sorted by folded key).
class SomFacts final : public Facts {
public:
    explicit SomFacts(const resolve::EffectivePolicy& policy) : policy_(policy) {}
    const model::Setting* winner(std::string_view folded_key) const override;
    const model::Setting* first_defined_with_prefix(std::string_view folded_prefix) const override;
    bool has_role(std::string_view role) const override;
    const model::Gpo* source_of(std::string_view folded_key) const override;
    const resolve::ResolvedSetting* resolved(std::string_view folded_key) const;
    const resolve::EffectivePolicy& policy() const { return policy_; }

private:
    const resolve::EffectivePolicy& policy_;
};

using model::defines_value;  // one definition, in model/policy_semantics.hpp

}  // namespace gpolint::rules
