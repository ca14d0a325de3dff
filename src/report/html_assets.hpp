#pragma once
// The stylesheet and script inlined into every HTML report, kept apart from the C++ that writes the
// markup. The script reads only the DOM (data-* attributes, textContent) and never builds markup from
// strings, so untrusted text cannot turn into elements.
#include <string_view>

namespace gpolint::report::html_assets {

extern const std::string_view kStyle;
extern const std::string_view kScript;

}  // namespace gpolint::report::html_assets
