#include "parse/discovery.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

#include <sys/stat.h>

#include "core/parallel.hpp"
#include "core/source.hpp"
#include "model/setting.hpp"
#include "parse/manifest_xml.hpp"
#include "parse/topology_reader.hpp"
#include "parse/xml_document.hpp"

namespace gpolint::parse {

namespace {

namespace fs = std::filesystem;
using model::iequals;

constexpr int kMaxDepth = 64;  // deeper folder trees are not GPO exports; stops symlink-free loops too

struct Entry {
    fs::path path;
    std::string name;
    bool is_dir = false;
};

std::string extension_of(const std::string& name) {
    auto dot = name.rfind('.');
    return dot == std::string::npos ? std::string{} : model::fold_case(name.substr(dot));
}

// macOS archives carry Finder metadata beside every file: a __MACOSX/ folder of AppleDouble files
// named "._<name>" (bytes 00 05 16 07 "Mac OS X"). They hold no policy, whatever their name says.
bool is_macos_resource_fork(const std::string& name, bool is_dir) {
    return is_dir ? name == "__MACOSX" : name.starts_with("._");
}

// secedit /export writes a security template under any name (secpol.cfg, *.txt): it is known by its
// first section, [Unicode] or [Version] (MS-GPSB §2.2), in UTF-16LE or 8-bit text.
bool looks_like_security_template(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    char head[256];
    in.read(head, sizeof head);
    std::string bytes(head, static_cast<size_t>(in.gcount()));
    if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF && static_cast<unsigned char>(bytes[1]) == 0xFE) {
        std::string narrow;  // ASCII is all the section names need
        for (size_t i = 2; i + 1 < bytes.size(); i += 2) narrow += bytes[i + 1] == 0 ? bytes[i] : '?';
        bytes = std::move(narrow);
    } else if (bytes.starts_with("\xEF\xBB\xBF")) {
        bytes.erase(0, 3);
    }
    std::string_view text(bytes);
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r' || text.front() == '\n'))
        text.remove_prefix(1);
    return model::iequals(text.substr(0, 9), "[Unicode]") || model::iequals(text.substr(0, 9), "[Version]");
}

// Directory listings, each read from disk once, and case-insensitive lookups in them. Not shared
// between threads: every GPO-tree expansion has its own.
class FolderCache {
public:
    const std::vector<Entry>* list(const fs::path& dir) {
        auto key = dir.string();
        auto cached = listings_.find(key);
        if (cached == listings_.end()) cached = listings_.emplace(std::move(key), read_listing(dir)).first;
        return cached->second ? &*cached->second : nullptr;
    }

    // Reads the listings of many folders on the thread pool (a forest root holds thousands of backup
    // folders); later list() calls find them here.
    // `beside` runs on the pool too, first, while the other threads list.
    void prefetch(const std::vector<const Entry*>& dirs, unsigned threads, const std::function<void()>& beside) {
        std::vector<std::optional<std::vector<Entry>>> read(dirs.size());
        parallel_for(dirs.size() + 1, threads, [&](size_t i, unsigned) {
            if (i == 0) beside();
            else read[i - 1] = read_listing(dirs[i - 1]->path);
        });
        for (size_t i = 0; i < dirs.size(); ++i) listings_.emplace(dirs[i]->path.string(), std::move(read[i]));
    }

    // Drops the listings of `dir` and of the folders below it (not of a sibling whose name merely
    // starts with dir's).
    void forget_under(const fs::path& dir) {
        const std::string self = dir.string();
        listings_.erase(self);
        const std::string below = self.ends_with('/') ? self : self + '/';
        auto it = listings_.lower_bound(below);
        while (it != listings_.end() && it->first.compare(0, below.size(), below) == 0) it = listings_.erase(it);
    }

    static const Entry* find(const std::vector<Entry>& entries, std::string_view name, bool is_dir) {
        for (const auto& e : entries)
            if (e.is_dir == is_dir && iequals(e.name, name)) return &e;
        return nullptr;
    }

    // Resolves a relative path part by part, ignoring case ("microsoft/windows nt" = "Microsoft/Windows NT").
    // The spelling asked for is tried first with lstat(), which costs far less than listing the folder;
    // only a part that is missing (or a link) in that spelling is looked for in a listing. So an exact
    // spelling wins over other spellings of the same name, and links are never followed either way.
    std::optional<fs::path> resolve(const fs::path& base, std::initializer_list<std::string_view> parts, bool last_is_dir) {
        fs::path current = base;
        size_t index = 0;
        for (auto part : parts) {
            bool want_dir = ++index < parts.size() || last_is_dir;
            fs::path exact = current / part;
            if (has_type(exact, want_dir)) {
                current = std::move(exact);
                continue;
            }
            auto entries = list(current);
            if (!entries) return std::nullopt;
            const Entry* e = find(*entries, part, want_dir);
            if (!e) return std::nullopt;
            current = e->path;
        }
        return current;
    }

private:
    // Whether `path` itself (not a link to it) is a folder (want_dir) or a regular file; remembered.
    bool has_type(const fs::path& path, bool want_dir) {
        auto [it, inserted] = types_.emplace(path.string(), Type::Other);
        if (inserted) {
            struct stat info {};
            if (::lstat(path.c_str(), &info) == 0)
                it->second = S_ISDIR(info.st_mode) ? Type::Dir : S_ISREG(info.st_mode) ? Type::File : Type::Other;
        }
        return it->second == (want_dir ? Type::Dir : Type::File);
    }

    static std::optional<std::vector<Entry>> read_listing(const fs::path& dir) {
        std::error_code ec;
        fs::directory_iterator it(dir, ec);
        if (ec) return std::nullopt;
        std::vector<Entry> entries;
        for (; it != fs::directory_iterator(); it.increment(ec)) {
            if (ec) break;
            std::error_code type_ec;
            if (it->is_symlink(type_ec)) continue;  // never follow links: no loops, no escaping the tree
            bool is_dir = it->is_directory(type_ec);
            if (!is_dir && !it->is_regular_file(type_ec)) continue;
            entries.push_back({it->path(), it->path().filename().string(), is_dir});
        }
        std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
        return entries;
    }

    enum class Type : uint8_t { Dir, File, Other };
    std::map<std::string, std::optional<std::vector<Entry>>> listings_;
    std::unordered_map<std::string, Type> types_;
};

// The Machine/ and User/ halves of a GPO (SYSVOL layout, also DomainSysvol/GPO in a backup): the
// deepest part of the walk, so it runs on the thread pool, one GPO at a time.
void add_gpo_tree(GpoJob& job, const fs::path& root, FolderCache& folders) {
    auto add = [&](std::optional<fs::path> path, FileRole role) {
        if (path) job.files.push_back({path->string(), role});
    };
    add(folders.resolve(root, {"Machine", "microsoft", "windows nt", "SecEdit", "GptTmpl.inf"}, false), FileRole::Template);
    add(folders.resolve(root, {"Machine", "registry.pol"}, false), FileRole::MachinePol);
    add(folders.resolve(root, {"User", "registry.pol"}, false), FileRole::UserPol);
    add(folders.resolve(root, {"Machine", "microsoft", "windows nt", "Audit", "audit.csv"}, false), FileRole::AuditCsv);
    // Preferences/<Kind>/<Kind>.xml; every .xml one level down counts (kinds vary: Registry, Groups, …).
    auto add_preferences = [&](std::optional<fs::path> preferences, FileRole role) {
        if (!preferences) return;
        auto kinds = folders.list(*preferences);
        if (!kinds) return;
        for (const auto& kind : *kinds) {
            if (!kind.is_dir) continue;
            auto files = folders.list(kind.path);
            if (!files) continue;
            for (const auto& f : *files)
                if (!f.is_dir && extension_of(f.name) == ".xml" && !is_macos_resource_fork(f.name, false))
                    job.files.push_back({f.path.string(), role});
        }
    };
    add_preferences(folders.resolve(root, {"Machine", "Preferences"}, true), FileRole::MachinePreferences);
    add_preferences(folders.resolve(root, {"User", "Preferences"}, true), FileRole::UserPreferences);
    add(folders.resolve(root, {"Machine", "Scripts", "scripts.ini"}, false), FileRole::MachineScripts);
    add(folders.resolve(root, {"User", "Scripts", "scripts.ini"}, false), FileRole::UserScripts);
    add(folders.resolve(root, {"Machine", "Scripts", "psscripts.ini"}, false), FileRole::MachinePsScripts);
    add(folders.resolve(root, {"User", "Scripts", "psscripts.ini"}, false), FileRole::UserPsScripts);
    std::stable_sort(job.files.begin(), job.files.end(), [](const DiscoveredFile& a, const DiscoveredFile& b) {
        return std::tie(a.role, a.path) < std::tie(b.role, b.path);
    });
}

class Walker {
public:
    Walker(Diagnostics& diagnostics, const PathFilter& filter) : diagnostics_(diagnostics), filter_(filter) {}

    Discovery run(const std::vector<std::string>& paths, unsigned threads) {
        threads_ = threads;
        for (const auto& path : paths) visit_path(path);
        expand_trees(threads);
        if (resource_forks_ > 0)
            diagnostics_.note("GPL008", Location{intern_path(first_resource_fork_), 0, 0, 0},
                              "skipped " + std::to_string(resource_forks_) +
                                  " macOS resource-fork entries (__MACOSX/ folders, '._' AppleDouble files): "
                                  "Finder metadata from an archive made on a Mac, no policy");
        std::sort(result_.gpos.begin(), result_.gpos.end(),
                  [](const GpoJob& a, const GpoJob& b) { return a.source < b.source; });
        return std::move(result_);
    }

private:
    void visit_path(const std::string& path) {
        std::error_code ec;
        auto status = fs::status(path, ec);
        if (ec || !fs::exists(status)) {
            unreadable(path, ec ? ec.message() : "no such file or directory");
            return;
        }
        if (fs::is_directory(status)) {
            root_ = fs::path(path);
            if (!visit_directory(fs::path(path), 0)) unreadable(path, "cannot list directory");
        } else {
            visit_given_file(fs::path(path));
        }
    }

    void unreadable(const std::string& path, const std::string& why) {
        result_.unreadable_paths.push_back(path);
        diagnostics_.error("GPL001", Location{intern_path(path), 0, 0, 0}, "cannot read '" + path + "': " + why);
    }

    // Identity by device and inode: as exact as a canonical path, at one stat() instead of a
    // readlink() per path part.
    bool first_visit(const fs::path& path) {
        struct stat info {};
        if (::stat(path.c_str(), &info) != 0) return visited_paths_.insert(path.string()).second;
        return visited_.insert({info.st_dev, info.st_ino}).second;
    }

    const std::vector<Entry>* list(const fs::path& dir) { return folders_.list(dir); }
    static const Entry* find(const std::vector<Entry>& entries, std::string_view name, bool is_dir) {
        return FolderCache::find(entries, name, is_dir);
    }

    bool visit_directory(const fs::path& dir, int depth) {
        if (depth > kMaxDepth || !first_visit(dir)) return true;
        auto entries = list(dir);
        if (!entries) return false;
        if (depth > 0 && find(*entries, "CMakeCache.txt", false)) return true;  // a build folder: its output, not input
        if (find(*entries, "Backup.xml", false) || find(*entries, "bkupInfo.xml", false)) {
            add_backup(dir, *entries);
            return true;
        }
        if (find(*entries, "GPT.INI", false) || has_gpo_half(*entries, "Machine") || has_gpo_half(*entries, "User")) {
            add_sysvol_gpo(dir, *entries);
            return true;
        }
        // manifest.xml (megabytes in a large export) is parsed while the subfolders are listed.
        const Entry* manifest = find(*entries, "manifest.xml", false);
        ManifestRead read;
        prefetch_subfolders(*entries, [&] {
            if (manifest) read_manifest(manifest->path, read);
        });
        if (manifest) check_manifest(manifest->path, read, *entries);
        for (const auto& e : *entries) {
            if (is_macos_resource_fork(e.name, e.is_dir)) {
                if (resource_forks_++ == 0) first_resource_fork_ = e.path.string();
                continue;
            }
            if ((e.is_dir && PathFilter::hidden_folder(e.name)) || (!filter_.empty() && filter_.excluded(e.path, e.name, root_)))
                continue;
            if (e.is_dir) {
                if (!visit_directory(e.path, depth + 1))
                    diagnostics_.error("GPL001", Location{intern_path(e.path.string()), 0, 0, 0},
                                       "cannot list directory '" + e.path.string() + "'");
            } else if (!iequals(e.name, "manifest.xml")) {
                visit_loose_file(e.path, false);
            }
        }
        return true;
    }

    // A folder of many folders (a backup set, a SYSVOL Policies folder) has them listed side by side.
    void prefetch_subfolders(const std::vector<Entry>& entries, const std::function<void()>& beside) {
        constexpr size_t kWorthIt = 64;
        std::vector<const Entry*> dirs;
        for (const auto& e : entries)
            if (e.is_dir) dirs.push_back(&e);
        if (dirs.size() >= kWorthIt) folders_.prefetch(dirs, threads_, beside);
        else beside();
    }

    // A Machine/ or User/ folder is a GPO half only if it holds what a GPO half holds: exports often
    // sort backups into Computer/ and User/ folders, which must not turn the parent into a GPO.
    bool has_gpo_half(const std::vector<Entry>& entries, std::string_view half) {
        const Entry* dir = find(entries, half, true);
        if (!dir) return false;
        auto inner = list(dir->path);
        if (!inner) return false;
        return find(*inner, "registry.pol", false) || find(*inner, "comment.cmtx", false) ||
               find(*inner, "Preferences", true) || find(*inner, "microsoft", true) || find(*inner, "Scripts", true) ||
               find(*inner, "Applications", true);
    }

    // The GPO's own folder is listed here; its Machine/ and User/ trees are expanded later, in parallel.
    void add_backup(const fs::path& dir, const std::vector<Entry>& entries) {
        GpoJob job{dir.string(), GpoLayout::Backup, {}};
        add_if(job, entries, "Backup.xml", FileRole::BackupXml);
        add_if(job, entries, "bkupInfo.xml", FileRole::BkupInfoXml);
        add_if(job, entries, "gpreport.xml", FileRole::GpReportXml);
        if (const Entry* sysvol = find(entries, "DomainSysvol", true)) trees_.push_back({result_.gpos.size(), sysvol->path, true});
        result_.gpos.push_back(std::move(job));
        folders_.forget_under(dir);
    }

    void add_sysvol_gpo(const fs::path& dir, const std::vector<Entry>& entries) {
        GpoJob job{dir.string(), GpoLayout::Sysvol, {}};
        add_if(job, entries, "GPT.INI", FileRole::GptIni);
        trees_.push_back({result_.gpos.size(), dir, false});
        result_.gpos.push_back(std::move(job));
        folders_.forget_under(dir);
    }

    static void add_if(GpoJob& job, const std::vector<Entry>& entries, std::string_view name, FileRole role) {
        if (const Entry* e = find(entries, name, false)) job.files.push_back({e->path.string(), role});
    }

    void expand_trees(unsigned threads) {
        parallel_for(trees_.size(), threads, [&](size_t i, unsigned) {
            const PendingTree& tree = trees_[i];
            FolderCache folders;
            std::optional<fs::path> root = tree.root;
            if (tree.is_backup) root = folders.resolve(tree.root, {"GPO"}, true);  // DomainSysvol/GPO
            if (root) add_gpo_tree(result_.gpos[tree.job], *root, folders);
        });
    }

    void push(GpoJob job) { result_.gpos.push_back(std::move(job)); }

    void visit_given_file(const fs::path& file) {
        std::string name = file.filename().string();
        // A GPO's own files name their GPO: read the whole folder rather than one file of it.
        if (iequals(name, "Backup.xml") || iequals(name, "bkupInfo.xml") || iequals(name, "gpreport.xml") ||
            iequals(name, "GPT.INI") || iequals(name, "manifest.xml")) {
            fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
            if (!visit_directory(dir, 0)) unreadable(file.string(), "cannot list its directory");
            return;
        }
        // Named on the command line, so not filtered like a folder's entries: a FIFO, a device or a
        // file that cannot be opened is an unreadable PATH (exit 2), not a parse error.
        std::string error;
        if (!probe_input_file(file.string(), error)) {
            unreadable(file.string(), error);
            return;
        }
        visit_loose_file(file, true);
    }

    // A file outside any GPO folder becomes a pseudo-GPO of its own (or a topology input).
    void visit_loose_file(const fs::path& file, bool given) {
        if (!first_visit(file)) return;
        std::string name = file.filename().string();
        std::string ext = extension_of(name);
        auto loose = [&](FileRole role) { push(GpoJob{file.string(), GpoLayout::Loose, {{file.string(), role}}}); };
        if (ext == ".inf") loose(FileRole::Template);
        else if (ext == ".pol") loose(iequals(file.parent_path().filename().string(), "User") ? FileRole::UserPol
                                                                                            : FileRole::MachinePol);
        else if (ext == ".csv") loose(FileRole::AuditCsv);
        else if (ext == ".xml") loose(FileRole::LooseXml);
        else if (ext == ".ldf" || ext == ".ldif" || ext == ".topology") result_.topology.push_back({file.string(), std::nullopt});
        else if (looks_like_security_template(file)) loose(FileRole::Template);
        else if (given) sniff_topology(file);
    }

    // Only for files named on the command line: an LDIF export may be called anything.
    void sniff_topology(const fs::path& file) {
        std::string error;
        auto bytes = read_file_bytes(file.string(), error);
        if (!bytes) {
            unreadable(file.string(), error);
            return;
        }
        auto text = decode_text(intern_path(file.string()), *bytes);
        if (looks_like_ldif(text.text()) || looks_like_topology_file(text.text())) {
            result_.topology.push_back({file.string(), std::move(*bytes)});
        } else {
            result_.files_read.push_back(file.string());
            diagnostics_.note("GPL014", Location{text.path(), 0, 0, 0},
                              "'" + file.string() + "' is not a Group Policy file gpolint knows; ignored");
        }
    }

    // What reading manifest.xml gave, without touching the walker's state (it runs on the pool).
    struct ManifestRead {
        std::vector<BackupInstance> listed;
        std::unique_ptr<XmlFile> xml;
        Diagnostics diagnostics;
    };

    static void read_manifest(const fs::path& manifest, ManifestRead& read) {
        std::string error;
        PathRef path = intern_path(manifest.string());
        auto bytes = read_file_bytes(manifest.string(), error);
        if (!bytes) {
            read.diagnostics.error("GPL001", Location{path, 0, 0, 0}, "cannot read manifest.xml: " + error);
            return;
        }
        read.xml = load_xml(path, *bytes, read.diagnostics);
        if (read.xml) read.listed = read_manifest_xml(*read.xml, read.diagnostics);
    }

    // manifest.xml is an index GPMC writes once and nobody updates: the folders on disk are the truth.
    void check_manifest(const fs::path& manifest, ManifestRead& read, const std::vector<Entry>& entries) {
        result_.files_read.push_back(manifest.string());
        for (auto& d : read.diagnostics.take()) diagnostics_.add(std::move(d));
        if (!read.xml) return;
        // Backup folders beside manifest.xml, and one level further down (a manifest copied one folder
        // above its backups still describes them).
        auto is_backup = [&](const Entry& e) {
            auto inner = list(e.path);
            return inner && (find(*inner, "Backup.xml", false) || find(*inner, "bkupInfo.xml", false));
        };
        std::set<std::string> beside, below;
        for (const auto& e : entries) {
            if (!e.is_dir) continue;
            if (is_backup(e)) {
                beside.insert(model::fold_case(e.name));
                continue;
            }
            if (auto inner = list(e.path))
                for (const auto& deeper : *inner)
                    if (deeper.is_dir && is_backup(deeper)) below.insert(model::fold_case(deeper.name));
        }
        // One finding per manifest, its details in notes: a stale manifest is one problem, not one per backup.
        Diagnostic d;
        d.rule_id = "GPL006";
        d.severity = Severity::Note;
        d.location = read.xml->location_of(read.xml->root());
        std::set<std::string> in_manifest;
        size_t missing = 0, unlisted = 0;
        for (const auto& instance : read.listed) {
            auto id = model::fold_case(instance.backup_id);
            in_manifest.insert(id);
            if (beside.count(id) || below.count(id)) continue;
            ++missing;
            d.notes.push_back({"lists backup " + instance.backup_id + " ('" + instance.display_name + "'), which is not on disk",
                               instance.location});
        }
        for (const auto& e : entries)
            if (e.is_dir && beside.count(model::fold_case(e.name)) && !in_manifest.count(model::fold_case(e.name))) {
                ++unlisted;
                d.notes.push_back({"backup folder " + e.name + " is not in it", std::nullopt});
            }
        if (missing + unlisted == 0) return;
        d.message = "manifest.xml is stale: " + std::to_string(missing) + " listed backup(s) not on disk, " +
                    std::to_string(unlisted) + " backup folder(s) beside it not listed";
        diagnostics_.add(std::move(d));
    }

    struct PendingTree {
        size_t job;       // index into result_.gpos
        fs::path root;    // the SYSVOL GPO folder, or a backup's DomainSysvol folder
        bool is_backup;
    };

    Diagnostics& diagnostics_;
    const PathFilter& filter_;
    fs::path root_;  // the PATH being walked, for excludes relative to it
    unsigned threads_ = 0;
    Discovery result_;
    FolderCache folders_;
    std::vector<PendingTree> trees_;
    std::set<std::pair<dev_t, ino_t>> visited_;
    std::set<std::string> visited_paths_;  // what stat() could not identify
    size_t resource_forks_ = 0;            // macOS metadata entries skipped, reported once
    std::string first_resource_fork_;
};

}  // namespace

Discovery discover(const std::vector<std::string>& paths, Diagnostics& diagnostics, unsigned threads,
                   const PathFilter& filter) {
    return Walker(diagnostics, filter).run(paths, threads);
}

}  // namespace gpolint::parse
