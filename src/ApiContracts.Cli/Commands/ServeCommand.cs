using System.CommandLine;
using System.Globalization;
using ApiContracts.Core;
using ApiContracts.Stubs.Engine;
using ApiContracts.Stubs.Hosting;
using Spectre.Console;

namespace ApiContracts.Cli.Commands;

/// <summary><c>apicontracts serve</c>: the stub server, until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context, Option<string?> rootOption)
    {
        var host = new Option<string>("--host") { Description = "The address to listen on (loopback by default).", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "The port; 0 picks a free one.", DefaultValueFactory = _ => 8080 };
        var seed = new Option<ulong>("--seed") { Description = "The dataset seed.", DefaultValueFactory = _ => 1UL };
        var size = new Option<long>("--size") { Description = "Records under each known parent.", DefaultValueFactory = _ => 25L };
        var pack = new Option<string?>("--pack") { Description = "A WireMock stub pack folder (mappings/, __files/) to load; its mappings win over the datasets." };
        var latency = new Option<string?>("--latency") { Description = "Delay added to every API answer: ms or min-max." };
        var faultRate = new Option<double>("--fault-rate") { Description = "Share of API requests answered with the API's 500, 0..1.", DefaultValueFactory = _ => 0 };
        var token = new Option<string?>("--token") { Description = "Accept only this credential (default: any non-empty one)." };
        var scenario = new Option<string?>("--scenario") { Description = "The default scenario: " + string.Join(", ", Scenarios.All.Keys) + "." };
        var command = new Command("serve", "Run the stub server: the five APIs over HTTP from virtual datasets, on WireMock.Net.")
        {
            host, port, seed, size, pack, latency, faultRate, token, scenario,
        };

        command.SetAction((parsed, cancel) => Task.FromResult(CliApp.Guard(context, () =>
        {
            var delay = parsed.GetValue(latency) is { } text ? Latency.Parse(text) : Latency.None;

            var catalog = ContractCatalog.Load(RepositoryRoot.Find(parsed.GetValue(rootOption)));
            var options = new StubServerOptions
            {
                Host = parsed.GetValue(host)!,
                Port = parsed.GetValue(port),
                Pack = parsed.GetValue(pack),
                Settings = new StubSettings
                {
                    Seed = parsed.GetValue(seed),
                    Size = parsed.GetValue(size),
                    Latency = delay,
                    FaultRate = parsed.GetValue(faultRate),
                    Token = parsed.GetValue(token),
                    DefaultScenario = parsed.GetValue(scenario),
                },
            };
            var problems = options.Problems();
            if (problems.Count > 0)
            {
                foreach (var problem in problems) context.Fail(problem);
                return ExitCodes.BadInput;
            }

            using var server = StubServer.Start(catalog, options);
            Banner(context, server, catalog);
            StopSignal.Wait(cancel);
            context.Output.WriteLine("stub server: stopping");
            return ExitCodes.Ok;
        })));
        return command;
    }

    private static void Banner(CliContext context, StubServer server, ContractCatalog catalog)
    {
        var settings = server.Engine.Settings;
        context.Output.WriteLine($"ApiContracts stub server listening on {server.Url}");
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  seed {settings.Seed}, {settings.Size} records per parent, latency {settings.Latency}, fault rate {settings.FaultRate}, token {(settings.Token is null ? "any non-empty" : "required")}{(server.PackCount > 0 ? $", {server.PackCount} pack mappings" : string.Empty)}"));
        foreach (var api in catalog.Apis)
        {
            var parent = api.Dataset.Parents[0];
            var path = api.PathFor(parent);
            context.Output.WriteLine($"  {api.Operation.Method,-4} {server.Url}{path}   ({api.Id}; credential header {api.Auth.Header})");
            context.Output.WriteLine($"       known {api.Dataset.Parent}: {string.Join(", ", api.Dataset.Parents.Select(p => p[api.Dataset.Parent]))}");
        }

        context.Output.WriteLine($"  known parents: {server.Url}/__stub/parents   admin: {server.Url}/__stub   WireMock admin: {server.Url}/__admin/mappings");
        context.Output.WriteLine("Press Ctrl+C to stop.");
    }
}
