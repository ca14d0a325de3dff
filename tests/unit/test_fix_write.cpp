// Atomic replacement: interrupted before the rename, changed on disk, mode kept, no temp files left.
#include <doctest/doctest.h>

#include <stdexcept>
#include <sys/stat.h>

#include "fix/atomic_write.hpp"
#include "test_fix_support.hpp"

using namespace gpolint;
using gpolint::testing::file_bytes;
using gpolint::testing::ScratchDir;
using gpolint::testing::write_bytes;

namespace {

size_t files_in(const std::filesystem::path& dir) {
    size_t count = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++count;
    return count;
}

}  // namespace

TEST_CASE("replace_file writes the new bytes and keeps the file mode") {
    ScratchDir dir;
    auto path = dir.path() / "GptTmpl.inf";
    write_bytes(path, "old");
    ::chmod(path.c_str(), 0640);
    std::string error;
    REQUIRE(fix::replace_file(path.string(), "new bytes", fix::stamp_of("old"), error));
    CHECK(error.empty());
    CHECK(file_bytes(path) == "new bytes");
    struct stat info{};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0640);
    CHECK(files_in(dir.path()) == 1);
}

TEST_CASE("replace_file interrupted between write and rename leaves the original intact") {
    ScratchDir dir;
    auto path = dir.path() / "GptTmpl.inf";
    write_bytes(path, "original");
    std::string seen_temp;
    fix::WriteHooks hooks;
    hooks.before_rename = [&](const std::string& temp) {
        seen_temp = temp;
        CHECK(file_bytes(temp) == "replacement");  // fully written before the rename
        throw std::runtime_error("power cut");
    };
    std::string error;
    CHECK_THROWS_AS(fix::replace_file(path.string(), "replacement", fix::stamp_of("original"), error, hooks),
                    std::runtime_error);
    CHECK(file_bytes(path) == "original");
    CHECK(!seen_temp.empty());
    CHECK(!std::filesystem::exists(seen_temp));
    CHECK(files_in(dir.path()) == 1);
}

TEST_CASE("replace_file refuses a file changed since it was read") {
    ScratchDir dir;
    auto path = dir.path() / "GptTmpl.inf";
    write_bytes(path, "edited by someone else");
    std::string error;
    CHECK_FALSE(fix::replace_file(path.string(), "ours", fix::stamp_of("what we read"), error));
    CHECK(error.find("changed on disk") != std::string::npos);
    CHECK(file_bytes(path) == "edited by someone else");

    // Same size, different bytes: the hash tells them apart.
    write_bytes(path, "abcd");
    CHECK_FALSE(fix::replace_file(path.string(), "ours", fix::stamp_of("abce"), error));
    CHECK(file_bytes(path) == "abcd");
    CHECK(files_in(dir.path()) == 1);
}

TEST_CASE("replace_file reports a missing file") {
    ScratchDir dir;
    std::string error;
    CHECK_FALSE(fix::replace_file((dir.path() / "gone.inf").string(), "x", fix::stamp_of(""), error));
    CHECK(!error.empty());
}

TEST_CASE("replace_file refuses when the file changes between its last check and the rename") {
    ScratchDir dir;
    auto path = dir.path() / "GptTmpl.inf";
    write_bytes(path, "original");
    std::string error;
    fix::WriteHooks hooks;
    hooks.before_rename = [&](const std::string&) { write_bytes(path, "an editor saved this"); };
    CHECK_FALSE(fix::replace_file(path.string(), "ours", fix::stamp_of("original"), error, hooks));
    CHECK(error.find("changed on disk") != std::string::npos);
    CHECK(file_bytes(path) == "an editor saved this");
    CHECK(files_in(dir.path()) == 1);  // the temporary file is gone
}

TEST_CASE("replace_file refuses a file with other hard links, and a read-only one unless allowed") {
    ScratchDir dir;
    auto path = dir.path() / "GptTmpl.inf";
    write_bytes(path, "old");
    std::string error;
    std::filesystem::create_hard_link(path, dir.path() / "other.inf");
    CHECK_FALSE(fix::replace_file(path.string(), "new", fix::stamp_of("old"), error));
    CHECK(error.find("hard links") != std::string::npos);
    CHECK(file_bytes(dir.path() / "other.inf") == "old");
    std::filesystem::remove(dir.path() / "other.inf");

    ::chmod(path.c_str(), 0444);
    error.clear();
    CHECK_FALSE(fix::replace_file(path.string(), "new", fix::stamp_of("old"), error));
    CHECK(error.find("read-only") != std::string::npos);
    CHECK(file_bytes(path) == "old");
    CHECK(fix::replace_file(path.string(), "new", fix::stamp_of("old"), error, {}, true));
    CHECK(file_bytes(path) == "new");
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    CHECK((info.st_mode & 07777) == 0444);
}

TEST_CASE("replace_file writes through a symlink: the target changes, the link stays a link") {
    ScratchDir dir;
    auto target = dir.path() / "GptTmpl.inf";
    auto link = dir.path() / "link.inf";
    write_bytes(target, "old");
    std::filesystem::create_symlink("GptTmpl.inf", link);
    std::string error;
    REQUIRE(fix::replace_file(link.string(), "new", fix::stamp_of("old"), error));
    CHECK(std::filesystem::is_symlink(link));
    CHECK(file_bytes(target) == "new");
}
