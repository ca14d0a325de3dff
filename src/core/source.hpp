#pragma once
// A text file read once and decoded to UTF-8, remembering how it was encoded so positions can be
// reported on the decoded text and a fix can write the same bytes back (issue: autofix).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/location.hpp"

namespace gpolint {

enum class Encoding { Utf8, Utf8Bom, Utf16LeBom, Utf16BeBom, Utf16LeNoBom, Windows1252 };
const char* to_string(Encoding encoding);

enum class LineEnding { None, CRLF, LF, CR, Mixed };
const char* to_string(LineEnding ending);

struct DecodeIssue {
    uint64_t byte_offset = 0;  // in the raw bytes
    std::string message;
    size_t text_offset = 0;    // where in the decoded text it shows (for a line:column)
};

class SourceText {
public:
    SourceText() = default;
    SourceText(PathRef path, std::string text, Encoding encoding, std::vector<DecodeIssue> issues);

    PathRef path() const { return path_; }
    const std::string& text() const { return text_; }  // UTF-8, original line endings kept
    Encoding encoding() const { return encoding_; }
    LineEnding line_ending() const { return line_ending_; }
    bool has_final_newline() const { return final_newline_; }
    const std::vector<DecodeIssue>& decode_issues() const { return issues_; }

    size_t line_count() const { return line_starts_.size(); }
    // 1-based line and column (in code points) of a byte offset into text().
    Location location_of(size_t offset) const;
    // Text of a 1-based line, without its line ending.
    std::string_view line(uint32_t number) const;

private:
    PathRef path_;
    std::string text_;
    Encoding encoding_ = Encoding::Utf8;
    LineEnding line_ending_ = LineEnding::None;
    bool final_newline_ = false;
    std::vector<DecodeIssue> issues_;
    std::vector<size_t> line_starts_;
    // Only for text with a line longer than kColumnBlock * 2: code points before each kColumnBlock-byte
    // block, so that a column is counted from the nearest block, not from the start of a megabyte line.
    static constexpr size_t kColumnBlock = 1024;
    std::vector<size_t> code_points_before_block_;
    size_t code_points_before(size_t offset) const;
};

// Detects the encoding (BOMs, UTF-16LE without BOM by its zero bytes, valid UTF-8, else Windows-1252)
// and decodes. Never throws; malformed sequences become U+FFFD with a DecodeIssue (the first 100 are
// kept, so a file of random bytes does not flood the output).
SourceText decode_text(PathRef path, std::string_view bytes);

// The most gpolint reads from one input file: real Group Policy files are kilobytes to a few
// megabytes; a larger one (a sparse file, /dev/zero behind a symlink) would only exhaust memory.
inline constexpr uint64_t kMaxInputFileBytes = uint64_t{64} << 20;

// Reads a whole regular file (symlinks followed) of at most kMaxInputFileBytes, in bounded chunks;
// FIFOs, devices and sockets are refused without blocking. The one way every reader gets its bytes.
// nullopt and a message in `error` when it cannot be read.
std::optional<std::string> read_file_bytes(const std::string& path, std::string& error);

// Whether read_file_bytes would accept `path` (it exists, is readable, a regular file, not too big),
// without reading it; else the reason in `error`.
bool probe_input_file(const std::string& path, std::string& error);

// Whether raw bytes may hold the word "gpolint" (which starts every inline directive), in any case and
// in any encoding decode_text reads: NUL bytes are skipped, so UTF-16 of either byte order matches too.
// False means the file has no directive; true means it may have one.
bool may_mention_gpolint(std::string_view bytes);

// Encodes UTF-8 text back to `encoding` (with its BOM), the inverse of decode_text for clean input.
std::string encode_text(std::string_view utf8, Encoding encoding);

// True when `bytes` is well-formed UTF-8 (no overlongs, surrogates or truncated sequences).
bool is_valid_utf8(std::string_view bytes);

// UTF-16LE helpers for binary formats (registry.pol): code units to UTF-8.
void append_utf8(std::string& out, uint32_t code_point);
std::string utf16le_to_utf8(std::string_view bytes);

}  // namespace gpolint
