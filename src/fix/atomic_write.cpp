#include "fix/atomic_write.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
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

}  // namespace

bool replace_file(const std::string& path, std::string_view bytes, const FileStamp& expected, std::string& error,
                  const WriteHooks& hooks) {
    if (hooks.before_write) hooks.before_write(path);
    std::string read_error;
    auto current = read_file_bytes(path, read_error);
    if (!current) {
        error = read_error;
        return false;
    }
    if (stamp_of(*current) != expected) {
        error = "changed on disk since it was read; not rewritten (run gpolint again)";
        return false;
    }
    struct stat info{};
    if (::stat(path.c_str(), &info) != 0) {
        error = system_error("cannot stat");
        return false;
    }
    TempFile temp(path);
    if (temp.fd() < 0) {
        error = system_error("cannot create a temporary file next to it");
        return false;
    }
    if (!write_all(temp.fd(), bytes) || ::fchmod(temp.fd(), info.st_mode & 07777) != 0 || ::fsync(temp.fd()) != 0 ||
        !temp.close()) {
        error = system_error("cannot write " + temp.path());
        return false;
    }
    if (hooks.before_rename) hooks.before_rename(temp.path());
    if (::rename(temp.path().c_str(), path.c_str()) != 0) {
        error = system_error("cannot rename " + temp.path() + " over it");
        return false;
    }
    temp.mark_renamed();
    sync_folder(path);
    return true;
}

}  // namespace gpolint::fix
