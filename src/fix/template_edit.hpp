#pragma once
// One fix applied to the decoded text of a security template: the edit stays inside the value span of
// the entry that holds the key, so every other byte of the file is left as it was.
#include <optional>
#include <string>
#include <string_view>

#include "core/source.hpp"
#include "fix/fix_action.hpp"
#include "model/security_template.hpp"

namespace gpolint::fix {

struct TemplateEdit {
    model::TextSpan span;       // the part of the decoded text replaced (inside one entry's value)
    std::string replacement;
    uint32_t line = 0;          // 1-based line of the entry
    std::string description;    // "added *S-1-5-83-0 to SeServiceLogonRight"
};

enum class EditOutcome { Edited, AlreadyDone, NotInTemplate };

struct EditPlan {
    EditOutcome outcome = EditOutcome::NotInTemplate;
    TemplateEdit edit;          // meaningful when outcome == Edited
};

// Plans `action` on the entry of `key` (canonical, case-insensitive) in `source`. A template that does
// not define the key gives NotInTemplate: a fix never adds entries or sections, only changes values.
EditPlan plan_template_edit(const SourceText& source, const FixAction& action, std::string_view key);

// `text` with the edit applied.
std::string apply_edit(std::string_view text, const TemplateEdit& edit);

}  // namespace gpolint::fix
