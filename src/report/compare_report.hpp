#pragma once
// Output of `gpolint compare`: the comparison of two GPO sets and the settings matrix, as text, JSON,
// CSV and a self-contained HTML view (the same page machinery as the audit report).
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "compare/compare.hpp"

namespace gpolint::report {

struct CompareLabels {
    std::string left, right;  // what each side is (the paths given)
};

void write_comparison_text(std::ostream& out, const compare::Comparison& comparison, const CompareLabels& labels);
void write_comparison_json(std::ostream& out, const compare::Comparison& comparison, const CompareLabels& labels);
void write_comparison_csv(std::ostream& out, const compare::Comparison& comparison);
void write_comparison_html(std::ostream& out, const compare::Comparison& comparison, const CompareLabels& labels);

void write_matrix_csv(std::ostream& out, const compare::Matrix& matrix);
void write_matrix_html(std::ostream& out, const compare::Matrix& matrix, const std::string& label);

// One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; text a spreadsheet would
// run as a formula (=, +, -, @ and not a number) gets a leading apostrophe.
std::string csv_field(std::string_view text);

}  // namespace gpolint::report
