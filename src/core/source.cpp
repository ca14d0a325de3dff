#include "core/source.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <iterator>

namespace gpolint {

const char* to_string(Encoding encoding) {
    switch (encoding) {
        case Encoding::Utf8: return "UTF-8";
        case Encoding::Utf8Bom: return "UTF-8 with BOM";
        case Encoding::Utf16LeBom: return "UTF-16LE with BOM";
        case Encoding::Utf16BeBom: return "UTF-16BE with BOM";
        case Encoding::Utf16LeNoBom: return "UTF-16LE without BOM";
        case Encoding::Windows1252: return "Windows-1252";
    }
    return "?";
}

const char* to_string(LineEnding ending) {
    switch (ending) {
        case LineEnding::None: return "none";
        case LineEnding::CRLF: return "CRLF";
        case LineEnding::LF: return "LF";
        case LineEnding::CR: return "CR";
        case LineEnding::Mixed: return "mixed";
    }
    return "?";
}

void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

namespace {

constexpr uint32_t kReplacement = 0xFFFD;

// A file of random bytes would otherwise record an issue for every other byte.
constexpr size_t kMaxDecodeIssues = 100;

void record_issue(std::vector<DecodeIssue>& issues, DecodeIssue issue) {
    if (issues.size() < kMaxDecodeIssues) issues.push_back(std::move(issue));
}

// Windows-1252 0x80–0x9F; the five undefined bytes map to the C1 control of the same value so
// that re-encoding gives the original byte back.
constexpr std::array<uint16_t, 32> kCp1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

// Returns the length of a valid UTF-8 sequence at p, or 0.
size_t utf8_sequence_length(std::string_view s, size_t i) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) return 1;
    size_t len = 0;
    uint32_t cp = 0;
    if ((b & 0xE0) == 0xC0) { len = 2; cp = b & 0x1F; }
    else if ((b & 0xF0) == 0xE0) { len = 3; cp = b & 0x0F; }
    else if ((b & 0xF8) == 0xF0) { len = 4; cp = b & 0x07; }
    else return 0;
    if (i + len > s.size()) return 0;
    for (size_t k = 1; k < len; ++k) {
        auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (c & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
    return len;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        size_t len = utf8_sequence_length(s, i);
        if (len == 0) return false;
        i += len;
    }
    return true;
}

namespace {

// UTF-16 without a BOM: most odd bytes (LE) are zero in the ASCII-heavy text of a template.
bool looks_like_utf16le(std::string_view s) {
    if (s.size() < 4) return false;
    size_t pairs = std::min<size_t>(s.size() / 2, 4096), odd_zero = 0, even_zero = 0;
    for (size_t k = 0; k < pairs; ++k) {
        if (s[2 * k + 1] == 0) ++odd_zero;
        if (s[2 * k] == 0) ++even_zero;
    }
    return odd_zero * 10 >= pairs * 7 && even_zero * 10 < pairs;
}

void decode_utf16(std::string_view s, bool little_endian, std::string& out, std::vector<DecodeIssue>& issues,
                  size_t base_offset) {
    out.reserve(s.size() / 2 + 16);
    size_t units = s.size() / 2;
    auto unit = [&](size_t k) -> uint16_t {
        auto lo = static_cast<unsigned char>(s[2 * k + (little_endian ? 0 : 1)]);
        auto hi = static_cast<unsigned char>(s[2 * k + (little_endian ? 1 : 0)]);
        return static_cast<uint16_t>(lo | (hi << 8));
    };
    for (size_t k = 0; k < units; ++k) {
        uint16_t u = unit(k);
        if (u < 0x80) {
            // Group Policy text is nearly all ASCII: copy the whole run at once.
            size_t end = k + 1;
            while (end < units && unit(end) < 0x80) ++end;
            size_t at = out.size();
            out.resize(at + (end - k));
            for (size_t j = k; j < end; ++j) out[at + (j - k)] = static_cast<char>(unit(j));
            k = end - 1;
        } else if (u >= 0xD800 && u <= 0xDBFF && k + 1 < units && unit(k + 1) >= 0xDC00 && unit(k + 1) <= 0xDFFF) {
            uint32_t cp = 0x10000 + ((static_cast<uint32_t>(u) - 0xD800) << 10) + (unit(k + 1) - 0xDC00);
            append_utf8(out, cp);
            ++k;
        } else if (u >= 0xD800 && u <= 0xDFFF) {
            record_issue(issues, {base_offset + 2 * k, "unpaired UTF-16 surrogate", out.size()});
            append_utf8(out, kReplacement);
        } else {
            append_utf8(out, u);
        }
    }
    if (s.size() % 2 != 0)
        record_issue(issues, {base_offset + s.size() - 1, "odd number of bytes in UTF-16 text (truncated file?)", out.size()});
}

}  // namespace

std::string utf16le_to_utf8(std::string_view bytes) {
    std::string out;
    std::vector<DecodeIssue> ignored;
    decode_utf16(bytes, true, out, ignored, 0);
    return out;
}

namespace {

// Byte offset in the raw file of decoded-text offset `at`: code points (UTF-8 of valid input,
// Windows-1252) or UTF-16 code units counted from the start of the text.
uint64_t raw_offset_of(std::string_view text, size_t at, Encoding encoding, size_t base) {
    if (encoding == Encoding::Utf8 || encoding == Encoding::Utf8Bom) return base + at;
    uint64_t raw = base;
    bool utf16 = encoding != Encoding::Windows1252;
    for (size_t i = 0; i < at && i < text.size(); ++i) {
        auto b = static_cast<unsigned char>(text[i]);
        if ((b & 0xC0) == 0x80) continue;
        raw += utf16 ? ((b & 0xF8) == 0xF0 ? 4 : 2) : 1;
    }
    return raw;
}

void decode_utf8_or_ansi(std::string_view bytes, Encoding& encoding, size_t base, std::string& text,
                         std::vector<DecodeIssue>& issues) {
    if (is_valid_utf8(bytes)) {
        text.assign(bytes);
    } else if (encoding == Encoding::Utf8Bom) {
        // Declared UTF-8 but broken: keep what is valid and mark the rest.
        for (size_t i = 0; i < bytes.size();) {
            size_t len = utf8_sequence_length(bytes, i);
            if (len == 0) {
                record_issue(issues, {base + i, "invalid UTF-8 byte", text.size()});
                append_utf8(text, kReplacement);
                ++i;
            } else {
                text.append(bytes.substr(i, len));
                i += len;
            }
        }
    } else {
        encoding = Encoding::Windows1252;
        text.reserve(bytes.size() + bytes.size() / 8);
        for (unsigned char b : bytes) {
            if (b < 0x80) text.push_back(static_cast<char>(b));
            else if (b < 0xA0) append_utf8(text, kCp1252High[b - 0x80]);
            else append_utf8(text, b);
        }
    }
}

}  // namespace

SourceText decode_text(PathRef path, std::string_view bytes) {
    std::string text;
    std::vector<DecodeIssue> issues;
    Encoding encoding = Encoding::Utf8;
    size_t base = 0;  // length of the BOM
    auto starts = [&](std::string_view prefix) { return bytes.substr(0, prefix.size()) == prefix; };
    if (starts("\xFF\xFE")) {
        encoding = Encoding::Utf16LeBom;
        base = 2;
        decode_utf16(bytes.substr(2), true, text, issues, base);
    } else if (starts("\xFE\xFF")) {
        encoding = Encoding::Utf16BeBom;
        base = 2;
        decode_utf16(bytes.substr(2), false, text, issues, base);
    } else if (starts("\xEF\xBB\xBF")) {
        encoding = Encoding::Utf8Bom;
        base = 3;
        decode_utf8_or_ansi(bytes.substr(3), encoding, base, text, issues);
    } else if (looks_like_utf16le(bytes)) {
        encoding = Encoding::Utf16LeNoBom;
        decode_utf16(bytes, true, text, issues, base);
    } else {
        decode_utf8_or_ansi(bytes, encoding, base, text, issues);
    }
    // A NUL inside text usually means a UTF-16 file read with the wrong byte order or a binary file.
    if (auto nul = text.find('\0'); nul != std::string::npos)
        record_issue(issues, {raw_offset_of(text, nul, encoding, base), "NUL character in text", nul});
    return SourceText(path, std::move(text), encoding, std::move(issues));
}

SourceText::SourceText(PathRef path, std::string text, Encoding encoding, std::vector<DecodeIssue> issues)
    : path_(path), text_(std::move(text)), encoding_(encoding), issues_(std::move(issues)) {
    line_starts_.push_back(0);
    bool crlf = false, lf = false, cr = false;
    for (size_t i = 0; i < text_.size(); ++i) {
        char c = text_[i];
        if (c == '\r') {
            if (i + 1 < text_.size() && text_[i + 1] == '\n') {
                crlf = true;
                ++i;
            } else {
                cr = true;
            }
            line_starts_.push_back(i + 1);
        } else if (c == '\n') {
            lf = true;
            line_starts_.push_back(i + 1);
        }
    }
    final_newline_ = !text_.empty() && (text_.back() == '\n' || text_.back() == '\r');
    if (final_newline_) line_starts_.pop_back();  // no empty "line" after the last line break
    size_t longest = 0;
    for (size_t i = 0; i < line_starts_.size(); ++i)
        longest = std::max(longest, (i + 1 < line_starts_.size() ? line_starts_[i + 1] : text_.size()) - line_starts_[i]);
    if (longest > 2 * kColumnBlock) {
        code_points_before_block_.reserve(text_.size() / kColumnBlock + 1);
        size_t count = 0;
        for (size_t i = 0; i < text_.size(); ++i) {
            if (i % kColumnBlock == 0) code_points_before_block_.push_back(count);
            if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++count;
        }
        if (text_.size() % kColumnBlock == 0) code_points_before_block_.push_back(count);  // for the end offset
    }
    int kinds = int(crlf) + int(lf) + int(cr);
    line_ending_ = kinds > 1 ? LineEnding::Mixed
                 : crlf      ? LineEnding::CRLF
                 : lf        ? LineEnding::LF
                 : cr        ? LineEnding::CR
                             : LineEnding::None;
}

Location SourceText::location_of(size_t offset) const {
    if (offset > text_.size()) offset = text_.size();
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    size_t line_index = it == line_starts_.begin() ? 0 : static_cast<size_t>(it - line_starts_.begin()) - 1;
    size_t start = line_starts_.empty() ? 0 : line_starts_[line_index];
    uint32_t column = 1;
    if (offset - start > 2 * kColumnBlock && !code_points_before_block_.empty()) {
        column = static_cast<uint32_t>(1 + code_points_before(offset) - code_points_before(start));
    } else {
        for (size_t i = start; i < offset; ++i)
            if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
    }
    return Location{path_, static_cast<uint32_t>(line_index + 1), column, offset};
}

size_t SourceText::code_points_before(size_t offset) const {
    size_t block = offset / kColumnBlock;
    size_t count = code_points_before_block_[block];
    for (size_t i = block * kColumnBlock; i < offset; ++i)
        if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++count;
    return count;
}

std::string_view SourceText::line(uint32_t number) const {
    if (number == 0 || number > line_starts_.size()) return {};
    // From the line index, not by scanning: a line may be megabytes long and asked for many times.
    size_t start = line_starts_[number - 1];
    size_t end = number < line_starts_.size() ? line_starts_[number] : text_.size();
    while (end > start && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
    return std::string_view(text_).substr(start, end - start);
}

namespace {

std::string errno_text(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

// Opens without blocking (a FIFO would otherwise wait for a writer) and admits only a regular file
// of at most kMaxInputFileBytes, after following symlinks: /dev/zero or a FIFO named as a template
// must not be read forever.
int open_regular_file(const std::string& path, std::string& error, size_t& size) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        error = errno_text("cannot open");
        return -1;
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        error = errno_text("cannot stat");
    } else if (S_ISDIR(info.st_mode)) {
        error = "is a folder, not a file";
    } else if (!S_ISREG(info.st_mode)) {
        error = "not a regular file (a FIFO, device or socket); not read";
    } else if (static_cast<uint64_t>(info.st_size) > kMaxInputFileBytes) {
        error = "larger than the " + std::to_string(kMaxInputFileBytes >> 20) + " MiB gpolint reads from one file; not read";
    } else {
        size = static_cast<size_t>(info.st_size);
        return fd;
    }
    ::close(fd);
    return -1;
}

}  // namespace

bool probe_input_file(const std::string& path, std::string& error) {
    size_t size = 0;
    int fd = open_regular_file(path, error, size);
    if (fd < 0) return false;
    ::close(fd);
    return true;
}

// One open, one fstat, reads straight into a buffer of the file's size (in chunks, so a file that
// grows while read stops at the cap): no per-byte stream iteration.
std::optional<std::string> read_file_bytes(const std::string& path, std::string& error) {
    size_t expected = 0;
    int fd = open_regular_file(path, error, expected);
    if (fd < 0) return std::nullopt;
    constexpr size_t kChunk = size_t{1} << 24;
    std::string bytes(expected + 1, '\0');  // one spare byte: a file that grew is noticed and read to its end
    size_t used = 0;
    bool failed = false, too_big = false;
    for (;;) {
        if (used == bytes.size()) {
            if (used > kMaxInputFileBytes) {
                too_big = true;
                break;
            }
            bytes.resize(std::min<size_t>(bytes.size() * 2 + 4096, kMaxInputFileBytes + 1));
        }
        ssize_t got = ::read(fd, bytes.data() + used, std::min(kChunk, bytes.size() - used));
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) failed = true;
        if (got <= 0) break;
        used += static_cast<size_t>(got);
    }
    ::close(fd);
    if (failed || too_big) {
        error = too_big ? "grew past the " + std::to_string(kMaxInputFileBytes >> 20) + " MiB gpolint reads from one file while read; not read"
                        : errno_text("read error");
        return std::nullopt;
    }
    bytes.resize(used);
    return bytes;
}

std::string encode_text(std::string_view utf8, Encoding encoding) {
    std::string out;
    auto for_each_code_point = [&](auto&& emit) {
        for (size_t i = 0; i < utf8.size();) {
            size_t len = utf8_sequence_length(utf8, i);
            if (len == 0) { emit(kReplacement); ++i; continue; }
            auto b = static_cast<unsigned char>(utf8[i]);
            uint32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
            for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
            emit(cp);
            i += len;
        }
    };
    auto emit16 = [&](bool le) {
        return [&out, le](uint32_t cp) {
            auto put = [&](uint16_t u) {
                char lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
                if (le) { out.push_back(lo); out.push_back(hi); } else { out.push_back(hi); out.push_back(lo); }
            };
            if (cp >= 0x10000) {
                cp -= 0x10000;
                put(static_cast<uint16_t>(0xD800 + (cp >> 10)));
                put(static_cast<uint16_t>(0xDC00 + (cp & 0x3FF)));
            } else {
                put(static_cast<uint16_t>(cp));
            }
        };
    };
    switch (encoding) {
        case Encoding::Utf8: return std::string(utf8);
        case Encoding::Utf8Bom: return "\xEF\xBB\xBF" + std::string(utf8);
        case Encoding::Utf16LeBom: out = "\xFF\xFE"; for_each_code_point(emit16(true)); return out;
        case Encoding::Utf16BeBom: out = "\xFE\xFF"; for_each_code_point(emit16(false)); return out;
        case Encoding::Utf16LeNoBom: for_each_code_point(emit16(true)); return out;
        case Encoding::Windows1252:
            for_each_code_point([&](uint32_t cp) {
                if (cp < 0x80 || (cp >= 0xA0 && cp < 0x100)) { out.push_back(static_cast<char>(cp)); return; }
                for (size_t k = 0; k < kCp1252High.size(); ++k)
                    if (kCp1252High[k] == cp) { out.push_back(static_cast<char>(0x80 + k)); return; }
                out.push_back('?');
            });
            return out;
    }
    return out;
}

// memchr finds each 'g' or 'G'; only those are looked at further.
bool may_mention_gpolint(std::string_view bytes) {
    static constexpr std::string_view kRest = "polint";
    auto rest_follows = [&](size_t at) {
        size_t matched = 0;
        for (size_t i = at + 1; i < bytes.size() && matched < kRest.size(); ++i) {
            char c = bytes[i];
            if (c == '\0') continue;
            char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
            if (lower != kRest[matched]) return false;
            ++matched;
        }
        return matched == kRest.size();
    };
    for (char first : {'g', 'G'}) {
        const char* data = bytes.data();
        const char* end = data + bytes.size();
        for (const char* at = data; at < end;) {
            const auto* found = static_cast<const char*>(std::memchr(at, first, static_cast<size_t>(end - at)));
            if (found == nullptr) break;
            if (rest_follows(static_cast<size_t>(found - data))) return true;
            at = found + 1;
        }
    }
    return false;
}

}  // namespace gpolint
