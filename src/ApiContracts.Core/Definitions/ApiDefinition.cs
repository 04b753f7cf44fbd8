namespace ApiContracts.Core.Definitions;

/// <summary>One documented endpoint, as read from <c>contracts/apis/&lt;id&gt;.yaml</c>.</summary>
/// <param name="Id">The API id, equal to the file name.</param>
/// <param name="Title">A short title in our words.</param>
/// <param name="Provider">The service the API belongs to (<c>servicestage</c>, <c>pai-dsw</c>, <c>evs</c>).</param>
/// <param name="Summary">What the API does, in our words.</param>
/// <param name="Source">Where the facts come from.</param>
/// <param name="Operation">Method, path and statuses.</param>
/// <param name="Auth">The credential the API expects.</param>
/// <param name="Request">The request's tables.</param>
/// <param name="Responses">One entry per answered status, ordered by status.</param>
/// <param name="Errors">The API's error model.</param>
/// <param name="Pagination">The paging model, when the API pages.</param>
/// <param name="Assumptions">Every decision the document leaves open.</param>
/// <param name="Dataset">The shape of the API's datasets: parent resource and known parents.</param>
/// <param name="File">The definition file's path, for messages.</param>
public sealed record ApiDefinition(
    string Id,
    string Title,
    string Provider,
    string Summary,
    SourceInfo Source,
    OperationInfo Operation,
    AuthInfo Auth,
    RequestInfo Request,
    IReadOnlyList<ResponseInfo> Responses,
    ErrorModel Errors,
    Paging? Pagination,
    IReadOnlyList<Assumption> Assumptions,
    DatasetModel Dataset,
    string File)
{
    /// <summary>The success response.</summary>
    public ResponseInfo Success => Responses.Single(r => r.Status == Operation.SuccessStatus);

    /// <summary>The response for <paramref name="status"/>, or null when the API does not answer with it.</summary>
    public ResponseInfo? Response(int status) => Responses.FirstOrDefault(r => r.Status == status);

    /// <summary>The path with every <c>{name}</c> placeholder replaced from <paramref name="values"/>.</summary>
    public string PathFor(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Aggregate(Operation.Path, (path, kv) => path.Replace("{" + kv.Key + "}", kv.Value, StringComparison.Ordinal));
    }

    /// <summary>
    /// A query value the API rejects with 400, as (parameter, value): see <see cref="Paging.RejectedExample"/>.
    /// Null when the API does not page.
    /// </summary>
    public (string Parameter, string Value)? RejectedQuery => Pagination?.RejectedExample;

    /// <summary>The request table for <paramref name="part"/>, or null when the request has none.</summary>
    public FieldTable? RequestPart(RequestPart part) => part switch
    {
        Definitions.RequestPart.Path => Request.Path,
        Definitions.RequestPart.Query => Request.Query,
        Definitions.RequestPart.Headers => Request.Headers,
        Definitions.RequestPart.Body => Request.Body,
        _ => null,
    };
}

/// <summary>The source page of a definition.</summary>
/// <param name="Document">The source page's text, kept in the repository: a path relative to the definition's folder (<c>../sources/&lt;id&gt;.txt</c>).</param>
/// <param name="Page">The page's breadcrumb or title as printed.</param>
/// <param name="UpdatedOn">The page's "updated on" date as printed, or <c>not stated</c>.</param>
/// <param name="Language">The page's language (<c>en</c>, <c>zh</c>).</param>
public sealed record SourceInfo(string Document, string Page, string UpdatedOn, string Language);

/// <summary>How the endpoint is called.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path template with <c>{name}</c> placeholders.</param>
/// <param name="Host">The host template, when the page gives one (EVS's <c>{endpoint}</c>).</param>
/// <param name="SuccessStatus">The status a successful call answers with.</param>
/// <param name="DocumentedStatuses">The page's status table as printed.</param>
public sealed record OperationInfo(string Method, string Path, string? Host, int SuccessStatus, IReadOnlyList<int> DocumentedStatuses);

/// <summary>The credential an API expects.</summary>
/// <param name="Header">The header carrying it.</param>
/// <param name="Scheme">The kind of credential (<c>token</c>, <c>acs-signature</c>).</param>
/// <param name="Note">Anything a reader should know about it.</param>
public sealed record AuthInfo(string Header, string Scheme, string? Note);

/// <summary>The parts of a request.</summary>
public enum RequestPart
{
    /// <summary>Path parameters.</summary>
    Path,

    /// <summary>Query parameters.</summary>
    Query,

    /// <summary>Request headers.</summary>
    Headers,

    /// <summary>The JSON body.</summary>
    Body,
}

/// <summary>The request's tables; each may be absent.</summary>
/// <param name="Path">Path parameters.</param>
/// <param name="Query">Query parameters.</param>
/// <param name="Headers">Header parameters.</param>
/// <param name="Body">Body fields.</param>
public sealed record RequestInfo(FieldTable? Path, FieldTable? Query, FieldTable? Headers, FieldTable? Body)
{
    /// <summary>The parts present, in a fixed order.</summary>
    public IEnumerable<(RequestPart Part, FieldTable Table)> Parts()
    {
        if (Path is not null) yield return (RequestPart.Path, Path);
        if (Query is not null) yield return (RequestPart.Query, Query);
        if (Headers is not null) yield return (RequestPart.Headers, Headers);
        if (Body is not null) yield return (RequestPart.Body, Body);
    }
}

/// <summary>A table of the document: its caption and rows.</summary>
/// <param name="Caption">The table's caption as printed.</param>
/// <param name="Fields">The rows, in the document's order.</param>
/// <param name="Examples">Example payloads for the table (a request body's example).</param>
public sealed record FieldTable(string Caption, IReadOnlyList<FieldDef> Fields, IReadOnlyList<ExamplePayload> Examples)
{
    /// <summary>
    /// Where the constraints of every row in the table (nested rows included) come from, by kind
    /// (<see cref="ConstraintSources.Kinds"/>): <c>page</c> or an assumption id. A row's own sources override these.
    /// </summary>
    public IReadOnlyDictionary<string, string> Sources { get; init; } = ConstraintSources.None;
}

/// <summary>The JSON types a row can have.</summary>
public enum FieldType
{
    /// <summary>A JSON string.</summary>
    String,

    /// <summary>A JSON number without a fraction.</summary>
    Integer,

    /// <summary>Any JSON number.</summary>
    Number,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>A JSON object.</summary>
    Object,

    /// <summary>A JSON array.</summary>
    Array,
}

/// <summary>One row of a table (or the item description of an array row).</summary>
/// <param name="Name">The name as documented; empty for array items.</param>
/// <param name="Mandatory">Whether the field must be present.</param>
/// <param name="Type">The JSON type.</param>
/// <param name="Description">Our description.</param>
/// <param name="Constraints">Machine constraints and hints.</param>
/// <param name="Items">For arrays: the item description.</param>
/// <param name="Fields">For objects: the nested table, when documented.</param>
/// <param name="Location">Where the row is in its definition file.</param>
public sealed record FieldDef(
    string Name,
    bool Mandatory,
    FieldType Type,
    string Description,
    FieldConstraints Constraints,
    FieldDef? Items,
    FieldTable? Fields,
    SourceLocation Location);

/// <summary>Constraints and hints of a row.</summary>
public sealed record FieldConstraints
{
    /// <summary>The type as the document prints it, when it says more than <see cref="FieldDef.Type"/>.</summary>
    public string? DocType { get; init; }

    /// <summary><c>table</c>; <c>example</c> when the field appears only in the page's example; <c>assumption</c> when neither shows it and an assumption adds it.</summary>
    public string Origin { get; init; } = "table";

    /// <summary>Whether null is a documented value.</summary>
    public bool Nullable { get; init; }

    /// <summary>The allowed values, as JSON text each.</summary>
    public IReadOnlyList<System.Text.Json.Nodes.JsonNode>? Enum { get; init; }

    /// <summary>The default value.</summary>
    public System.Text.Json.Nodes.JsonNode? Default { get; init; }

    /// <summary>The inclusive minimum.</summary>
    public decimal? Minimum { get; init; }

    /// <summary>The inclusive maximum.</summary>
    public decimal? Maximum { get; init; }

    /// <summary>The minimum length of a string.</summary>
    public int? MinLength { get; init; }

    /// <summary>The maximum length of a string.</summary>
    public int? MaxLength { get; init; }

    /// <summary>The minimum number of items.</summary>
    public int? MinItems { get; init; }

    /// <summary>The maximum number of items.</summary>
    public int? MaxItems { get; init; }

    /// <summary>An ECMA-262 regular expression the string must match.</summary>
    public string? Pattern { get; init; }

    /// <summary>A validated format (<c>date-time</c>, <c>uri</c>).</summary>
    public string? Format { get; init; }

    /// <summary>A hint for data generation; never validated.</summary>
    public string? Hint { get; init; }

    /// <summary>The page's example column for the row, verbatim.</summary>
    public string? DocExample { get; init; }

    /// <summary>The page's own description of the row, verbatim (kept by drafts the importer writes).</summary>
    public string? DocText { get; init; }

    /// <summary>For objects: whether undocumented members are allowed.</summary>
    public bool AdditionalProperties { get; init; }

    /// <summary>A conditional requirement.</summary>
    public RequiredWhen? RequiredWhen { get; init; }

    /// <summary>Ids of the assumptions that govern the row.</summary>
    public IReadOnlyList<string> Assumptions { get; init; } = [];

    /// <summary>Where this row's constraints come from, by kind: <c>page</c> or an assumption id (see <see cref="ConstraintSources"/>).</summary>
    public IReadOnlyDictionary<string, string> Sources { get; init; } = ConstraintSources.None;
}

/// <summary>The field is required when the field at <paramref name="Field"/> has one of <paramref name="In"/>.</summary>
/// <param name="Field">A JSON pointer from the body root.</param>
/// <param name="In">The values that make the field required.</param>
public sealed record RequiredWhen(string Field, IReadOnlyList<string> In);

/// <summary>A documented example payload.</summary>
/// <param name="Name">A short name.</param>
/// <param name="Description">What it shows.</param>
/// <param name="Json">The payload verbatim.</param>
public sealed record ExamplePayload(string Name, string Description, string Json);

/// <summary>One answered status.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Description">When it is answered.</param>
/// <param name="Body">The success body's table; null for error responses.</param>
/// <param name="Examples">Documented payloads.</param>
/// <param name="Error">For error responses: the code and envelope answered.</param>
/// <param name="Assumptions">Ids of governing assumptions.</param>
public sealed record ResponseInfo(
    int Status,
    string Description,
    FieldTable? Body,
    IReadOnlyList<ExamplePayload> Examples,
    ErrorCase? Error,
    IReadOnlyList<string> Assumptions)
{
    /// <summary>Whether the response carries the API's error body.</summary>
    public bool IsError => Error is not null;
}

/// <summary>The error an error response carries.</summary>
/// <param name="Code">The API's error code for this status.</param>
/// <param name="Envelope">For OpenStack-style errors: the wrapper property.</param>
public sealed record ErrorCase(string Code, string? Envelope);

/// <summary>An API's error body.</summary>
/// <param name="Style"><c>servicestage</c>, <c>alibaba</c> or <c>openstack</c>.</param>
/// <param name="Description">What the document says of it, in our words.</param>
/// <param name="Fields">The error object's rows.</param>
/// <param name="CodePattern">A pattern every code matches.</param>
/// <param name="Envelopes">For <c>openstack</c>: the allowed wrapper names.</param>
/// <param name="Examples">Documented error payloads.</param>
/// <param name="Assumptions">Ids of governing assumptions.</param>
public sealed record ErrorModel(
    string Style,
    string Description,
    FieldTable Fields,
    string? CodePattern,
    IReadOnlyList<string> Envelopes,
    IReadOnlyList<ExamplePayload> Examples,
    IReadOnlyList<string> Assumptions);

/// <summary>An explicit decision where a document is silent or contradicts itself.</summary>
/// <param name="Id">A1, A2...</param>
/// <param name="About">A pointer into the definition.</param>
/// <param name="Text">The decision and why.</param>
public sealed record Assumption(string Id, string About, string Text);

/// <summary>A position in a definition file.</summary>
/// <param name="File">The file.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}:{Column}";
}
