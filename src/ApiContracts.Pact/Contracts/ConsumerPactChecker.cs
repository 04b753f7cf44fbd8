using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
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
/// the API accepts (when a success is expected), each expected response validates against the schema of
/// its status, and each matcher asks for something the schema can deliver.
/// </summary>
public sealed class ConsumerPactChecker(ContractCatalog catalog)
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
        var body = PactDocument.Body(response["body"]);
        if (body is not null)
        {
            foreach (var error in Partial(api.Id, $"response.{status}").Validate(body))
            {
                yield return new PactProblem(name, $"response body {(error.Pointer.Length == 0 ? "(root)" : error.Pointer)}", error.Message);
            }
        }

        var schema = catalog.Schema(api.Id, $"response.{status}")!.Schema;
        foreach (var (matcherPath, matchers) in BodyRules(response))
        {
            foreach (var problem in MatcherProblems(schema, matcherPath, matchers)) yield return new PactProblem(name, $"matcher {matcherPath}", problem);
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
            var body = PactDocument.Body(request["body"]);
            if (body is null) yield return "a JSON body is required";
            else foreach (var error in catalog.Validate(api.Id, "request.body", body)) yield return $"body {(error.Pointer.Length == 0 ? "(root)" : error.Pointer)}: {error.Message}";
        }
    }

    // V3/V4 rules live under response.matchingRules.body; V2 ones are moved there.
    private static IEnumerable<(string Path, JsonArray Matchers)> BodyRules(JsonObject response)
    {
        if (PactDocument.MatchingRules(response["matchingRules"])?["body"] is not JsonObject body) yield break;
        foreach (var (path, rule) in body) yield return (path, (rule as JsonObject)?["matchers"] as JsonArray ?? []);
    }

    private static IEnumerable<string> MatcherProblems(JsonObject schema, string path, JsonArray matchers)
    {
        var target = Navigate(schema, Tokens(path), out var missing);
        if (target is null)
        {
            yield return $"asks for '{missing}', which the API's response does not have";
            yield break;
        }

        var types = Types(target);
        foreach (var matcher in matchers.OfType<JsonObject>())
        {
            var kind = (string?)matcher["match"] ?? "type";
            string[]? needs = kind switch
            {
                "integer" => ["integer"],
                "decimal" or "number" => ["number", "integer"],
                "boolean" => ["boolean"],
                "regex" => ["string", "integer", "number"],
                "datetime" or "date" or "time" or "timestamp" => ["string"],
                _ => null,
            };
            if (needs is not null && types.Count > 0 && !types.Overlaps(needs))
            {
                yield return $"a {kind} matcher on a value the API sends as {string.Join(" or ", types.Order(StringComparer.Ordinal))}";
            }

            if (kind == "regex" && matcher["regex"] is JsonValue r && target["enum"] is JsonArray values)
            {
                var regex = new Regex("^(?:" + r.GetValue<string>() + ")$", RegexOptions.None, TimeSpan.FromSeconds(1));
                var possible = values.Select(v => v?.ToString()).Where(v => v is not null).ToList();
                if (!possible.Any(v => regex.IsMatch(v!))) yield return $"the regex {r.GetValue<string>()} matches none of the values the API sends ({string.Join(", ", possible)})";
            }
        }
    }

    private SchemaValidator Partial(string apiId, string part)
    {
        var key = apiId + " " + part;
        if (_partial.TryGetValue(key, out var validator)) return validator;
        var schema = catalog.Schema(apiId, part)!.Schema.DeepClone();
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

    private static HashSet<string> Types(JsonNode schema) => schema["type"] switch
    {
        JsonArray list => list.Select(t => t!.GetValue<string>()).ToHashSet(StringComparer.Ordinal),
        JsonValue one => [one.GetValue<string>()],
        _ => [],
    };

    // Follows a JSON path through the schema's properties and items; error bodies with oneOf wrappers are searched branch by branch.
    private static JsonNode? Navigate(JsonNode schema, IEnumerable<string> tokens, out string missing)
    {
        missing = string.Empty;
        var node = schema;
        foreach (var token in tokens)
        {
            if (token is "*" || int.TryParse(token, CultureInfo.InvariantCulture, out _))
            {
                node = node["items"] ?? node;
                continue;
            }

            var next = node["properties"]?[token];
            if (next is null && node["oneOf"] is JsonArray branches) next = branches.Select(b => b?["properties"]?[token]).FirstOrDefault(p => p is not null);
            if (next is null && node["additionalProperties"] is JsonValue open && open.GetValue<bool>()) return new JsonObject();
            if (next is null)
            {
                missing = token;
                return null;
            }

            node = next;
        }

        return node;
    }

    private static List<string> Tokens(string path)
    {
        var tokens = new List<string>();
        foreach (Match m in Regex.Matches(path.TrimStart('$'), @"\.([^.\[\]]+)|\['([^']+)'\]|\[(\*|\d+)\]"))
        {
            tokens.Add(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value);
        }

        return tokens;
    }
}
