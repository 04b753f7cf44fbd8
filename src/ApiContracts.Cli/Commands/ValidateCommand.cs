using System.CommandLine;
using System.Globalization;
using ApiContracts.Core;
using ApiContracts.Core.Json;

namespace ApiContracts.Cli.Commands;

/// <summary><c>apicontracts validate</c>: checks one payload against one of an API's schemas.</summary>
internal static class ValidateCommand
{
    private static readonly string[] RequestParts = ["path", "query", "headers", "body"];

    public static Command Create(CliContext context, Option<string?> rootOption)
    {
        var api = new Option<string>("--api") { Description = "The API id (see 'apicontracts list').", Required = true };
        var request = new Option<string?>("--request") { Description = "Validate a request part: path, query, headers or body." };
        request.AcceptOnlyFromAmong(RequestParts);
        var response = new Option<int?>("--response") { Description = "Validate a response body for this HTTP status." };
        var file = new Argument<string>("file") { Description = "The JSON payload, or - for standard input." };
        var command = new Command("validate", "Validate a JSON payload against an API's request or response schema. Exit 0 valid, 1 invalid, 2 bad usage or unreadable input.")
        {
            api, request, response, file,
        };

        command.SetAction(parsed => CliApp.Guard(context, () =>
        {
            var requestPart = parsed.GetValue(request);
            var status = parsed.GetValue(response);
            if (requestPart is null == status is null)
            {
                context.Fail("give exactly one of --request <path|query|headers|body> or --response <status>");
                return ExitCodes.BadInput;
            }

            var catalog = ContractCatalog.Load(RepositoryRoot.Find(parsed.GetValue(rootOption)));
            var apiId = parsed.GetValue(api)!;
            var part = requestPart is not null ? $"request.{requestPart}" : $"response.{status!.Value.ToString(CultureInfo.InvariantCulture)}";
            var source = parsed.GetValue(file)!;
            // Bytes, never a string: read once, decoded as strictly as the stub server decodes a body.
            var payload = source == "-" ? JsonInput.Parse(context.Input, "<stdin>") : CliInput.ReadJson(source, $"{source}: no such file");
            var errors = catalog.Validate(apiId, part, payload);
            if (errors.Count == 0)
            {
                context.Output.WriteLine($"valid: {source} matches {apiId} {part}");
                return ExitCodes.Ok;
            }

            context.Output.WriteLine($"invalid: {source} does not match {apiId} {part} ({errors.Count} error(s)):");
            foreach (var error in errors) context.Output.WriteLine($"  {error}");
            return ExitCodes.Invalid;
        }));
        return command;
    }
}
