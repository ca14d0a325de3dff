#pragma once
// Where something came from. Paths are interned once per process so the millions of settings of a
// large forest each carry a pointer, not a copy of their file name.
#include <cstdint>
#include <string>
#include <string_view>

namespace gpolint {

class PathRef {
public:
    PathRef() = default;
    const std::string& str() const;
    bool empty() const { return path_ == nullptr || path_->empty(); }
    friend bool operator==(PathRef a, PathRef b) { return a.path_ == b.path_; }
    friend PathRef intern_path(std::string_view path);

private:
    explicit PathRef(const std::string* path) : path_(path) {}
    const std::string* path_ = nullptr;
};

// Thread-safe; the returned reference lives until the process ends.
PathRef intern_path(std::string_view path);

struct Location {
    PathRef file;
    uint32_t line = 0;    // 1-based line of the decoded text; 0 for binary files (use offset)
    uint32_t column = 0;  // 1-based column in characters of the decoded text
    uint64_t offset = 0;  // byte offset into the decoded text (text files) or raw file (binary files)
    bool is_binary() const { return line == 0; }
};

}  // namespace gpolint
