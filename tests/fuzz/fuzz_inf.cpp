// Fuzz target: arbitrary bytes -> decode -> security template parser -> settings.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/diagnostic.hpp"
#include "core/printable.hpp"
#include "core/source.hpp"
#include "parse/inf_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto source = gpolint::decode_text(gpolint::intern_path("fuzz.inf"), bytes);
    gpolint::Diagnostics diagnostics;
    diagnostics.cap_per_file_and_rule();
    auto tmpl = gpolint::parse::read_security_template(source, diagnostics);
    auto settings = gpolint::parse::template_settings(tmpl);
    // Every span must lie inside the decoded text.
    for (const auto& s : settings)
        if (s.location.offset + s.length > source.text().size()) __builtin_trap();
    // What reaches a terminal is escaped; the cap bounds the diagnostics of one file.
    auto all = diagnostics.take();
    if (all.size() > 20 * gpolint::DiagnosticCap::kMaxPerFileAndRule) __builtin_trap();
    for (const auto& d : all)
        if (gpolint::needs_escaping(gpolint::escape_controls(d.message))) __builtin_trap();
    return 0;
}
