using System.CommandLine;
using System.Globalization;
using ApiContracts.Core;
using Spectre.Console;

namespace ApiContracts.Cli.Commands;

/// <summary><c>apicontracts list</c>: the APIs the definitions describe.</summary>
internal static class ListCommand
{
    public static Command Create(CliContext context, Option<string?> rootOption)
    {
        var command = new Command("list", "List the defined APIs with their operation, success status and paging style.");
        command.SetAction(parsed => CliApp.Guard(context, () =>
        {
            var catalog = RepositoryRoot.Resolve(parsed.GetValue(rootOption)).LoadCatalog();
            var table = new Table().Border(TableBorder.Simple)
                .AddColumn("id").AddColumn("provider").AddColumn("method").AddColumn("success").AddColumn("paging").AddColumn("title");
            foreach (var api in catalog.Apis)
            {
                table.AddRow(
                    Markup.Escape(api.Id),
                    Markup.Escape(api.Provider),
                    api.Operation.Method,
                    api.Operation.SuccessStatus.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(api.Pagination?.Style ?? "none"),
                    Markup.Escape(api.Title));
            }

            context.Out.Write(table);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
