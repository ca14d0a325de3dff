#pragma once
// Discovery and loading: from the PATHs the user gave to GPOs and a topology.
#include <string>
#include <unordered_map>
#include <vector>

#include "core/diagnostic.hpp"
#include "model/gpo.hpp"
#include "model/topology.hpp"

namespace gpolint::parse {

struct LoadOptions {
    std::vector<std::string> topology_files;          // --topology FILE (LDIF or topology file)
    std::vector<std::pair<std::string, std::string>> role_overrides;  // --role DN=ROLE
    unsigned threads = 0;                              // 0 = one per core
    std::vector<std::string> exclude;                  // --exclude GLOB and the config's `exclude` (PathFilter)
    // Read every backup's gpreport.xml (dump shows its links). Otherwise it is read only when it can
    // add something: it is most of a backup's bytes and parse time, and Backup.xml is authoritative.
    bool read_reports = false;
};

struct Inputs {
    std::vector<model::Gpo> gpos;       // deterministic order (by source path)
    model::Topology topology;           // empty when no topology was given or found
    std::vector<PathRef> files;         // every file read
    std::vector<std::string> unreadable_paths;  // PATHs that could not be read (GPL001; the CLI exits 2)
    // Every text file read, by interned path: whether its bytes may hold an inline directive
    // (may_mention_gpolint). The findings stage reads again only the files that may.
    std::unordered_map<const std::string*, bool> may_have_directives;
};

// Accepts files and folders in any mix: loose .inf/.pol/.xml/.csv, Backup-GPO folders, backup roots
// with manifest.xml, SYSVOL Policies copies, LDIF and topology files. Problems go to `diagnostics`
// (GPL001 for parse errors); an unreadable PATH is reported and the rest goes on.
Inputs load_inputs(const std::vector<std::string>& paths, const LoadOptions& options, Diagnostics& diagnostics);

}  // namespace gpolint::parse
