#pragma once
// Helpers for the topology tests: read text as a named source, print diagnostics compactly.
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "model/topology.hpp"
#include "parse/topology_reader.hpp"

namespace gpolint::testing {

inline SourceText source_of(std::string_view text, std::string_view name = "t.ldf") {
    return decode_text(intern_path(name), text);
}

inline model::Topology read_ldif_text(std::string_view text, Diagnostics& diagnostics) {
    model::Topology topology;
    parse::read_ldif(source_of(text), topology, diagnostics);
    return topology;
}

inline model::Topology read_ldif_file(const std::string& path, Diagnostics& diagnostics) {
    std::string error;
    auto bytes = read_file_bytes(path, error);
    INFO(path, ": ", error);
    REQUIRE(bytes.has_value());
    model::Topology topology;
    parse::read_ldif(decode_text(intern_path(path), *bytes), topology, diagnostics);
    return topology;
}

inline model::Topology read_topology_text(std::string_view text, Diagnostics& diagnostics) {
    model::Topology topology;
    parse::read_topology_file(source_of(text, "t.topology"), topology, diagnostics);
    return topology;
}

// "line:col severity message" per diagnostic at or above `at_least`, in file order.
inline std::string diagnostics_text(const Diagnostics& diagnostics, Severity at_least = Severity::Note) {
    auto all = diagnostics.all();
    sort_diagnostics(all);
    std::string out;
    for (const auto& d : all) {
        if (d.severity < at_least) continue;
        out += std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + " " +
               to_string(d.severity) + " " + d.message + "\n";
    }
    return out;
}

}  // namespace gpolint::testing
