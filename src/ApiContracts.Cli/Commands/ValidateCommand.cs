using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using ApiContracts.Core;
using ApiContracts.Core.Json;
using ApiContracts.Core.Validation;
using Spectre.Console;

namespace ApiContracts.Cli.Commands;

/// <summary>
/// <c>apicontracts validate</c>: checks one payload against one of an API's schemas, or (<c>--schema</c>) any JSON
/// files against any draft-07 schema file.
/// </summary>
internal static class ValidateCommand
{
    private static readonly string[] RequestParts = ["path", "query", "headers", "body"];

    public static Command Create(CliContext context, Option<string?> rootOption)
    {
        var api = new Option<string?>("--api") { Description = "The API id (see 'apicontracts list')." };
        var request = new Option<string?>("--request") { Description = "Validate a request part: path, query, headers or body." };
        request.AcceptOnlyFromAmong(RequestParts);
        var response = new Option<int?>("--response") { Description = "Validate a response body for this HTTP status." };
        var schemaFile = new Option<string?>("--schema") { Description = "Validate against this draft-07 JSON Schema file instead of an API's schema; takes one or more files." };
        var files = new Argument<string[]>("file") { Description = "The JSON payload, or - for standard input (with --schema: one or more).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Validate a JSON payload against an API's request or response schema, or JSON files against any draft-07 schema (--schema). Exit 0 valid, 1 invalid, 2 bad usage or unreadable input.")
        {
            api, request, response, schemaFile, files,
        };

        command.SetAction(parsed => CliApp.Guard(context, () =>
        {
            var sources = parsed.GetValue(files)!;
            if (parsed.GetValue(schemaFile) is { } schemaPath)
            {
                if (parsed.GetValue(api) is not null || parsed.GetValue(request) is not null || parsed.GetValue(response) is not null)
                {
                    context.Fail("--schema validates against a schema file; give it without --api, --request or --response");
                    return ExitCodes.BadInput;
                }

                return ValidateAgainstSchemaFile(context, schemaPath, sources);
            }

            var requestPart = parsed.GetValue(request);
            var status = parsed.GetValue(response);
            if (parsed.GetValue(api) is not { } apiId)
            {
                context.Fail("give --api <id> with --request or --response, or --schema <file>");
                return ExitCodes.BadInput;
            }

            if (requestPart is null == status is null)
            {
                context.Fail("give exactly one of --request <path|query|headers|body> or --response <status>");
                return ExitCodes.BadInput;
            }

            if (sources.Length != 1)
            {
                context.Fail($"--api validates one payload; {sources.Length} were given (use --schema to validate several files)");
                return ExitCodes.BadInput;
            }

            var catalog = RepositoryRoot.Resolve(parsed.GetValue(rootOption)).LoadCatalog();
            var part = requestPart is not null ? $"request.{requestPart}" : $"response.{status!.Value.ToString(CultureInfo.InvariantCulture)}";
            var source = sources[0];
            var payload = Read(context, source);
            // The published schema, as contracts/schemas holds it: what a provider's answer must satisfy.
            var errors = catalog.Validate(apiId, part, payload, Core.Schemas.SchemaView.Published);
            return Report(context, source, $"{apiId} {part}", errors);
        }));
        return command;
    }

    // Any JSON files against any draft-07 schema file: the schema is checked against the draft-07
    // meta-schema first, since a broken schema would make every verdict meaningless.
    private static int ValidateAgainstSchemaFile(CliContext context, string schemaPath, string[] sources)
    {
        var schema = CliInput.ReadJson(schemaPath, $"{schemaPath}: no such schema file");
        if (schema is JsonObject o && o["$schema"] is JsonValue declared && declared.ToString() is var dialect
            && dialect.TrimEnd('#') != Core.Schemas.SchemaBuilder.Draft07.TrimEnd('#'))
        {
            context.Fail($"{schemaPath}: the schema declares $schema {dialect}; only draft-07 schemas ({Core.Schemas.SchemaBuilder.Draft07}) are read");
            return ExitCodes.BadInput;
        }

        var problems = SchemaValidator.SchemaProblems(schema);
        if (problems.Count > 0)
        {
            context.Fail($"{schemaPath} is not a valid draft-07 schema ({problems.Count} problem(s)):");
            foreach (var problem in problems) context.Err.WriteLine($"  {problem}");
            return ExitCodes.BadInput;
        }

        if (sources.Count(s => s == "-") > 1)
        {
            context.Fail("standard input (-) can be given once");
            return ExitCodes.BadInput;
        }

        var validator = new SchemaValidator(schema!);
        var exit = ExitCodes.Ok;
        foreach (var source in sources)
        {
            var errors = validator.Validate(Read(context, source));
            if (Report(context, source, schemaPath, errors) != ExitCodes.Ok) exit = ExitCodes.Invalid;
        }

        return exit;
    }

    private static JsonNode? Read(CliContext context, string source)
    {
        // Bytes, never a string: read once, decoded as strictly as the stub server decodes a body.
        return source == "-" ? JsonInput.Parse(context.Input, "<stdin>") : CliInput.ReadJson(source, $"{source}: no such file");
    }

    private static int Report(CliContext context, string source, string against, IReadOnlyList<ValidationError> errors)
    {
        if (errors.Count == 0)
        {
            context.Output.WriteLine($"valid: {source} matches {against}");
            return ExitCodes.Ok;
        }

        context.Output.WriteLine($"invalid: {source} does not match {against} ({errors.Count} error(s)):");
        foreach (var error in errors) context.Output.WriteLine($"  {error}");
        return ExitCodes.Invalid;
    }
}
