#include "core/location.hpp"

#include <mutex>
#include <unordered_set>

namespace gpolint {

namespace {
const std::string& empty_path() {
    static const std::string empty;
    return empty;
}
}  // namespace

const std::string& PathRef::str() const { return path_ ? *path_ : empty_path(); }

PathRef intern_path(std::string_view path) {
    static std::mutex mutex;
    static std::unordered_set<std::string> paths;  // node-based: element addresses are stable
    std::lock_guard lock(mutex);
    auto [it, inserted] = paths.emplace(path);
    (void)inserted;
    return PathRef(&*it);
}

}  // namespace gpolint
