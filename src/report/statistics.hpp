#pragma once
// `check --statistics`: how many findings each rule has, most first, instead of the findings.
#include <iosfwd>

#include "report/reporter.hpp"

namespace gpolint::report {

// "  12  GPL201  warning  nolmhash-weak-lmcompat" per rule with findings, then "  14  total".
void write_statistics(std::ostream& out, const ReportData& data);

}  // namespace gpolint::report
