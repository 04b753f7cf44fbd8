using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ApiContracts.Core.Tests;

/// <summary>
/// ajv 8.20.0 with ajv-formats 3.0.1, run by Node.js (ajv/verdicts.js, packages fetched from npm by the build):
/// one node process judges a whole batch of (schema, instance) pairs.
/// </summary>
internal static class Ajv
{
    /// <summary>The verdicts of ajv with formats asserted, and of ajv with formats ignored, one per case.</summary>
    public static (bool[] Formats, bool[] NoFormats) Verdicts(IReadOnlyList<(JsonNode Schema, JsonNode? Data)> cases)
    {
        var keys = new Dictionary<JsonNode, string>(ReferenceEqualityComparer.Instance);
        var schemas = new JsonObject();
        var list = new JsonArray();
        foreach (var (schema, data) in cases)
        {
            if (!keys.TryGetValue(schema, out var key))
            {
                key = "s" + keys.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                keys[schema] = key;
                schemas[key] = schema.DeepClone();
            }

            list.Add(new JsonObject { ["schema"] = key, ["data"] = data?.DeepClone() });
        }

        var output = Run(new JsonObject { ["schemas"] = schemas, ["cases"] = list }.ToJsonString());
        var result = JsonNode.Parse(output)!;
        var formats = result["formats"]!.AsArray().Select(v => v!.GetValue<bool>()).ToArray();
        var noFormats = result["noFormats"]!.AsArray().Select(v => v!.GetValue<bool>()).ToArray();
        Assert.Equal(cases.Count, formats.Length);
        return (formats, noFormats);
    }

    private static string Run(string input)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "ajv");
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", "ajv")), $"ajv is missing from {folder}/node_modules: the build fetches it from npm");
        var start = new ProcessStartInfo("node", "verdicts.js")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started (is Node.js on PATH?)");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("ajv/verdicts.js did not answer within 2 minutes");
        }

        Assert.True(process.ExitCode == 0, $"ajv/verdicts.js exited {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }
}
