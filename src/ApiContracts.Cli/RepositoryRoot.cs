using System.Text.Json.Nodes;
using ApiContracts.Core;
using ApiContracts.Core.Definitions;
using ApiContracts.Core.Json;

namespace ApiContracts.Cli;

/// <summary>
/// The definitions a command works on and the folder its artifacts belong to: a user's own (a folder holding
/// <c>apicontracts.json</c> or <c>contracts/apis</c>), or, when there is none, the definitions built into the tool.
/// </summary>
/// <param name="Root">The project folder (where <c>generate</c> writes), or null for the built-in definitions.</param>
/// <param name="Definitions">The folder of <c>&lt;id&gt;.yaml</c> definitions, or null for the built-in ones.</param>
public sealed record Workspace(string? Root, string? Definitions)
{
    /// <summary>Whether these are the definitions built into the tool (read-only; nothing to generate into).</summary>
    public bool IsBuiltIn => Root is null;

    /// <summary>How messages name the definitions.</summary>
    public string Label => Definitions ?? "the built-in definitions";

    /// <summary>Loads the definitions.</summary>
    /// <exception cref="DefinitionException">When one is malformed.</exception>
    public ContractCatalog LoadCatalog() =>
        Root is null ? ContractCatalog.LoadBuiltIn() : ContractCatalog.From(DefinitionLoader.LoadDirectory(Definitions!, Root));
}

/// <summary>Finds the definitions a command works on (see <see cref="Workspace"/>).</summary>
public static class RepositoryRoot
{
    /// <summary>The project file that names a definitions folder: <c>{"definitions": "contracts/apis"}</c>.</summary>
    public const string ConfigFile = "apicontracts.json";

    private const string DefaultDefinitions = "contracts/apis";

    /// <summary>
    /// <paramref name="given"/> (<c>--root</c>), else the nearest folder at or above the current one that holds
    /// <c>apicontracts.json</c> or <c>contracts/apis</c>, else the built-in definitions.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">When <paramref name="given"/> holds neither.</exception>
    /// <exception cref="FormatException">When an <c>apicontracts.json</c> is malformed.</exception>
    public static Workspace Resolve(string? given)
    {
        if (given is not null)
        {
            var full = Path.GetFullPath(given);
            return At(full) ?? throw new DirectoryNotFoundException($"--root {given}: neither {ConfigFile} nor a contracts/apis folder there");
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (At(dir.FullName) is { } found) return found;
        }

        return new Workspace(null, null);
    }

    /// <summary>The project folder: <paramref name="given"/>, or the nearest one at or above the current folder.</summary>
    /// <exception cref="DirectoryNotFoundException">When there is none (the built-in definitions have no folder).</exception>
    public static string Find(string? given) =>
        Resolve(given).Root ?? throw new DirectoryNotFoundException($"no {ConfigFile} or contracts/apis folder at or above the current folder; run inside your project or pass --root");

    private static Workspace? At(string folder)
    {
        var config = Path.Combine(folder, ConfigFile);
        if (File.Exists(config)) return new Workspace(folder, ReadConfig(config, folder));
        return Directory.Exists(Path.Combine(folder, "contracts", "apis")) ? new Workspace(folder, Path.Combine(folder, "contracts", "apis")) : null;
    }

    // {"definitions": "<folder, relative to this file>"}; "$schema" is allowed for editors, nothing else.
    private static string ReadConfig(string path, string folder)
    {
        var document = JsonInput.ReadFile(path) as JsonObject
            ?? throw new FormatException($"{path}: expected a JSON object such as {{\"definitions\": \"{DefaultDefinitions}\"}}");
        var problems = new List<string>();
        foreach (var (name, _) in document)
        {
            if (name is not ("definitions" or "$schema")) problems.Add($"unknown member '{name}' (allowed: definitions)");
        }

        var relative = DefaultDefinitions;
        if (document["definitions"] is { } value)
        {
            if (value is JsonValue text && text.TryGetValue<string>(out var s) && s.Trim().Length > 0) relative = s;
            else problems.Add("'definitions' must be a folder path (a string), relative to this file");
        }

        var definitions = Path.GetFullPath(Path.Combine(folder, relative));
        if (problems.Count == 0 && !Directory.Exists(definitions)) problems.Add($"'definitions': the folder {definitions} does not exist");
        if (problems.Count > 0) throw new FormatException($"{path}: {string.Join("; ", problems)}");
        return definitions;
    }
}
