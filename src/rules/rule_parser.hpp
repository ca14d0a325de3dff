#pragma once
// Reads one rule file (grammar/rules.hpp) into Rule records, checking the metadata of each record.
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "rules/rule.hpp"

namespace gpolint::rules {

// Syntax and metadata errors go to `diagnostics` as file:line:col errors (rule ID "GPL000"); the rules
// read before a syntax error are returned, a record with a metadata error is not.
std::vector<Rule> parse_rules(const SourceText& source, Diagnostics& diagnostics);

// Rule-file problems are not findings about Group Policy; they carry this ID.
inline constexpr const char* kRuleFileErrorId = "GPL000";

}  // namespace gpolint::rules
