#include "fix/atomic_write.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <optional>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "core/source.hpp"

namespace gpolint::fix {

FileStamp stamp_of(std::string_view bytes) {
    uint64_t hash = 14695981039346656037ull;
    for (unsigned char c : bytes) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    return {bytes.size(), hash};
}

namespace {

std::string system_error(const std::string& what) { return what + ": " + std::strerror(errno); }

bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        bytes.remove_prefix(static_cast<size_t>(written));
    }
    return true;
}

// Removes the temporary file unless it was renamed into place.
class TempFile {
public:
    explicit TempFile(const std::string& target) : path_(target + ".gpolint-XXXXXX") {
        fd_ = ::mkstemp(path_.data());
    }
    ~TempFile() {
        if (fd_ >= 0) ::close(fd_);
        if (!renamed_) ::unlink(path_.c_str());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    int fd() const { return fd_; }
    const std::string& path() const { return path_; }
    bool close() {
        int fd = fd_;
        fd_ = -1;
        return ::close(fd) == 0;
    }
    void mark_renamed() { renamed_ = true; }

private:
    std::string path_;
    int fd_ = -1;
    bool renamed_ = false;
};

void sync_folder(const std::string& path) {
    auto folder = std::filesystem::path(path).parent_path();
    int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd < 0) return;  // best effort: the rename itself is already atomic
    ::fsync(fd);
    ::close(fd);
}

// The file a path names, through any symlinks: the one to replace, so that the link stays a link.
std::optional<std::string> link_target(const std::string& path, std::string& error) {
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0) {
        error = system_error("cannot stat");
        return std::nullopt;
    }
    if (!S_ISLNK(info.st_mode)) return path;
    std::error_code ec;
    auto target = std::filesystem::canonical(path, ec);
    if (ec) {
        error = "is a symlink whose target cannot be resolved (" + ec.message() + "); not rewritten";
        return std::nullopt;
    }
    return target.string();
}

// Why `info` describes a file that must not be replaced, or empty.
std::string refusal_for(const struct stat& info, bool allow_read_only) {
    if (!S_ISREG(info.st_mode)) return "not a regular file; not rewritten";
    if (info.st_nlink > 1)
        return "has " + std::to_string(info.st_nlink) + " hard links, which a rewrite would break; not rewritten";
    if ((info.st_mode & 0222) == 0 && !allow_read_only)
        return "is read-only; not rewritten (make it writable, or pass --fix-read-only)";
    return {};
}

// Owner and group first (chown clears set-ID bits and file capabilities), then mode, then every
// extended attribute the original has (ACLs, security.NTACL, user.*).
bool copy_metadata(const std::string& from, const struct stat& info, int to_fd, std::string& error) {
    if (::fchown(to_fd, info.st_uid, info.st_gid) != 0) {
        error = system_error("cannot give the rewritten file the owner " + std::to_string(info.st_uid) + ":" +
                             std::to_string(info.st_gid) + " of the original") + "; not rewritten";
        return false;
    }
    if (::fchmod(to_fd, info.st_mode & 07777) != 0) {
        error = system_error("cannot keep the file's mode") + "; not rewritten";
        return false;
    }
    ssize_t size = ::listxattr(from.c_str(), nullptr, 0);
    if (size < 0) {
        if (errno == ENOTSUP) return true;  // a file system without xattrs: nothing to keep
        error = system_error("cannot list the file's extended attributes") + "; not rewritten";
        return false;
    }
    std::string names(static_cast<size_t>(size), '\0');
    size = ::listxattr(from.c_str(), names.data(), names.size());
    if (size < 0) {
        error = system_error("cannot list the file's extended attributes") + "; not rewritten";
        return false;
    }
    names.resize(static_cast<size_t>(size));
    for (size_t at = 0; at < names.size();) {
        std::string name(names.c_str() + at);
        at += name.size() + 1;
        ssize_t length = ::getxattr(from.c_str(), name.c_str(), nullptr, 0);
        std::string value(length > 0 ? static_cast<size_t>(length) : 0, '\0');
        if (length >= 0) length = ::getxattr(from.c_str(), name.c_str(), value.data(), value.size());
        if (length < 0 || ::fsetxattr(to_fd, name.c_str(), value.data(), static_cast<size_t>(length), 0) != 0) {
            error = system_error("cannot keep the extended attribute " + name) + "; not rewritten";
            return false;
        }
    }
    return true;
}

bool same_file_state(const struct stat& a, const struct stat& b) {
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino && a.st_size == b.st_size &&
           a.st_mtim.tv_sec == b.st_mtim.tv_sec && a.st_mtim.tv_nsec == b.st_mtim.tv_nsec;
}

constexpr const char* kChanged = "changed on disk since it was read; not rewritten (run gpolint again)";

}  // namespace

bool replace_file(const std::string& given_path, std::string_view bytes, const FileStamp& expected, std::string& error,
                  const WriteHooks& hooks, bool allow_read_only) {
    if (hooks.before_write) hooks.before_write(given_path);
    auto target = link_target(given_path, error);
    if (!target) return false;
    const std::string& path = *target;
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        error = system_error("cannot stat");
        return false;
    }
    if (error = refusal_for(info, allow_read_only); !error.empty()) return false;
    std::string read_error;
    auto current = read_file_bytes(path, read_error);
    if (!current) {
        error = read_error;
        return false;
    }
    if (stamp_of(*current) != expected) {
        error = kChanged;
        return false;
    }
    TempFile temp(path);
    if (temp.fd() < 0) {
        error = system_error("cannot create a temporary file next to it");
        return false;
    }
    if (!write_all(temp.fd(), bytes)) {
        error = system_error("cannot write " + temp.path());
        return false;
    }
    if (!copy_metadata(path, info, temp.fd(), error)) return false;
    if (::fsync(temp.fd()) != 0 || !temp.close()) {
        error = system_error("cannot write " + temp.path());
        return false;
    }
    if (hooks.before_rename) hooks.before_rename(temp.path());
    // Last look before the rename: an editor that saved meanwhile must not lose its edit.
    struct stat now {};
    auto again = read_file_bytes(path, read_error);
    if (::stat(path.c_str(), &now) != 0 || !same_file_state(info, now) || !again || stamp_of(*again) != expected) {
        error = kChanged;
        return false;
    }
    if (::rename(temp.path().c_str(), path.c_str()) != 0) {
        error = system_error("cannot rename " + temp.path() + " over it");
        return false;
    }
    temp.mark_renamed();
    sync_folder(path);
    return true;
}

}  // namespace gpolint::fix
