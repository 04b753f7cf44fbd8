using System.Text.Json.Nodes;
using ApiContracts.Core;
using ApiContracts.Core.Definitions;
using ApiContracts.Core.Routing;
using ApiContracts.Core.Validation;

namespace ApiContracts.Pact.Contracts;

/// <summary>One incompatibility between a consumer's pact and the API definitions.</summary>
/// <param name="Interaction">The interaction's description.</param>
/// <param name="Where">Where in the interaction (request query, response body pointer, matcher path).</param>
/// <param name="Message">What the API would not do.</param>
public sealed record PactProblem(string Interaction, string Where, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"'{Interaction}': {Where}: {Message}";
}

/// <summary>
/// Checks a pact written by any consumer, in any language, against the definitions: each request is one
/// the API accepts (when a success is expected), each expected response validates against the closed view of
/// the schema of its status (a consumer may not rely on a field the tables do not list), each matcher asks for
/// something the field can deliver (its type, enum, pattern and format), and the pact's own example satisfies
/// its matchers.
/// </summary>
public sealed partial class ConsumerPactChecker(ContractCatalog catalog)
{
    private readonly RouteTable _routes = new(catalog.Apis);
    private readonly Dictionary<string, SchemaValidator> _partial = new(StringComparer.Ordinal);

    /// <summary>The problems of <paramref name="pact"/>; empty when it is compatible.</summary>
    /// <exception cref="FormatException">When the document is not a pact.</exception>
    public IReadOnlyList<PactProblem> Check(JsonNode pact)
    {
        ArgumentNullException.ThrowIfNull(pact);
        if (pact["interactions"] is not JsonArray interactions) throw new FormatException("not a pact: no 'interactions' array");
        var problems = new List<PactProblem>();
        foreach (var interaction in PactDocument.HttpInteractions(interactions)) problems.AddRange(CheckInteraction(interaction));

        return problems;
    }

    private IEnumerable<PactProblem> CheckInteraction(JsonObject interaction)
    {
        var name = (string?)interaction["description"] ?? "(no description)";
        var request = interaction["request"] as JsonObject ?? throw new FormatException($"'{name}': no request");
        var response = interaction["response"] as JsonObject ?? throw new FormatException($"'{name}': no response");
        var method = ((string?)request["method"] ?? "GET").ToUpperInvariant();
        var path = (string?)request["path"] ?? "/";
        var status = response["status"] is JsonValue s ? s.GetValue<int>() : 200;
        var matches = _routes.Match(path).ToList();
        var match = matches.FirstOrDefault(m => m.Api.Operation.Method == method);
        if (match.Api is null)
        {
            var known = matches.Count > 0 ? $"it answers {string.Join(", ", matches.Select(m => m.Api.Operation.Method))} there" : "no API has this path";
            yield return new PactProblem(name, "request", $"{method} {path} is not an operation of any API ({known})");
            yield break;
        }

        var api = match.Api;
        var documented = api.Response(status);
        if (documented is null)
        {
            yield return new PactProblem(name, "response status", $"{api.Id} does not answer {status} (it answers {string.Join(", ", api.Responses.Select(r => r.Status))})");
            yield break;
        }

        // A request only has to be acceptable when the consumer expects it to succeed.
        if (status == api.Operation.SuccessStatus)
        {
            foreach (var problem in RequestProblems(api, request)) yield return new PactProblem(name, "request", problem);
        }

        // Pact lets a consumer leave out the fields it does not use; every field it does expect must be one
        // the API sends, with a value the schema allows. So the expectation is validated with the schema's
        // required lists removed and everything else (types, enums, patterns, closed objects) kept.
        var (body, unreadable) = ReadBody(response["body"]);
        if (unreadable is not null) yield return new PactProblem(name, "response body", unreadable);
        if (body is not null)
        {
            foreach (var error in Partial(api.Id, $"response.{status}").Validate(body))
            {
                yield return new PactProblem(name, $"response body {(error.Pointer.Length == 0 ? "(root)" : error.Pointer)}", error.Message);
            }
        }

        var schema = catalog.Schema(api.Id, $"response.{status}")!.Closed;
        foreach (var (matcherPath, combine, matchers) in BodyRules(response))
        {
            foreach (var problem in MatcherProblems(schema, body, matcherPath, combine, matchers, "sends")) yield return new PactProblem(name, $"matcher {matcherPath}", problem);
        }

        // A request body's matchers say what the consumer may send: each must allow a value the API accepts.
        if (catalog.Schema(api.Id, "request.body") is { } requestSchema)
        {
            var requestBody = ReadBody(request["body"]).Body;
            foreach (var (matcherPath, combine, matchers) in BodyRules(request))
            {
                foreach (var problem in MatcherProblems(requestSchema.Closed, requestBody, matcherPath, combine, matchers, "accepts")) yield return new PactProblem(name, $"request matcher {matcherPath}", problem);
            }
        }
    }

    private IEnumerable<string> RequestProblems(ApiDefinition api, JsonObject request)
    {
        foreach (var problem in RequestChecks.Query(catalog, api, PactDocument.Query(request["query"]).ToList()).Problems) yield return problem;
        var headers = PactDocument.Headers(request["headers"]).ToList();
        string? Header(string n) => headers.FirstOrDefault(h => string.Equals(h.Name, n, StringComparison.OrdinalIgnoreCase)).Value;
        if (string.IsNullOrWhiteSpace(Header(api.Auth.Header))) yield return $"header '{api.Auth.Header}' is missing: the API answers 401 without it";
        foreach (var problem in RequestChecks.Headers(api, Header)) yield return problem;
        if (api.Request.Body is not null)
        {
            var (body, unreadable) = ReadBody(request["body"]);
            if (unreadable is not null) yield return $"body: {unreadable}";
            else if (body is null) yield return "a JSON body is required";
            else foreach (var error in catalog.Validate(api.Id, "request.body", body)) yield return $"body {(error.Pointer.Length == 0 ? "(root)" : error.Pointer)}: {error.Message}";
        }
    }

    private SchemaValidator Partial(string apiId, string part)
    {
        var key = apiId + " " + part;
        if (_partial.TryGetValue(key, out var validator)) return validator;
        var schema = catalog.Schema(apiId, part)!.Closed.DeepClone();
        StripRequired(schema);
        return _partial[key] = new SchemaValidator(schema);
    }

    private static void StripRequired(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                o.Remove("required");
                foreach (var (_, child) in o.ToList()) StripRequired(child);
                break;
            case JsonArray a:
                foreach (var child in a) StripRequired(child);
                break;
        }
    }
}
