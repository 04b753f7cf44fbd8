using ApiContracts.Cli;

// Before anything touches the console or registers a signal handler: .NET decides then whether SIGINT is handled.
SignalDisposition.RestoreInterrupt();
return CliApp.Run(args, Console.Out, Console.Error, Console.OpenStandardInput());
