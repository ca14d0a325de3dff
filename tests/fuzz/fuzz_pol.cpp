// libFuzzer target for the registry.pol reader (replayed over corpus/pol/ in CTest).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/diagnostic.hpp"
#include "parse/pol_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    gpolint::Diagnostics diagnostics;
    diagnostics.cap_per_file_and_rule();
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    for (bool user_side : {false, true}) {
        auto settings = gpolint::parse::read_registry_pol(gpolint::intern_path("fuzz/registry.pol"), bytes, user_side,
                                                          diagnostics);
        // Every record is at least 26 bytes ("[" K\0 ";" \0\0 ";" type ";" size ";" "]"), after an 8-byte header.
        if (size < 8 ? !settings.empty() : settings.size() > (size - 8) / 26) __builtin_trap();
    }
    // Both sides read the same path: at most the cap per rule, and the few rules the reader reports.
    if (diagnostics.take().size() > 10 * gpolint::DiagnosticCap::kMaxPerFileAndRule) __builtin_trap();
    return 0;
}
