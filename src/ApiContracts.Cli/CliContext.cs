using Spectre.Console;

namespace ApiContracts.Cli;

/// <summary>Where a command writes and reads; tests pass their own writers.</summary>
public sealed class CliContext
{
    /// <summary>Creates a context over the given streams.</summary>
    public CliContext(TextWriter output, TextWriter error, Stream input)
    {
        Output = output;
        Input = input;
        // Made on first use: detecting the terminal costs milliseconds that `serve` would spend before listening.
        _out = new Lazy<IAnsiConsole>(() => Console(output));
        _err = new Lazy<IAnsiConsole>(() => Console(error));
    }

    private readonly Lazy<IAnsiConsole> _out;
    private readonly Lazy<IAnsiConsole> _err;

    /// <summary>Standard output.</summary>
    public TextWriter Output { get; }

    /// <summary>Standard input as bytes (for <c>-</c> arguments), so payloads are decoded as strictly as files.</summary>
    public Stream Input { get; }

    /// <summary>Rich output on standard output.</summary>
    public IAnsiConsole Out => _out.Value;

    /// <summary>Rich output on standard error.</summary>
    public IAnsiConsole Err => _err.Value;

    /// <summary>Writes a failure line to standard error: plain text, never a stack trace.</summary>
    public void Fail(string message) => Err.MarkupLineInterpolated($"[red]error:[/] {message}");

    private static IAnsiConsole Console(TextWriter writer)
    {
        var interactive = ReferenceEquals(writer, System.Console.Out) && !System.Console.IsOutputRedirected
            || ReferenceEquals(writer, System.Console.Error) && !System.Console.IsErrorRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive) console.Profile.Width = 200;
        return console;
    }
}
