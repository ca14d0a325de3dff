// Arbitrary bytes through every topology reader: LDIF, the topology file, a gPLink value, the LinksTo
// fallback and finish_topology. Nothing may crash, hang or throw.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/printable.hpp"
#include "core/source.hpp"
#include "parse/gplink_value.hpp"
#include "parse/topology_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace gpolint;
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto source = decode_text(intern_path("fuzz"), bytes);
    (void)parse::looks_like_ldif(source.text());
    (void)parse::looks_like_topology_file(source.text());
    (void)parse::parse_gplink(bytes);

    Diagnostics diagnostics;
    diagnostics.cap_per_file_and_rule();
    model::Topology topology;
    parse::read_ldif(source, topology, diagnostics);
    parse::read_topology_file(source, topology, diagnostics);

    std::vector<model::Gpo> gpos(1);
    gpos[0].guid = "{AAAAAAAA-0000-4000-8000-000000000001}";
    gpos[0].name = std::string(bytes.substr(0, 16));
    gpos[0].reported_links.push_back({"x", std::string(bytes.substr(0, 64)), true, false, {}});
    parse::topology_from_reports(gpos, topology, diagnostics);
    parse::finish_topology(topology, gpos, {{std::string(bytes.substr(0, 32)), "hyperv"}}, diagnostics);
    for (const auto& d : diagnostics.take()) {
        if (needs_escaping(escape_controls(d.message))) __builtin_trap();
        // The indexed column lookup agrees with counting characters from the start of the line.
        if (d.location.file == source.path() && !d.location.is_binary() && d.location.offset <= source.text().size()) {
            auto again = source.location_of(d.location.offset);
            size_t start = static_cast<size_t>(source.line(again.line).data() - source.text().data());
            uint32_t column = 1;
            for (size_t i = start; i < d.location.offset; ++i)
                if ((static_cast<unsigned char>(source.text()[i]) & 0xC0) != 0x80) ++column;
            if (again.column != column) __builtin_trap();
        }
    }
    return 0;
}
