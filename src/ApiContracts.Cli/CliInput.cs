using System.Text.Json.Nodes;
using ApiContracts.Core.Json;

namespace ApiContracts.Cli;

/// <summary>Files the commands read; each failure is an exception <see cref="CliApp.Guard"/> turns into exit code 2.</summary>
internal static class CliInput
{
    /// <summary>The JSON file at <paramref name="path"/>, read as bytes and parsed strictly (see <see cref="JsonInput"/>).</summary>
    public static JsonNode? ReadJson(string path, string missing)
    {
        if (!File.Exists(path)) throw new FileNotFoundException(missing);
        return JsonInput.ReadFile(path);
    }

    /// <summary>The pact file at <paramref name="path"/>, parsed strictly; <paramref name="label"/> names it when it is missing.</summary>
    /// <exception cref="FormatException">When its top level is not a JSON object.</exception>
    public static JsonObject ReadPact(string path, string label)
    {
        var document = ReadJson(path, $"{label}: no such pact file");
        return document as JsonObject ?? throw new FormatException($"{path}: not a pact: its top level is {(document is JsonArray ? "an array" : document is null ? "null" : "a single value")}, not a JSON object");
    }
}
