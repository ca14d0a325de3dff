#pragma once
// What a run reads when the user names no PATH (a pre-commit hook, CI): the project's inputs.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "findings/pipeline.hpp"

namespace gpolint::cli {

// The settings of this run: the command line over `.gpolint` (found upward from the current folder).
// nullopt after printing the config file's errors to `err`.
std::optional<findings::Settings> project_settings(const findings::CommandLine& command_line, std::ostream& err);

// The PATHs given; else the config's `paths`; else the project root (the folder of `.gpolint`, or the
// git top level). Paths below the current folder are made relative to it, so reports show short paths.
// nullopt after printing an error to `err` when there is nothing to read.
std::optional<std::vector<std::string>> input_paths(const std::vector<std::string>& given,
                                                    const findings::Settings& settings, std::ostream& err);

}  // namespace gpolint::cli
