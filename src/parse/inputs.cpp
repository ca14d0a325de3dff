// Loading: discovery first, then one job per GPO on a thread pool while another thread reads the
// topology. Every job writes to its own Diagnostics, merged in job order, so the output does not
// depend on the thread count.
#include "parse/inputs.hpp"

#include <algorithm>
#include <cctype>
#include <exception>
#include <filesystem>
#include <map>
#include <optional>
#include <thread>

#include "core/parallel.hpp"
#include "core/phase_timer.hpp"
#include "core/source.hpp"
#include "parse/audit_csv.hpp"
#include "parse/backup_xml.hpp"
#include "parse/discovery.hpp"
#include "parse/gpreport.hpp"
#include "parse/gpt_ini.hpp"
#include "parse/inf_reader.hpp"
#include "parse/pol_reader.hpp"
#include "parse/preferences.hpp"
#include "parse/scripts_ini.hpp"
#include "parse/topology_reader.hpp"
#include "parse/xml_document.hpp"

namespace gpolint::parse {

namespace {

using model::Gpo;

void append(std::vector<model::Setting>& to, std::vector<model::Setting> from) {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

// "{6AC1786C-016F-11D2-945F-00C04fB984F9}" -> upper-case GUID; empty when the name is not a GUID.
std::string guid_from_folder_name(const std::string& name) {
    if (name.size() != 38 || name.front() != '{' || name.back() != '}') return {};
    for (size_t i = 1; i + 1 < name.size(); ++i) {
        char c = name[i];
        bool dash = i == 9 || i == 14 || i == 19 || i == 24;
        if (dash ? c != '-' : !std::isxdigit(static_cast<unsigned char>(c))) return {};
    }
    return normalize_guid(name);
}

// A loose Preferences file copied out of a GPO keeps its User\ half if its path says so.
bool under_user_folder(const std::string& path) {
    for (const auto& part : std::filesystem::path(path).parent_path())
        if (model::iequals(part.string(), "User")) return true;
    return false;
}

// What every GPO job needs to know about the whole load to decide whether gpreport.xml is worth reading.
struct ReportPolicy {
    bool always = false;          // LoadOptions::read_reports
    bool topology_given = false;  // links come from an LDIF/topology file, not from gpreport <LinksTo>
};

struct LoadedGpo {
    Gpo gpo;
    Diagnostics diagnostics;
    std::vector<std::pair<PathRef, bool>> directives_sniffed;  // text files: may they hold a directive
    bool keep = true;  // false for a loose .xml that turned out not to be a Group Policy file
};

class GpoLoader {
public:
    GpoLoader(const GpoJob& job, ReportPolicy report_policy, LoadedGpo& out)
        : job_(job), report_policy_(report_policy), gpo_(out.gpo), diagnostics_(out.diagnostics), keep_(out.keep),
          sniffed_(out.directives_sniffed) {}

    void load() {
        gpo_.source = job_.source;
        for (const auto& file : job_.files) {
            // Files come sorted by role, so Backup.xml has been read by the time gpreport.xml is reached.
            if (file.role == FileRole::GpReportXml && !report_can_add_something() && !lists_packages(file.path)) continue;
            load_file(file);
        }
        if (report_) merge_report(*report_, gpo_, flags_known_);
        name_the_gpo();
    }

private:
    // gpreport.xml only repeats what a complete Backup.xml says, except its links, which are not used
    // when a topology file is given (and are still wanted by dump).
    bool report_can_add_something() const {
        bool backup_complete = !gpo_.guid.empty() && flags_known_ && gpo_.security_descriptor_known;
        return report_policy_.always || !report_policy_.topology_given || !backup_complete;
    }

    // The report is also the only place a backup names Software Installation packages; a byte search
    // (UTF-8 or UTF-16LE) keeps the skip above for the reports without any.
    static bool lists_packages(const std::string& path) {
        std::string error;
        auto bytes = read_file_bytes(path, error);
        if (!bytes) return false;  // skipped as before: nothing to report
        constexpr std::string_view utf8 = "MsiApplication";
        std::string utf16;
        for (char c : utf8) utf16.append({c, '\0'});
        return bytes->find(utf8) != std::string::npos || bytes->find(utf16) != std::string::npos;
    }

    void name_the_gpo() {
        std::filesystem::path source(job_.source);
        if (job_.layout == GpoLayout::Sysvol && gpo_.guid.empty()) gpo_.guid = guid_from_folder_name(source.filename().string());
        if (job_.layout == GpoLayout::Loose) {
            if (gpo_.name.empty()) gpo_.name = job_.source;
        } else if (gpo_.name.empty()) {
            gpo_.name = gpo_.guid.empty() ? job_.source : gpo_.guid;
        }
        if (gpo_.origin.file.empty()) gpo_.origin = Location{intern_path(job_.files.empty() ? job_.source : job_.files.front().path), 0, 0, 0};
    }

    std::optional<std::string> read(const std::string& path, PathRef ref) {
        std::string error;
        auto bytes = read_file_bytes(path, error);
        if (!bytes) diagnostics_.error("GPL001", Location{ref, 0, 0, 0}, "cannot read '" + path + "': " + error);
        return bytes;
    }

    void load_file(const DiscoveredFile& file) {
        PathRef ref = intern_path(file.path);
        auto bytes = read(file.path, ref);
        if (!bytes) return;
        gpo_.files.push_back(ref);
        const bool binary = file.role == FileRole::MachinePol || file.role == FileRole::UserPol;
        if (!binary) sniffed_.emplace_back(ref, may_mention_gpolint(*bytes));
        switch (file.role) {
            case FileRole::BackupXml:
                if (auto xml = load_xml(ref, *bytes, diagnostics_)) flags_known_ = read_backup_xml(*xml, gpo_, diagnostics_);
                break;
            case FileRole::BkupInfoXml:
                if (auto xml = load_xml(ref, *bytes, diagnostics_)) read_bkupinfo_xml(*xml, gpo_, diagnostics_);
                break;
            case FileRole::GpReportXml:
                if (auto xml = load_xml(ref, *bytes, diagnostics_)) report_ = read_gpreport_xml(*xml, diagnostics_);
                break;
            case FileRole::GptIni: read_gpt(decode_text(ref, *bytes)); break;
            case FileRole::Template:
                append(gpo_.settings, read_template_settings(decode_text(ref, *bytes), diagnostics_));
                break;
            case FileRole::MachinePol:
            case FileRole::UserPol:
                append(gpo_.settings, read_registry_pol(ref, *bytes, file.role == FileRole::UserPol, diagnostics_));
                break;
            case FileRole::AuditCsv: append(gpo_.settings, read_audit_csv(decode_text(ref, *bytes), diagnostics_)); break;
            case FileRole::MachinePreferences:
            case FileRole::UserPreferences:
                if (auto xml = load_xml(ref, *bytes, diagnostics_))
                    append(gpo_.settings, read_preferences_xml(*xml, file.role == FileRole::UserPreferences, diagnostics_));
                break;
            case FileRole::MachineScripts:
            case FileRole::UserScripts:
            case FileRole::MachinePsScripts:
            case FileRole::UserPsScripts:
                append(gpo_.settings,
                       read_scripts_ini(decode_text(ref, *bytes),
                                        file.role == FileRole::MachinePsScripts || file.role == FileRole::UserPsScripts,
                                        file.role == FileRole::UserScripts || file.role == FileRole::UserPsScripts, diagnostics_));
                break;
            case FileRole::LooseXml: read_loose_xml(ref, *bytes); break;
        }
    }

    void read_gpt(const SourceText& source) {
        auto ini = read_gpt_ini(source, diagnostics_);
        if (ini.version) {
            // GPT.INI Version: upper 16 bits user, lower 16 bits computer (FORMATS.md §4.4).
            gpo_.machine_version = *ini.version & 0xFFFFu;
            gpo_.user_version = *ini.version >> 16;
        }
        if (gpo_.name.empty()) gpo_.name = ini.display_name;
        if (gpo_.origin.file.empty()) gpo_.origin = Location{source.path(), 1, 1, 0};
    }

    // A lone .xml: its root element says which of the GPO files it is.
    void read_loose_xml(PathRef ref, const std::string& bytes) {
        auto xml = load_xml(ref, bytes, diagnostics_);
        if (!xml) return;
        auto root = local_name(xml->root());
        if (root == "GroupPolicyBackupScheme") {
            flags_known_ = read_backup_xml(*xml, gpo_, diagnostics_);
        } else if (root == "BackupInst") {
            read_bkupinfo_xml(*xml, gpo_, diagnostics_);
        } else if (root == "GPO") {
            report_ = read_gpreport_xml(*xml, diagnostics_);
        } else if (is_preferences_root(xml->root())) {
            append(gpo_.settings, read_preferences_xml(*xml, under_user_folder(job_.source), diagnostics_));
        } else {
            diagnostics_.note("GPL002", xml->location_of(xml->root()),
                              "XML root <" + std::string(root) + "> is not a Group Policy file; ignored");
            keep_ = false;
        }
    }

    const GpoJob& job_;
    ReportPolicy report_policy_;
    Gpo& gpo_;
    Diagnostics& diagnostics_;
    bool& keep_;
    std::vector<std::pair<PathRef, bool>>& sniffed_;
    std::optional<GpoReport> report_;
    bool flags_known_ = false;
};

void load_one(const GpoJob& job, ReportPolicy report_policy, LoadedGpo& out) {
    out.diagnostics.cap_per_file_and_rule();
    try {
        GpoLoader(job, report_policy, out).load();
    } catch (const std::exception& e) {
        // Bad input must never take the whole run down; say which GPO failed and go on.
        out.diagnostics.error("GPL001", Location{intern_path(job.source), 0, 0, 0},
                              std::string("internal error while reading this GPO: ") + e.what());
    }
}

std::vector<LoadedGpo> load_parallel(const std::vector<GpoJob>& jobs, ReportPolicy report_policy, unsigned threads) {
    std::vector<LoadedGpo> loaded(jobs.size());
    parallel_for(jobs.size(), threads, [&](size_t i, unsigned) { load_one(jobs[i], report_policy, loaded[i]); });
    return loaded;
}

// False when the file could not be read.
bool read_topology_input(const TopologyInput& input, model::Topology& topology, std::vector<PathRef>& files,
                         std::vector<std::pair<PathRef, bool>>& sniffed, Diagnostics& diagnostics) {
    const std::string& path = input.path;
    PathRef ref = intern_path(path);
    std::string error;
    auto bytes = input.bytes ? input.bytes : read_file_bytes(path, error);
    if (!bytes) {
        diagnostics.error("GPL001", Location{ref, 0, 0, 0}, "cannot read topology '" + path + "': " + error);
        return false;
    }
    files.push_back(ref);
    sniffed.emplace_back(ref, may_mention_gpolint(*bytes));
    auto source = decode_text(ref, *bytes);
    std::string lower = model::fold_case(path);
    bool named_ldif = lower.ends_with(".ldf") || lower.ends_with(".ldif");
    if (named_ldif || looks_like_ldif(source.text())) read_ldif(source, topology, diagnostics);
    else read_topology_file(source, topology, diagnostics);
    return true;
}

// `--topology forest/topology.ldf` over `forest/` names the file twice: read it once, or every SOM
// it declares would be "already declared".
std::vector<TopologyInput> distinct_topology_inputs(const std::vector<std::string>& given,
                                                    std::vector<TopologyInput> found) {
    std::vector<TopologyInput> inputs;
    for (const auto& path : given) inputs.push_back({path, std::nullopt});
    auto already_listed = [&](const std::string& path) {
        return std::any_of(inputs.begin(), inputs.end(), [&](const TopologyInput& input) {
            std::error_code error;
            return input.path == path || std::filesystem::equivalent(input.path, path, error);
        });
    };
    for (auto& input : found)
        if (!already_listed(input.path)) inputs.push_back(std::move(input));
    return inputs;
}

// Several backups of one GPO side by side (or the same export copied into two trees): both are kept,
// but a link names a GPO by GUID only, so say which copies compete.
void note_duplicate_guids(const std::vector<Gpo>& gpos, Diagnostics& diagnostics) {
    std::map<std::string, const Gpo*> first_by_guid;
    for (const auto& gpo : gpos) {
        if (gpo.guid.empty()) continue;
        auto [it, inserted] = first_by_guid.emplace(gpo.guid, &gpo);
        if (!inserted)
            diagnostics.note("GPL006", gpo.origin,
                             "GPO " + gpo.guid + " ('" + gpo.name + "') is also read from " + it->second->source +
                                 "; links name GPOs by GUID only, so both copies are used");
    }
}

}  // namespace

Inputs load_inputs(const std::vector<std::string>& paths, const LoadOptions& options, Diagnostics& diagnostics) {
    Inputs inputs;
    std::optional<PhaseTimer> phase(std::in_place, "discover");
    auto found = discover(paths, diagnostics, options.threads, PathFilter(options.exclude));
    phase.emplace("parse GPOs");
    inputs.unreadable_paths = found.unreadable_paths;
    for (const auto& path : found.files_read) inputs.files.push_back(intern_path(path));

    ReportPolicy report_policy{options.read_reports, !options.topology_files.empty() || !found.topology.empty()};
    // The LDIF needs nothing from the GPOs: it is read beside them, and its diagnostics and file come
    // after theirs, as when read afterwards.
    Diagnostics topology_diagnostics;
    topology_diagnostics.cap_per_file_and_rule();
    std::vector<std::string> unreadable_topology;  // named with --topology: an unreadable PATH too
    std::vector<PathRef> topology_files;
    std::vector<std::pair<PathRef, bool>> topology_sniffed;
    std::exception_ptr topology_error;
    auto read_topology = [&] {
        try {
            for (const auto& input : distinct_topology_inputs(options.topology_files, std::move(found.topology)))
                if (!read_topology_input(input, inputs.topology, topology_files, topology_sniffed, topology_diagnostics) &&
                    std::count(options.topology_files.begin(), options.topology_files.end(), input.path) > 0)
                    unreadable_topology.push_back(input.path);
        } catch (...) {
            topology_error = std::current_exception();
        }
    };
    std::vector<LoadedGpo> loaded_gpos;
    if (options.threads == 1) {  // --jobs 1 means one thread
        loaded_gpos = load_parallel(found.gpos, report_policy, 1);
        read_topology();
    } else {
        run_beside(read_topology, [&] { loaded_gpos = load_parallel(found.gpos, report_policy, options.threads); });
    }
    if (topology_error) std::rethrow_exception(topology_error);
    inputs.unreadable_paths.insert(inputs.unreadable_paths.end(), unreadable_topology.begin(), unreadable_topology.end());
    for (auto& loaded : loaded_gpos) {
        for (auto& d : loaded.diagnostics.take()) diagnostics.add(std::move(d));
        if (!loaded.keep) continue;
        inputs.files.insert(inputs.files.end(), loaded.gpo.files.begin(), loaded.gpo.files.end());
        for (const auto& [path, may] : loaded.directives_sniffed) inputs.may_have_directives[&path.str()] = may;
        inputs.gpos.push_back(std::move(loaded.gpo));
    }

    note_duplicate_guids(inputs.gpos, diagnostics);
    phase.emplace("topology");
    for (auto& d : topology_diagnostics.take()) diagnostics.add(std::move(d));
    inputs.files.insert(inputs.files.end(), topology_files.begin(), topology_files.end());
    for (const auto& [path, may] : topology_sniffed) inputs.may_have_directives[&path.str()] = may;
    if (inputs.topology.empty()) topology_from_reports(inputs.gpos, inputs.topology, diagnostics);
    finish_topology(inputs.topology, inputs.gpos, options.role_overrides, diagnostics);
    return inputs;
}

}  // namespace gpolint::parse
