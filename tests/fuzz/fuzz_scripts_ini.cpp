// Fuzz target: arbitrary bytes -> decode -> scripts.ini / psscripts.ini reader -> settings.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "parse/scripts_ini.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto source = gpolint::decode_text(gpolint::intern_path("fuzz/scripts.ini"), bytes);
    gpolint::Diagnostics diagnostics;
    diagnostics.cap_per_file_and_rule();
    for (bool powershell : {false, true}) {
        auto settings = gpolint::parse::read_scripts_ini(source, powershell, false, diagnostics);
        // Every span lies inside the decoded text, and each setting needs at least "[x]\n0CmdLine=" around it.
        for (const auto& s : settings)
            if (s.location.offset + s.length > source.text().size()) __builtin_trap();
        if (settings.size() > source.text().size() / 2 + 1) __builtin_trap();
    }
    if (diagnostics.take().size() > 20 * gpolint::DiagnosticCap::kMaxPerFileAndRule) __builtin_trap();
    return 0;
}
