using System.Text.Json.Nodes;
using ApiContracts.Pact.Interop;

namespace ApiContracts.Pact.Verification;

/// <summary>What to verify, and against which provider.</summary>
/// <param name="ProviderUrl">The provider's base URL.</param>
/// <param name="Sources">Pact files, or folders of them.</param>
/// <param name="StateChangeUrl">Where provider states are set up, or null.</param>
/// <param name="RequestTimeout">How long one request may take.</param>
public sealed record VerificationOptions(Uri ProviderUrl, IReadOnlyList<string> Sources, Uri? StateChangeUrl, TimeSpan RequestTimeout);

/// <summary>The outcome of one interaction.</summary>
/// <param name="Pact">The pact file.</param>
/// <param name="Provider">The provider's name in the pact.</param>
/// <param name="Description">The interaction's description.</param>
/// <param name="Passed">Whether the provider answered as the pact expects.</param>
/// <param name="Mismatches">What differed, each naming the place (JSON path, header, status).</param>
public sealed record InteractionResult(string Pact, string Provider, string Description, bool Passed, IReadOnlyList<string> Mismatches);

/// <summary>The outcome of a verification run.</summary>
/// <param name="Passed">Whether every interaction passed.</param>
/// <param name="Interactions">Each interaction's outcome.</param>
/// <param name="Json">The engine's JSON report per pact file.</param>
public sealed record VerificationResult(bool Passed, IReadOnlyList<InteractionResult> Interactions, IReadOnlyList<JsonNode> Json);

/// <summary>Runs the Pact engine's provider verifier (libpact_ffi) over pact files.</summary>
public static class ProviderVerifier
{
    /// <summary>Verifies every pact of <paramref name="options"/> against the provider.</summary>
    /// <exception cref="PactEngineException">When the engine cannot run (2: an error, not a failed interaction).</exception>
    public static VerificationResult Verify(VerificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var files = Files(options.Sources);
        if (files.Count == 0) throw new FileNotFoundException($"no pact files in {string.Join(", ", options.Sources)}");
        var results = new List<InteractionResult>();
        var reports = new List<JsonNode>();
        foreach (var file in files)
        {
            var pact = JsonNode.Parse(File.ReadAllText(file))!;
            var provider = (string?)pact["provider"]?["name"] ?? "provider";
            using var handle = VerifierHandle.Create("apicontracts", typeof(ProviderVerifier).Assembly.GetName().Version?.ToString() ?? "1.0.0");
            var url = options.ProviderUrl;
            NativeMethods.VerifierSetProviderInfo(handle, provider, url.Scheme, url.Host, (ushort)url.Port, url.AbsolutePath == "/" ? string.Empty : url.AbsolutePath);
            NativeMethods.VerifierAddFileSource(handle, file);
            if (options.StateChangeUrl is { } state) NativeMethods.VerifierSetProviderState(handle, state.ToString(), teardown: 1, body: 1);
            NativeMethods.VerifierSetVerificationOptions(handle, 0, (ulong)options.RequestTimeout.TotalMilliseconds);
            NativeMethods.VerifierSetColouredOutput(handle, 0);
            NativeMethods.VerifierSetNoPactsIsError(handle, 1);
            var code = NativeMethods.VerifierExecute(handle);
            var report = JsonNode.Parse(EngineStrings.TakeOwned(NativeMethods.VerifierJson(handle)) ?? "{}")!;
            reports.Add(report);
            if (code == 2) throw new PactEngineException("pactffi_verifier_execute", $"could not verify {file}: {EngineStrings.TakeOwned(NativeMethods.VerifierOutput(handle, 1))}");
            results.AddRange(Interactions(file, provider, pact, report));
        }

        return new VerificationResult(results.All(r => r.Passed), results, reports);
    }

    // The engine reports each interaction under interactionResults: its description, "OK" or "Error", and the mismatches.
    private static IEnumerable<InteractionResult> Interactions(string file, string provider, JsonNode pact, JsonNode report)
    {
        var results = (report["interactionResults"] as JsonArray ?? []).ToList();
        foreach (var interaction in pact["interactions"] as JsonArray ?? [])
        {
            var description = (string?)interaction?["description"] ?? string.Empty;
            var result = results.FirstOrDefault(r => (string?)r?["description"] == description);
            if (result is null)
            {
                yield return new InteractionResult(file, provider, description, false, ["the engine reported no result for this interaction"]);
                continue;
            }

            var passed = (string?)result["result"] == "OK";
            yield return new InteractionResult(file, provider, description, passed, passed ? [] : Describe(result).ToList());
        }
    }

    private static IEnumerable<string> Describe(JsonNode? result)
    {
        var mismatch = result?["mismatch"];
        if (mismatch?["mismatches"] is JsonArray list && list.Count > 0)
        {
            foreach (var m in list)
            {
                var path = (string?)m?["path"] ?? (string?)m?["key"] ?? (string?)m?["parameter"] ?? string.Empty;
                var type = (string?)m?["type"] ?? "mismatch";
                var text = (string?)m?["mismatch"] ?? m?.ToJsonString() ?? string.Empty;
                yield return path.Length > 0 ? $"{type} at {path}: {text}" : $"{type}: {text}";
            }
        }
        else
        {
            yield return (string?)mismatch?["message"] ?? mismatch?.ToJsonString() ?? result?.ToJsonString() ?? "failed";
        }
    }

    private static List<string> Files(IEnumerable<string> sources)
    {
        var files = new List<string>();
        foreach (var source in sources)
        {
            if (Directory.Exists(source)) files.AddRange(Directory.GetFiles(source, "*.json").Order(StringComparer.Ordinal));
            else if (File.Exists(source)) files.Add(source);
            else throw new FileNotFoundException($"{source}: no such pact file or folder");
        }

        return files;
    }
}
