#pragma once
// Discovery: from the PATHs the user gave to a list of GPO jobs (files grouped by the GPO they belong
// to), before anything is parsed. Nothing here reads a GPO file except manifest.xml, whose only use
// is to be compared with what is on disk.
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "parse/path_filter.hpp"

namespace gpolint::parse {

// What a file is to its GPO. The order is the order files are read in, and so the order of settings
// in a GPO: template, registry.pol, audit.csv, Preferences (FORMATS.md §6.2: the Registry CSE runs
// first but the Security CSE's value is what stays — the resolver decides; we keep source kinds).
enum class FileRole {
    BackupXml, BkupInfoXml, GpReportXml, GptIni,
    Template, MachinePol, UserPol, AuditCsv, MachinePreferences, UserPreferences,
    MachineScripts, UserScripts, MachinePsScripts, UserPsScripts,  // Scripts\scripts.ini, Scripts\psscripts.ini
    LooseXml,  // a single .xml outside a GPO: its root element decides what it is
};

struct DiscoveredFile {
    std::string path;
    FileRole role;
};

enum class GpoLayout { Backup, Sysvol, Loose };

struct GpoJob {
    std::string source;  // backup folder, SYSVOL GPO folder, or the loose file
    GpoLayout layout = GpoLayout::Loose;
    std::vector<DiscoveredFile> files;  // sorted by role, then path
};

struct TopologyInput {
    std::string path;
    std::optional<std::string> bytes;  // set when discovery already read the file to recognise it
};

struct Discovery {
    std::vector<GpoJob> gpos;                 // sorted by source
    std::vector<TopologyInput> topology;      // .ldf/.ldif/.topology found or given, LDIF sniffed by content
    std::vector<std::string> unreadable_paths;
    std::vector<std::string> files_read;      // manifests and files sniffed but not recognised
};

// Walks every PATH (files or folders, any nesting), matching path parts case-insensitively.
// GPL001 error for a PATH that cannot be read; GPL006 notes where manifest.xml and disk disagree.
// The GPO folders' Machine/ and User/ trees are listed on `threads` threads (0 = one per core).
// Below each PATH, dot-folders, CMake build folders and what `filter` excludes are skipped.
Discovery discover(const std::vector<std::string>& paths, Diagnostics& diagnostics, unsigned threads = 0,
                   const PathFilter& filter = PathFilter());

}  // namespace gpolint::parse
