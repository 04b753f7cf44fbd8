using System.CommandLine;
using System.Globalization;
using ApiContracts.Core;
using ApiContracts.Fixtures.Generation;
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
        var profile = new Option<string>("--profile") { Description = "realistic (default) or edge (stress values: longest strings, CJK and emoji, nulls wherever allowed).", DefaultValueFactory = _ => FixtureProfile.Realistic.Name };
        profile.AcceptOnlyFromAmong([.. FixtureProfile.All.Select(p => p.Name)]);
        var pack = new Option<string?>("--pack") { Description = "A WireMock stub pack folder (mappings/, __files/) to load; its mappings win over the datasets." };
        var latency = new Option<string?>("--latency") { Description = "Delay added to every API answer: ms or min-max." };
        var faultRate = new Option<double>("--fault-rate") { Description = "Share of API requests answered with the API's 500, 0..1.", DefaultValueFactory = _ => 0 };
        var token = new Option<string?>("--token") { Description = "Accept only this credential (default: any non-empty one)." };
        var scenario = new Option<string?>("--scenario") { Description = "The default scenario: " + string.Join(", ", Scenarios.All.Keys) + "." };
        var adminToken = new Option<string?>("--admin-token") { Description = "The admin credential (Authorization: Bearer <token>) for /__admin and the /__stub endpoints that change state or show requests; visible to every local user in the process list, so prefer --admin-token-file or $" + AdminTokenSource.Variable + ". Default: $" + AdminTokenSource.Variable + " if set, else a random token, printed and written to " + AdminTokenFile.Name + " (mode 0600)." };
        var adminTokenFile = new Option<string?>("--admin-token-file") { Description = "Read the admin token from this file (read once at start; keep it mode 0600). A token you give is never printed." };
        var noAdminAuth = new Option<bool>("--no-admin-auth") { Description = "Admin endpoints without a credential: anyone who reaches the port can reconfigure the stub and read its journal. Trusted CI only." };
        var allowHost = new Option<string[]>("--allow-host") { Description = "Also accept this Host name (besides localhost, the bound address and IP addresses). Repeatable.", AllowMultipleArgumentsPerToken = true };
        var corsOrigin = new Option<string[]>("--cors-origin") { Description = "Allow this origin (scheme://host[:port]) to call the APIs from a browser, with credentials. Default: any origin, without credentials. Repeatable.", AllowMultipleArgumentsPerToken = true };
        var strict = new Option<bool>("--strict") { Description = "Answer the API's 400 whenever a documented-mandatory header is missing. Default: a missing Content-Type on a request without a body (a GET from axios or fetch) is answered normally, with an X-Stub-Warning header and a journal note; PUT /__stub/settings switches it at run time." };
        var allowProxy = new Option<string[]>("--allow-proxy") { Description = "Let mappings posted to /__admin/mappings proxy to this host. Repeatable.", AllowMultipleArgumentsPerToken = true };
        var command = new Command("serve", "Run the stub server: the five APIs over HTTP from virtual datasets, on WireMock.Net.")
        {
            host, port, seed, size, profile, pack, latency, faultRate, token, scenario, strict, adminToken, adminTokenFile, noAdminAuth, allowHost, corsOrigin, allowProxy,
        };

        command.SetAction((parsed, cancel) => Task.FromResult(CliApp.Guard(context, () =>
        {
            var delay = parsed.GetValue(latency) is { } text ? Latency.Parse(text) : Latency.None;

            var open = parsed.GetValue(noAdminAuth);
            var (tokenSource, tokenProblem) = AdminTokenSource.Resolve(parsed.GetValue(adminToken), parsed.GetValue(adminTokenFile), open, warning => context.Err.WriteLine($"warning: {warning}"));
            if (tokenSource is null)
            {
                context.Fail(tokenProblem!);
                return ExitCodes.BadInput;
            }

            var givenToken = tokenSource.Token;

            var workspace = RepositoryRoot.Resolve(parsed.GetValue(rootOption));
            var options = new StubServerOptions
            {
                Host = parsed.GetValue(host)!,
                AdminToken = givenToken ?? StubServerOptions.NewAdminToken(),
                NoAdminAuth = open,
                AllowedHosts = parsed.GetValue(allowHost) ?? [],
                CorsOrigins = parsed.GetValue(corsOrigin) ?? [],
                AllowedProxyHosts = parsed.GetValue(allowProxy) ?? [],
                Port = parsed.GetValue(port),
                Pack = parsed.GetValue(pack),
                Settings = new StubSettings
                {
                    Seed = parsed.GetValue(seed),
                    Size = parsed.GetValue(size),
                    Profile = FixtureProfile.Parse(parsed.GetValue(profile)!),
                    Latency = delay,
                    FaultRate = parsed.GetValue(faultRate),
                    Token = parsed.GetValue(token),
                    DefaultScenario = parsed.GetValue(scenario),
                    Strict = parsed.GetValue(strict),
                },
            };
            var problems = options.Problems().ToList();
            if (!options.IsLoopback && givenToken is null)
            {
                problems.Add($"--host {options.Host} is reachable from other machines: give --admin-token-file <path> (or set {AdminTokenSource.Variable}) so they cannot reconfigure the stub or read its journal (--no-admin-auth is refused there)");
            }

            if (problems.Count > 0)
            {
                foreach (var problem in problems) context.Fail(problem);
                return ExitCodes.BadInput;
            }

            // The definitions load while the HTTP host starts.
            using var server = StubServer.Start(workspace.LoadCatalog, options);
            var catalog = server.Engine.Catalog;
            using var tokenFile = open || givenToken is not null ? null : AdminTokenFile.TryWrite(options.AdminToken, context);
            Banner(context, server, catalog, tokenFile?.Path, tokenSource);
            StopSignal.Wait(cancel);
            context.Output.WriteLine("stub server: stopping");

            return ExitCodes.Ok;
        })));
        return command;
    }

    private static void Banner(CliContext context, StubServer server, ContractCatalog catalog, string? tokenFile, AdminTokenSource tokenSource)
    {
        var settings = server.Engine.Settings;
        context.Output.WriteLine($"ApiContracts stub server listening on {server.Url}");
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  seed {settings.Seed}, {settings.Size} records per parent, profile {settings.Profile.Name}, latency {settings.Latency}, fault rate {settings.FaultRate}, token {(settings.Token is null ? "any non-empty" : "required")}, {(settings.Strict ? "strict headers" : "lenient headers (a GET without Content-Type is answered, with X-Stub-Warning)")}{(server.PackCount > 0 ? $", {server.PackCount} pack mappings" : string.Empty)}"));
        foreach (var api in catalog.Apis)
        {
            var parent = api.Dataset.Parents[0];
            var path = api.PathFor(parent);
            context.Output.WriteLine($"  {api.Operation.Method,-4} {server.Url}{path}   ({api.Id}; credential header {api.Auth.Header})");
            context.Output.WriteLine($"       known {api.Dataset.Parent}: {string.Join(", ", api.Dataset.Parents.Select(p => p[api.Dataset.Parent]))}");
        }

        context.Output.WriteLine($"  known parents: {server.Url}/__stub/parents   admin: {server.Url}/__stub   WireMock admin: {server.Url}/__admin/mappings   console: {server.Url}/__stub/console/");
        if (server.Options.NoAdminAuth)
        {
            context.Output.WriteLine("  WARNING --no-admin-auth: the admin endpoints take NO credential; anyone who reaches this port can reconfigure the stub and read its journal.");
        }
        else if (tokenSource.Token is not null)
        {
            // A token the user chose may serve elsewhere too: it is never printed (banners end up in CI logs).
            context.Output.WriteLine($"  admin token: given by {tokenSource.Origin} (not shown)   (send 'Authorization: Bearer <token>')");
            context.Output.WriteLine($"  console: {server.Url}/__stub/console/#admin_token=<token> (the part after # stays in the browser)");
            context.Output.WriteLine($"  provider states for Pact verifiers: {server.Url}/__stub/provider-states?admin_token=<token>");
        }
        else
        {
            context.Output.WriteLine($"  admin token: {server.AdminToken}   (generated; send 'Authorization: Bearer <token>'{(tokenFile is null ? string.Empty : $"; also in {tokenFile}, mode 0600")})");
            context.Output.WriteLine($"  console with the admin token (the part after # stays in the browser): {server.Url}/__stub/console/#admin_token={server.AdminToken}");
            context.Output.WriteLine($"  provider states for Pact verifiers: {server.Url}/__stub/provider-states?admin_token=<token>");
        }

        context.Output.WriteLine("Press Ctrl+C to stop.");
    }
}

/// <summary>
/// Where <c>serve</c> leaves its generated admin token for scripts: <c>.apicontracts-admin-token</c> in the
/// current folder, readable by the owner only, created afresh (never through a link) and removed on stop. The
/// server holds it open (a shared lock) while it runs, so a second server started in the same folder leaves a
/// live server's file alone, and replaces only a file a stopped (or killed) server left behind.
/// </summary>
internal sealed class AdminTokenFile : IDisposable
{
    public const string Name = ".apicontracts-admin-token";

    private readonly FileStream _held;
    private readonly string _token;

    private AdminTokenFile(string path, FileStream held, string token)
    {
        Path = path;
        _held = held;
        _token = token;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>Writes the file, or says why not and returns null: the banner still shows the token.</summary>
    public static AdminTokenFile? TryWrite(string token, CliContext context)
    {
        var path = System.IO.Path.GetFullPath(Name);
        try
        {
            if (HeldByAnother(path))
            {
                context.Fail($"another stub server running in this folder holds {path}; this server's admin token is shown below only");
                return null;
            }

            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.Read };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            var stream = new FileStream(path, options);
            stream.Write(System.Text.Encoding.ASCII.GetBytes(token + "\n"));
            stream.Flush();
            return new AdminTokenFile(path, stream, token);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Fail($"the admin token could not be written to {path} ({ex.Message}); it is shown below only");
            return null;
        }
    }

    // True when a running server holds the file; a link, or a file nobody holds, is removed (never followed).
    private static bool HeldByAnother(string path)
    {
        var existing = new FileInfo(path);
        if (existing.LinkTarget is not null)
        {
            File.Delete(path);
            return false;
        }

        if (!existing.Exists) return false;
        try
        {
            using (new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None))
            {
            }
        }
        catch (IOException)
        {
            return true;
        }

        File.Delete(path);
        return false;
    }

    /// <summary>Lets go of the file and removes it if it still holds this server's token.</summary>
    public void Dispose()
    {
        _held.Dispose();
        try
        {
            if (File.Exists(Path) && new FileInfo(Path).LinkTarget is null && File.ReadAllText(Path).Trim() == _token) File.Delete(Path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
