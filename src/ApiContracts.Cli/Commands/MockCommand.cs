using System.CommandLine;
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
            var listen = parsed.GetValue(port);
            if (listen is < 0 or > 65535)
            {
                context.Fail($"port {listen}: must be 0..65535");
                return ExitCodes.BadInput;
            }

            var address = parsed.GetValue(host)!;
            if (listen != 0 && PortTaken(address, listen))
            {
                context.Fail($"port {listen} is in use; choose another with --port");
                return ExitCodes.BadInput;
            }

            var file = parsed.GetValue(pact)!;
            var document = CliInput.ReadPact(file, $"--pact {file}");
            using var builder = PactFileLoader.Load(document);
            using var server = builder.StartMockServer(address, listen);
            context.Output.WriteLine($"Pact mock server for {builder.Consumer} -> {builder.Provider} ({document["interactions"]!.AsArray().Count} interactions) listening on {server.Url}");
            context.Output.WriteLine("Press Ctrl+C to stop and see what was matched.");
            StopSignal.Wait(cancel);
            if (server.Matched)
            {
                context.Output.WriteLine("mock: every expected request arrived, and nothing else");
                return ExitCodes.Ok;
            }

            var problems = MockMismatches.Describe(server.Mismatches);
            context.Output.WriteLine($"mock: {problems.Count} problem(s) with the requests received:");
            foreach (var problem in problems) context.Output.WriteLine($"  {problem}");
            return ExitCodes.Invalid;
        })));
        return command;
    }

    // The engine reports a taken port only as "code -3", the same as an unknown transport: ask the system first.
    private static bool PortTaken(string host, int port)
    {
        var address = System.Net.IPAddress.TryParse(host, out var parsed) ? parsed : System.Net.IPAddress.Loopback;
        try
        {
            using var probe = new System.Net.Sockets.TcpListener(address, port);
            probe.Start();
            return false;
        }
        catch (System.Net.Sockets.SocketException ex) when (ex.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse)
        {
            return true;
        }
    }
}
