:<<"::BATCH"
@echo off
goto :windows
::BATCH
# ApiContracts: regenerate every artifact from contracts/apis (schemas, API pages, fixtures, stub packs, pacts).
# This one file runs as a POSIX shell script (./generate.cmd, sh generate.cmd) and as a Windows batch file.
# Arguments pass through to `apicontracts generate`, e.g. --check. The exit code is the generator's.
cd "$(dirname "$0")" || exit 2
DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 exec dotnet run --project src/ApiContracts.Cli/ApiContracts.Cli.csproj -c Release -- generate --root . "$@"
:windows
pushd "%~dp0"
set DOTNET_CLI_TELEMETRY_OPTOUT=1
set DOTNET_NOLOGO=1
dotnet run --project src\ApiContracts.Cli\ApiContracts.Cli.csproj -c Release -- generate --root . %*
set APICONTRACTS_EXIT=%ERRORLEVEL%
popd
exit /b %APICONTRACTS_EXIT%
