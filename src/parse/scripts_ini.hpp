#pragma once
// scripts.ini / psscripts.ini (Scripts extension) -> settings script:Startup\0\CmdLine,
// script:Startup\0\Parameters, psscript:Logon\1\CmdLine, psscript:ScriptsConfig\StartExecutePSFirst.
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "model/setting.hpp"

namespace gpolint::parse {

// `powershell` for psscripts.ini (key kind psscript:), `user_side` for User\Scripts. Every entry is a
// String setting with source Scripts. Also reported while reading, because the file is clear text in
// SYSVOL: GPL607 for a password marker in a script's parameters or command line, GPL608 for a script
// run from a share outside SYSVOL/NETLOGON or from a URL. Unreadable lines are GPL001 warnings,
// unknown sections and keys GPL002 notes.
std::vector<model::Setting> read_scripts_ini(const SourceText& source, bool powershell, bool user_side,
                                             Diagnostics& diagnostics);

}  // namespace gpolint::parse
