using System.CommandLine;
using System.Runtime.InteropServices;
using ApiContracts.Core.Json;
using ApiContracts.Pact.Builder;
using Spectre.Console;

namespace ApiContracts.Cli.Commands;

/// <summary><c>apicontracts mock</c>: serves a pact through the Pact engine's mock server for a client under test.</summary>
internal static class MockCommand
{
    public static Command Create(CliContext context)
    {
        var pact = new Option<string>("--pact") { Description = "The pact file to serve.", Required = true };
        var port = new Option<int>("--port") { Description = "The port; 0 picks a free one.", DefaultValueFactory = _ => 0 };
        var host = new Option<string>("--host") { Description = "The address to listen on.", DefaultValueFactory = _ => "127.0.0.1" };
        var command = new Command("mock", "Serve a pact with the Pact engine's mock server until Ctrl+C; report unmatched and missing requests on exit (exit 0 all matched, 1 not).")
        {
            pact, port, host,
        };

        command.SetAction((parsed, cancel) => Task.FromResult(CliApp.Guard(context, () =>
        {
            var file = parsed.GetValue(pact)!;
            if (!File.Exists(file)) throw new FileNotFoundException($"--pact {file}: no such file");
            var document = JsonInput.Parse(File.ReadAllText(file), file) ?? throw new FormatException($"{file}: not a pact");
            using var builder = PactFileLoader.Load(document);
            using var server = builder.StartMockServer(parsed.GetValue(host)!, parsed.GetValue(port));
            context.Output.WriteLine($"Pact mock server for {builder.Consumer} -> {builder.Provider} ({document["interactions"]!.AsArray().Count} interactions) listening on {server.Url}");
            context.Output.WriteLine("Press Ctrl+C to stop and see what was matched.");
            using var stop = new ManualResetEventSlim();
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Set(); });
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Set(); });
            using var registration = cancel.Register(stop.Set);
            stop.Wait(CancellationToken.None);
            if (server.Matched)
            {
                context.Output.WriteLine("mock: every expected request arrived, and nothing else");
                return ExitCodes.Ok;
            }

            context.Output.WriteLine($"mock: not matched: {server.Mismatches}");
            return ExitCodes.Invalid;
        })));
        return command;
    }
}
