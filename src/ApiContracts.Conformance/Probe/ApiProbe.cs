using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ApiContracts.Core;
using ApiContracts.Core.Definitions;
using ApiContracts.Core.Routing;
using ApiContracts.Core.Schemas;

namespace ApiContracts.Conformance.Probe;

/// <summary>
/// What every check of one API shares: the definition, the parent it runs under, the headers the definition
/// documents, the client and budget, every exchange (for the schema check) and the results.
/// </summary>
internal sealed class ApiProbe
{
    private const string Placeholder = "apicontracts-probe";
    private readonly ProbeOptions _options;
    private readonly List<CheckResult> _results;
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public ApiProbe(ApiDefinition api, ContractCatalog catalog, ProbeClient client, ProbeOptions options, IReadOnlyDictionary<string, string> parent, List<CheckResult> results)
    {
        Api = api;
        Catalog = catalog;
        Client = client;
        _options = options;
        Parent = parent;
        _results = results;
        Path = api.PathFor(parent);
        Random = new Random(unchecked((int)(options.Seed ^ (options.Seed >> 32)) ^ StableHash(api.Id)));
    }

    public ApiDefinition Api { get; }

    public ContractCatalog Catalog { get; }

    public ProbeClient Client { get; }

    public IReadOnlyDictionary<string, string> Parent { get; }

    /// <summary>The API's path under the parent.</summary>
    public string Path { get; }

    /// <summary>The seeded choices of this API's checks.</summary>
    public Random Random { get; }

    /// <summary>Every exchange of this API, in order.</summary>
    public List<Exchange> Exchanges { get; } = [];

    /// <summary>
    /// The headers of a request: every credential given (a placeholder in the API's credential header when none
    /// is), and the headers the definition documents: Content-Type as it names it, so providers that enforce it
    /// (the stub with --strict) answer as documented.
    /// </summary>
    public List<KeyValuePair<string, string>> Headers(bool credential = true)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (credential)
        {
            headers.AddRange(_options.Credentials);
            if (!_options.Credentials.Any(c => string.Equals(c.Key, Api.Auth.Header, StringComparison.OrdinalIgnoreCase))) headers.Add(new(Api.Auth.Header, Placeholder));
        }

        foreach (var row in Api.Request.Headers?.Fields ?? [])
        {
            if (string.Equals(row.Name, Api.Auth.Header, StringComparison.OrdinalIgnoreCase)) continue;
            if (headers.Any(h => string.Equals(h.Key, row.Name, StringComparison.OrdinalIgnoreCase))) continue;
            var hint = row.Constraints.Hint ?? row.Constraints.DocExample;
            if (string.Equals(row.Name, "Content-Type", StringComparison.OrdinalIgnoreCase)) headers.Add(new(row.Name, hint is not null && hint.Contains('/', StringComparison.Ordinal) ? hint : "application/json"));
            else if (row.Mandatory) headers.Add(new(row.Name, hint ?? Placeholder));
        }

        return headers;
    }

    /// <summary>Sends the API's request with <paramref name="query"/> (and <paramref name="body"/>) under <paramref name="path"/> (default: the parent's).</summary>
    public Exchange Send(IReadOnlyList<KeyValuePair<string, string>> query, JsonNode? body = null, string? path = null, bool credential = true)
    {
        var text = body?.ToJsonString();
        var exchange = Client.Send(Api.Operation.Method, (path ?? Path) + QueryText(query), Headers(credential), text);
        Exchanges.Add(exchange);
        return exchange;
    }

    /// <summary>Runs a check; a spent budget makes it a skip, never a pass.</summary>
    public void Check(string id, RuleRef rule, Func<Verdict> body)
    {
        Verdict verdict;
        try
        {
            verdict = body();
        }
        catch (BudgetSpentException ex)
        {
            verdict = Verdict.Skip(ex.Message);
        }

        // Two checks that come to ask the same request (a short list) stay apart in the report.
        var unique = id;
        for (var n = 2; !_ids.Add(unique); n++) unique = $"{id} ({n})";
        var result = new CheckResult(Api.Id, unique, rule, verdict.Outcome, verdict.Reason, verdict.Evidence);
        _results.Add(result);
        _options.OnCheck?.Invoke(result);
    }

    /// <summary>Records a skipped check without running anything.</summary>
    public void Skip(string id, RuleRef rule, string reason) => Check(id, rule, () => Verdict.Skip(reason));

    /// <summary>Why <paramref name="exchange"/> is not the API's documented error for <paramref name="status"/>, or null when it is.</summary>
    public string? NotTheError(Exchange exchange, int status)
    {
        if (exchange.Error is not null) return $"no answer ({exchange.Error}); expected the API's {status}";
        if (exchange.Status != status) return $"expected the API's {status}, got {exchange.Status}";
        var errors = Catalog.Validate(Api.Id, $"response.{status.ToString(CultureInfo.InvariantCulture)}", exchange.Json, SchemaView.Published);
        return errors.Count == 0 ? null : $"the {status} body is not the API's error body: {string.Join("; ", errors.Take(3).Select(e => $"{(e.Pointer.Length == 0 ? "(root)" : e.Pointer)}: {e.Message}"))}";
    }

    /// <summary>The missing credential and the unknown parent: the API's 401 and 404.</summary>
    public void AuthAndParent(JsonNode? body)
    {
        var header = Api.Request.Headers?.Fields.FirstOrDefault(f => string.Equals(f.Name, Api.Auth.Header, StringComparison.OrdinalIgnoreCase));
        Check("auth.missing", RuleRef.For(Api, "/auth", $"a request without {Api.Auth.Header} is answered 401 with the API's error body", header?.Constraints.Assumptions ?? [], Api.Response(401)?.Assumptions ?? []), () =>
        {
            var exchange = Send([], body?.DeepClone(), credential: false);
            return NotTheError(exchange, 401) is { } why ? Verdict.Fail(why, exchange) : Verdict.Pass;
        });

        var name = Api.Dataset.Parent;
        var unknown = Api.PathFor(new Dictionary<string, string>(Parent, StringComparer.Ordinal) { [name] = UnknownLike(Parent[name]) });
        Check($"parent.unknown[{name}]", RuleRef.For(Api, "/responses/404", $"a {name} that does not exist is answered 404 with the API's error body", Api.Response(404)?.Assumptions ?? []), () =>
        {
            var exchange = Send([], body?.DeepClone(), path: unknown);
            return NotTheError(exchange, 404) is { } why ? Verdict.Fail(why, exchange) : Verdict.Pass;
        });
    }

    /// <summary>Every answer of the API validates against the published schema of its status; a status the API does not document fails.</summary>
    public void Schema()
    {
        var answered = Exchanges.Where(e => e.Error is null).ToList();
        var statuses = string.Join(", ", answered.Select(e => e.Status).Distinct().Order());
        Check("schema", RuleRef.For(Api, "/responses", $"every answer validates against the published (tolerant) schema of its status ({answered.Count} answers: {statuses})", Api.Success.Assumptions), () =>
        {
            if (answered.Count == 0) return Verdict.Skip("no answer to check");
            // An answer given twice (the default page and the same page asked for) is judged once.
            var distinct = answered.DistinctBy(e => (e.Status, e.Text)).ToList();
            var invalid = new List<(Exchange Exchange, string Why)>();
            foreach (var exchange in distinct)
            {
                var part = $"response.{exchange.Status.ToString(CultureInfo.InvariantCulture)}";
                if (Catalog.Schema(Api.Id, part) is null)
                {
                    invalid.Add((exchange, $"status {exchange.Status} is not one the API documents ({string.Join(", ", Api.Responses.Select(r => r.Status))})"));
                    continue;
                }

                var errors = Catalog.Validate(Api.Id, part, exchange.Json, SchemaView.Published);
                if (errors.Count > 0) invalid.Add((exchange, string.Join("; ", errors.Take(3))));
            }

            return invalid.Count == 0
                ? Verdict.Pass
                : Verdict.Fail($"{invalid.Count} of {distinct.Count} distinct answers do not validate; the first: {invalid[0].Why}", invalid[0].Exchange);
        });
    }

    /// <summary>The query as sent: <c>?a=1&amp;b=2</c>, escaped, or empty.</summary>
    public static string QueryText(IEnumerable<KeyValuePair<string, string>> query)
    {
        var parts = query.Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}").ToList();
        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }

    /// <summary>The query as a check's id shows it: <c>limit=3&amp;offset=5</c>, unescaped.</summary>
    public static string Show(IEnumerable<KeyValuePair<string, string>> query) => string.Join('&', query.Select(kv => $"{kv.Key}={kv.Value}"));

    /// <summary>A JSON value as text: a string as is, anything else as JSON.</summary>
    public static string Text(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value?.ToJsonString() ?? "null";

    /// <summary>A query parsed from text (<c>a=1&amp;b=2</c>).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Query(string text) => QueryString.Parse(text);

    /// <summary>An id shaped like <paramref name="known"/> (same length, digits for digits, letters for letters) that names nothing, from the seed.</summary>
    public string UnknownLike(string known)
    {
        var id = new StringBuilder(known.Length);
        foreach (var c in known)
        {
            id.Append(char.IsAsciiDigit(c) ? (char)('0' + Random.Next(10))
                : char.IsAsciiHexDigitLower(c) ? "abcdef"[Random.Next(6)]
                : char.IsAsciiHexDigitUpper(c) ? "ABCDEF"[Random.Next(6)]
                : char.IsAsciiLetterLower(c) ? (char)('a' + Random.Next(26))
                : char.IsAsciiLetterUpper(c) ? (char)('A' + Random.Next(26))
                : c);
        }

        // Never the known id itself, however short it is.
        return id.ToString() == known ? known + "0" : id.ToString();
    }

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text) hash = unchecked((hash * 31) + c);
        return hash;
    }
}
