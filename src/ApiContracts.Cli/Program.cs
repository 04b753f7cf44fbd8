using ApiContracts.Cli;

// Before anything touches the console or registers a signal handler: .NET decides then whether SIGINT is handled.
SignalDisposition.RestoreInterrupt();

// Before any regular expression is built: every Regex made without its own time limit (in WireMock.Net's
// dependencies, template engines, ...) stops after 100 ms instead of running on (see SECURITY.md).
CliApp.LimitRegexTime();

return CliApp.Run(args, Console.Out, Console.Error, Console.OpenStandardInput());
