using ApiContracts.Cli;

// Before any regular expression is built: every Regex made without its own time limit (in WireMock.Net's
// dependencies, template engines, ...) stops after 100 ms instead of running on (see SECURITY.md).
CliApp.LimitRegexTime();

return CliApp.Run(args, Console.Out, Console.Error, Console.OpenStandardInput());
