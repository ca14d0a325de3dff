#pragma once
// A diagnostic is what every stage reports: parse errors (GPL001…) as well as rule findings. It reads
// like a compiler's: one primary location, then notes for the other places involved.
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/location.hpp"

namespace gpolint {

enum class Severity { Note = 0, Warning = 1, Error = 2 };
const char* to_string(Severity severity);
std::optional<Severity> parse_severity(std::string_view text);

struct Note {
    std::string message;
    std::optional<Location> location;
};

struct GpoRef {
    std::string guid;  // "{…}" upper-case, may be empty for a loose template
    std::string name;
};

struct Diagnostic {
    std::string rule_id;  // "GPL001"
    Severity severity = Severity::Error;
    std::string message;
    Location location;
    std::vector<Note> notes;
    std::optional<GpoRef> gpo;
    std::optional<std::string> som;      // DN when the finding is about the effective policy of a SOM
    std::optional<std::string> setting;  // canonical SettingKey text
    std::string fix;                     // the rule's fix with this finding's GPOs filled in; may be empty
};

// Keeps at most kMaxPerFileAndRule diagnostics of one rule about one file and counts the rest, so that
// a file of a million bad lines costs bounded memory and output. Every reader of input files goes
// through one (a capped Diagnostics, or a consumer's own cap); what was left out is reported once per
// file and rule, as a note. Not thread-safe by itself.
class DiagnosticCap {
public:
    static constexpr size_t kMaxPerFileAndRule = 100;

    // True when `diagnostic` is to be kept; otherwise it is only counted.
    bool admit(const Diagnostic& diagnostic);
    // One note per file and rule that went over the cap ("N more GPLnnn diagnostics in this file not
    // shown"); the counts start again.
    std::vector<Diagnostic> take_summaries();

private:
    struct Count {
        Location first;
        size_t seen = 0;
    };
    std::map<std::pair<const std::string*, std::string>, Count> counts_;  // by interned path, rule ID
};

// `diagnostic` into `out` if `cap` admits it.
void add_capped(std::vector<Diagnostic>& out, DiagnosticCap& cap, Diagnostic diagnostic);

// Collects diagnostics from every stage; safe to share between parser threads.
class Diagnostics {
public:
    // Diagnostics about input files: capped per file and rule by a DiagnosticCap, whose summaries
    // take() appends. (Rule findings are never capped: each is a real problem to see.)
    void cap_per_file_and_rule() { cap_.emplace(); }

    void add(Diagnostic diagnostic);
    void error(std::string rule_id, Location location, std::string message);
    void warning(std::string rule_id, Location location, std::string message);
    void note(std::string rule_id, Location location, std::string message);
    std::vector<Diagnostic> take();
    const std::vector<Diagnostic>& all() const { return items_; }
    size_t count(Severity at_least) const;

private:
    mutable std::mutex mutex_;
    std::vector<Diagnostic> items_;
    std::optional<DiagnosticCap> cap_;
};

// Deterministic order for output whatever the thread count: file, line, byte offset, rule, message.
bool diagnostic_order(const Diagnostic& a, const Diagnostic& b);
// Stable; a big vector is sorted in two halves on two threads when `threads` (--jobs; 0 = one per
// core) allows it.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics, unsigned threads = 0);


}  // namespace gpolint
