#pragma once
// scripts.ini / psscripts.ini of the Scripts extension ({42B5FAAE-6536-11D2-AE5A-0000F87571E3}):
// Machine\Scripts\ holds [Startup] and [Shutdown], User\Scripts\ [Logon] and [Logoff]; each script is a
// pair of keys numbered from 0, "0CmdLine=\\contoso.com\NETLOGON\map.cmd" and "0Parameters=/q".
// psscripts.ini adds [ScriptsConfig] (StartExecutePSFirst=true …). The file is an ini file like
// GPT.INI (grammar/ini.hpp); this grammar only reads the shape of a script key.
// Rules only; actions in src/parse/scripts_ini.cpp.
#include <tao/pegtl.hpp>

namespace gpolint::grammar::scripts_ini {

namespace pegtl = tao::pegtl;

struct blanks : pegtl::star<pegtl::blank> {};
struct script_number : pegtl::plus<pegtl::digit> {};
struct script_field : pegtl::sor<TAO_PEGTL_ISTRING("CmdLine"), TAO_PEGTL_ISTRING("Parameters")> {};
// The whole key, already cut at '=' by the ini grammar.
struct script_key : pegtl::seq<blanks, script_number, script_field, blanks, pegtl::eof> {};

}  // namespace gpolint::grammar::scripts_ini
