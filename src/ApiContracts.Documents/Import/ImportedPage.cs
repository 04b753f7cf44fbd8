using System.Text.Json.Nodes;
using ApiContracts.Core.Definitions;

namespace ApiContracts.Documents.Import;

/// <summary>What the importer read from a page: the facts the page states, and what it could not decide.</summary>
/// <param name="Id">The API id the draft is for.</param>
/// <param name="Provider">The provider given on the command line, if any.</param>
/// <param name="Page">How messages name the page (its path).</param>
/// <param name="Family">The page family: <c>huawei</c>, <c>alibaba</c> or <c>pipe</c>.</param>
/// <param name="Language"><c>en</c> or <c>zh</c>.</param>
/// <param name="Breadcrumb">The page's breadcrumb or title line, as printed.</param>
/// <param name="Title">The first line of the page's introduction that is neither breadcrumb nor date (its title), or null.</param>
/// <param name="UpdatedOn">The "updated on" date as printed, or null.</param>
/// <param name="Operation">The request line.</param>
/// <param name="Statuses">The status table as printed (status and description); empty when the page has none.</param>
/// <param name="SuccessStatus">The success status, when the status table and examples agree on one.</param>
/// <param name="Request">The request tables by part.</param>
/// <param name="Response">The success body's table.</param>
/// <param name="Errors">The error body's table, when the page has one.</param>
/// <param name="ErrorCode">The error code format line, when the page has one.</param>
/// <param name="RequestExamples">Example request bodies, verbatim.</param>
/// <param name="ResponseExamples">Example success bodies, verbatim.</param>
/// <param name="ErrorExamples">Example error bodies, verbatim, named by their wrapper.</param>
/// <param name="Questions">Everything the importer could not decide, each about a place in the draft.</param>
public sealed record ImportedPage(
    string Id,
    string? Provider,
    string Page,
    string Family,
    string Language,
    string? Breadcrumb,
    string? Title,
    string? UpdatedOn,
    ImportedOperation Operation,
    IReadOnlyList<(int Status, string Description)> Statuses,
    int? SuccessStatus,
    IReadOnlyDictionary<RequestPart, ImportedTable> Request,
    ImportedTable? Response,
    ImportedTable? Errors,
    ErrorCodeFormat? ErrorCode,
    IReadOnlyList<ExamplePayload> RequestExamples,
    IReadOnlyList<ExamplePayload> ResponseExamples,
    IReadOnlyList<ExamplePayload> ErrorExamples,
    IReadOnlyList<OpenQuestion> Questions);

/// <summary>The request line: <c>GET https://{endpoint}/v2/{project_id}/cloudsnapshots/detail?status=available</c>.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path template.</param>
/// <param name="Host">The host template, when the line gives one (<c>{endpoint}</c>).</param>
/// <param name="Query">The query string the line carries, when it does (an example, not a parameter table).</param>
/// <param name="Line">The line.</param>
public sealed record ImportedOperation(string Method, string Path, string? Host, string? Query, int Line)
{
    /// <summary>The names of the path's <c>{placeholders}</c>, in order.</summary>
    public IReadOnlyList<string> PathNames => System.Text.RegularExpressions.Regex.Matches(Path, "{([^}]+)}").Select(m => m.Groups[1].Value).ToList();
}

/// <summary>A table as the page prints it.</summary>
/// <param name="Caption">The caption as printed, or null when the page prints none.</param>
/// <param name="Line">Its line.</param>
/// <param name="Rows">Its rows.</param>
public sealed record ImportedTable(string? Caption, int Line, IReadOnlyList<ImportedRow> Rows);

/// <summary>One row of a page table.</summary>
/// <param name="Name">The name as printed (empty for an array's items).</param>
/// <param name="Mandatory">The Mandatory column's value; null when the table has no such column or the cell is lost.</param>
/// <param name="Type">The JSON type; null when the page does not say (the items of a plain <c>Array</c>).</param>
/// <param name="DocType">The type as printed, when it says more than <paramref name="Type"/>.</param>
/// <param name="DocText">The page's description, verbatim.</param>
/// <param name="DocExample">The example column, verbatim.</param>
/// <param name="Origin"><c>table</c>, or <c>example</c> for a field only the example shows.</param>
/// <param name="Nullable">True when the page's example shows null here; null when nothing says.</param>
/// <param name="Constraints">Constraints read from unambiguous wording, each with its sentence.</param>
/// <param name="Items">For arrays: the items.</param>
/// <param name="Fields">For objects: the nested table.</param>
/// <param name="Line">The row's line.</param>
public sealed record ImportedRow(
    string Name,
    bool? Mandatory,
    FieldType? Type,
    string? DocType,
    string DocText,
    string? DocExample,
    string Origin,
    bool? Nullable,
    IReadOnlyList<ReadConstraint> Constraints,
    ImportedRow? Items,
    ImportedTable? Fields,
    int Line)
{
    /// <summary>The constraint of <paramref name="kind"/>, or null.</summary>
    public ReadConstraint? Constraint(string kind) => Constraints.FirstOrDefault(c => c.Kind == kind);
}

/// <summary>A constraint read from the page's wording.</summary>
/// <param name="Kind"><c>enum</c>, <c>minimum</c>, <c>maximum</c>, <c>default</c> or <c>required_when</c>.</param>
/// <param name="Value">The value: a JSON array of values for <c>enum</c> and <c>required_when</c>'s values, else one JSON value.</param>
/// <param name="Sentence">The words it was read from, verbatim.</param>
/// <param name="Field">For <c>required_when</c>: the pointer of the field it depends on.</param>
public sealed record ReadConstraint(string Kind, JsonNode Value, string Sentence, string? Field = null);

/// <summary>The page's error code line: <c>SVCSTG.00100.[Error_ID]</c>, for example <c>SVCSTG.00100400</c>.</summary>
/// <param name="Format">The format as printed.</param>
/// <param name="Example">The example code, when given.</param>
/// <param name="Sentence">The line, verbatim.</param>
/// <param name="Line">Its line.</param>
public sealed record ErrorCodeFormat(string Format, string? Example, string Sentence, int Line);

/// <summary>Something the page leaves open; a draft turns each into an assumption to decide.</summary>
/// <param name="About">A pointer into the draft (<c>/request/query/Order</c>).</param>
/// <param name="Text">What is open and why, quoting the page.</param>
/// <param name="Line">The page line it comes from.</param>
public sealed record OpenQuestion(string About, string Text, int Line);
