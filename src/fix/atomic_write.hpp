#pragma once
// Replacing a file so that a crash, a full disk or a concurrent editor never leaves it half written:
// write a temporary file in the same folder, fsync it, then rename it over the original.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace gpolint::fix {

// What a file held when it was read, to notice that someone changed it before we write.
struct FileStamp {
    uint64_t size = 0;
    uint64_t hash = 0;  // FNV-1a 64 of the bytes
    friend bool operator==(const FileStamp&, const FileStamp&) = default;
};
FileStamp stamp_of(std::string_view bytes);

struct WriteHooks {
    // Called with the target's path before it is re-read and compared (tests edit the file here to
    // simulate another editor saving it meanwhile).
    std::function<void(const std::string& path)> before_write;
    // Called with the temporary file's path after it is written and synced, just before the rename
    // (tests throw here to simulate an interruption).
    std::function<void(const std::string& temp_path)> before_rename;
};

// Replaces `path` by `bytes` unless its current content no longer matches `expected` (then returns
// false with a message in `error`, leaving the file alone). A symlink is written through: its target
// is replaced. The new file keeps the old one's owner, group, mode and extended attributes (Samba
// keeps SYSVOL ACLs in security.NTACL); when one of them cannot be kept, or the file has other hard
// links, is read-only (unless `allow_read_only`) or changes while it is written, nothing is replaced
// and `error` says why. On any failure the temporary file is removed and the original is intact;
// exceptions from hooks propagate after cleanup.
bool replace_file(const std::string& path, std::string_view bytes, const FileStamp& expected, std::string& error,
                  const WriteHooks& hooks = {}, bool allow_read_only = false);

}  // namespace gpolint::fix
