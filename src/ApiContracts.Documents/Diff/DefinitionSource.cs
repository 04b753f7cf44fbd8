using System.Diagnostics;
using System.Text;
using ApiContracts.Core.Definitions;

namespace ApiContracts.Documents.Diff;

/// <summary>
/// Loads the definitions a <c>diff</c> argument names: a definition file, a folder of them, or
/// <c>git:&lt;rev&gt;:&lt;path&gt;</c> (a file or folder as committed at a revision, read with <c>git show</c>).
/// Every definition is read by the same strict loader as <c>generate</c>.
/// </summary>
public static class DefinitionSource
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The definitions <paramref name="spec"/> names; relative paths and git commands start in <paramref name="workingDirectory"/>.</summary>
    /// <exception cref="FileNotFoundException">When the file or folder does not exist.</exception>
    /// <exception cref="IOException">When git fails (an unknown revision or path), with git's message.</exception>
    /// <exception cref="DefinitionException">When a definition is malformed.</exception>
    public static IReadOnlyList<ApiDefinition> Load(string spec, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(workingDirectory);
        if (spec.StartsWith("git:", StringComparison.Ordinal)) return FromGit(spec, workingDirectory);
        var path = Path.GetFullPath(spec, workingDirectory);
        if (Directory.Exists(path)) return DefinitionLoader.LoadDirectory(path, workingDirectory);
        if (!File.Exists(path)) throw new FileNotFoundException($"{spec}: no such definition file or folder (give a .yaml file, a folder of them, or git:<rev>:<path>)");
        return [DefinitionLoader.Load(Decode(File.ReadAllBytes(path), spec), spec)];
    }

    private static List<ApiDefinition> FromGit(string spec, string workingDirectory)
    {
        var rest = spec["git:".Length..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == rest.Length - 1) throw new ArgumentException($"{spec}: expected git:<rev>:<path>, such as git:HEAD~1:contracts/apis");
        var rev = rest[..colon];
        // As git reads it: from the repository's root, or from the current folder when it starts with ./
        var path = rest[(colon + 1)..].Replace('\\', '/');
        path = path is "." or "./" ? "./" : path.TrimEnd('/');
        if (rev.StartsWith('-')) throw new ArgumentException($"{spec}: a revision cannot start with '-'");
        var top = workingDirectory;
        var kind = Text(Git(top, spec, "cat-file", "-t", $"{rev}:{path}")).Trim();
        if (kind == "blob") return [Show(top, spec, rev, path)];
        if (kind != "tree") throw new IOException($"{spec}: {path} at {rev} is a {kind}, not a file or folder");
        var names = Text(Git(top, spec, "ls-tree", "--name-only", "--full-tree", $"{rev}:{path}")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(n => n.EndsWith(".yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        if (names.Count == 0) throw new IOException($"{spec}: no *.yaml definitions in {path} at {rev}");
        var problems = new List<DefinitionProblem>();
        var result = new List<ApiDefinition>();
        foreach (var name in names)
        {
            try
            {
                result.Add(Show(top, spec, rev, path == "./" ? "./" + name : $"{path}/{name}"));
            }
            catch (DefinitionException ex)
            {
                problems.AddRange(ex.Problems);
            }
        }

        if (problems.Count > 0) throw new DefinitionException(problems);
        return result;
    }

    private static ApiDefinition Show(string top, string spec, string rev, string path)
    {
        // The loader checks the id against the file name: keep a '/' before it so ':' does not join the two.
        var shown = $"git:{rev}:{(path.Contains('/', StringComparison.Ordinal) ? path : "./" + path)}";
        return DefinitionLoader.Load(Decode(Git(top, spec, "show", $"{rev}:{path}"), shown), shown);
    }

    private static string Decode(byte[] bytes, string shown)
    {
        var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        try
        {
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException)
        {
            throw new DefinitionException([new DefinitionProblem(new SourceLocation(shown, 1, 1), "not valid UTF-8; definitions are UTF-8 text")]);
        }
    }

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static byte[] Git(string directory, string spec, params string[] args)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new IOException($"{spec}: could not start git");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new IOException($"{spec}: git is needed to read it and could not be started ({ex.Message})", ex);
        }

        using (process)
        {
            using var output = new MemoryStream();
            var error = process.StandardError.ReadToEndAsync();
            process.StandardOutput.BaseStream.CopyTo(output);
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new IOException($"{spec}: git {args[0]} failed: {error.Result.Trim().ReplaceLineEndings(" ")}");
            }

            return output.ToArray();
        }
    }
}
