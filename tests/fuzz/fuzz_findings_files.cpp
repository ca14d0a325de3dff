// Fuzzes gpolint's own input files: the .gpolint config, the suppression file, inline `; gpolint:`
// comments and the baseline JSON. Each must turn any bytes into diagnostics, never a crash or a hang.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/printable.hpp"
#include "core/source.hpp"
#include "findings/baseline.hpp"
#include "findings/config.hpp"
#include "findings/suppressions.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto source = gpolint::decode_text(gpolint::intern_path("fuzz/.gpolint"), bytes);
    std::vector<gpolint::Diagnostic> diagnostics;
    gpolint::findings::parse_config(source, diagnostics);
    gpolint::findings::parse_suppression_file(source, diagnostics);
    gpolint::findings::scan_inline_suppressions(source, diagnostics);
    // Each reader caps its diagnostics per rule (a few rules, three readers).
    if (diagnostics.size() > 30 * gpolint::DiagnosticCap::kMaxPerFileAndRule) __builtin_trap();
    for (const auto& d : diagnostics)
        if (gpolint::needs_escaping(gpolint::escape_controls(d.message))) __builtin_trap();
    std::string error;
    gpolint::findings::read_baseline(bytes, error);
    return 0;
}
