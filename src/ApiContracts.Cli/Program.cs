using ApiContracts.Cli;

return CliApp.Run(args, Console.Out, Console.Error, Console.OpenStandardInput());
