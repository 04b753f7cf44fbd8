namespace ApiContracts.Cli.Tests;

/// <summary>Runs the command line in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static (int Exit, string Out, string Err) RunWithInput(string stdin, params string[] args) =>
        RunWithBytes(System.Text.Encoding.UTF8.GetBytes(stdin), args);

    public static (int Exit, string Out, string Err) RunWithBytes(byte[] stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new MemoryStream(stdin);
        var exit = CliApp.Run(args, output, error, input);
        return (exit, output.ToString(), error.ToString());
    }

    public static (int Exit, string Out, string Err) Run(params string[] args) => RunWithInput(string.Empty, args);

    public static string WriteTemp(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), "apicontracts-cli-tests", Path.GetRandomFileName() + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }
}
