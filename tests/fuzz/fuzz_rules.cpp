// Fuzz target for the rule-language parser: any bytes must give rules or file:line:col errors, never a
// crash or a hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/source.hpp"
#include "rules/rule.hpp"
#include "rules/rule_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    gpolint::Diagnostics diagnostics;
    auto source = gpolint::decode_text(gpolint::intern_path("fuzz.rules"),
                                       std::string_view(reinterpret_cast<const char*>(data), size));
    for (const auto& rule : gpolint::rules::parse_rules(source, diagnostics)) (void)gpolint::rules::instantiate(rule);
    return 0;
}
