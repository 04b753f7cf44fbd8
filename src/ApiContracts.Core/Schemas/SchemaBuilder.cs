using System.Text.Json.Nodes;
using ApiContracts.Core.Definitions;
using ApiContracts.Core.Json;

namespace ApiContracts.Core.Schemas;

/// <summary>
/// Derives draft-07 JSON Schemas from a definition: one per request part and one per response status, each in
/// two views built here together (<see cref="SchemaView"/>): the published one, where response objects accept
/// members the tables do not list (a provider may add fields), and the closed one the toolkit checks its own
/// output and consumer pacts with. Request schemas are the same in both.
/// Every validator must read them alike: conditional requirements are <c>anyOf [not condition, consequence]</c>
/// (no <c>if</c>/<c>then</c>, which NJsonSchema ignores), patterns end with <see cref="EndOfInput"/> instead of
/// <c>$</c> (which .NET lets match before a final newline), and each format the schemas rely on is backed by a
/// pattern of its shape, for validators that skip formats.
/// </summary>
public static class SchemaBuilder
{
    /// <summary>The draft-07 meta-schema URI every schema declares.</summary>
    public const string Draft07 = "http://json-schema.org/draft-07/schema#";

    /// <summary>
    /// The shape of an RFC 3339 date-time (fields in range, a zone required), as an ECMA-262 pattern ending in
    /// <c>$</c>; schemas carry it through <see cref="Anchored"/>. The calendar (30 February) is the format's job.
    /// </summary>
    public const string DateTimePattern = @"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$";

    /// <summary>The shape of an absolute URL as the pages show one (<c>scheme://</c>, then printable ASCII), for <c>uri</c> fields.</summary>
    public const string UrlPattern = "^[A-Za-z][A-Za-z0-9+.-]*://[!-~]+$";

    /// <summary>
    /// End of input in every regex dialect: <c>$</c> also matches before a final newline in .NET (and so in
    /// NJsonSchema and JsonSchema.Net), never in JavaScript; this lookahead means the end in both.
    /// </summary>
    public const string EndOfInput = @"(?![\s\S])";

    // The root keys after the identity ones, in the order they are written.
    private static readonly string[] ShapeKeys = ["type", "properties", "required", "additionalProperties", "oneOf", "allOf", "examples"];

    /// <summary>Builds every schema of <paramref name="api"/>, keyed by part name (<c>request.query</c>, <c>response.200</c>).</summary>
    public static IReadOnlyList<ApiSchema> Build(ApiDefinition api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var result = new List<ApiSchema>();
        foreach (var (part, table) in api.Request.Parts())
        {
            var name = $"request.{part.ToString().ToLowerInvariant()}";
            // Unknown query parameters and headers are tolerated, as HTTP services do; bodies are closed.
            var open = part is RequestPart.Query or RequestPart.Headers;
            var schema = Root(api, name, $"{api.Title}: request {part.ToString().ToLowerInvariant()}", Describe(part), ObjectOf(table, open, tolerant: false));
            AddExamples(schema, table.Examples);
            result.Add(new ApiSchema(api.Id, name, schema, schema));
        }

        foreach (var response in api.Responses)
        {
            result.Add(new ApiSchema(api.Id, $"response.{response.Status}", Response(api, response, SchemaView.Published), Response(api, response, SchemaView.Closed)));
        }

        return result;
    }

    /// <summary>The schema of the API's error body, in <paramref name="view"/>.</summary>
    public static JsonObject ErrorBody(ErrorModel errors, SchemaView view = SchemaView.Published)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var tolerant = view == SchemaView.Published;
        var inner = ObjectOf(errors.Fields, open: false, tolerant);
        if (errors.Style != "openstack") return inner;

        // One wrapper property, named by one of the envelopes; written with oneOf and required
        // rather than propertyNames, which NJsonSchema ignores.
        var branches = new JsonArray();
        foreach (var envelope in errors.Envelopes)
        {
            branches.Add(new JsonObject
            {
                ["type"] = "object",
                ["required"] = CanonicalJson.Strings([envelope]),
                ["properties"] = new JsonObject { [envelope] = inner.DeepClone() },
                ["additionalProperties"] = tolerant,
            });
        }

        return new JsonObject
        {
            ["description"] = $"Exactly one wrapper ({string.Join(", ", errors.Envelopes)}) holding the error's fields.",
            ["type"] = "object",
            ["oneOf"] = branches,
        };
    }

    /// <summary>
    /// <paramref name="pattern"/> as schemas carry it: a final <c>$</c> becomes <see cref="EndOfInput"/>, so that
    /// the pattern means the same in every regex dialect. Definitions and Pact matchers keep the <c>$</c>
    /// (ECMA-262 and the Pact engine's regex read it as the end).
    /// </summary>
    public static string Anchored(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (!pattern.EndsWith('$')) return pattern;
        var backslashes = pattern.Length - 1 - pattern.AsSpan(0, pattern.Length - 1).TrimEnd('\\').Length;
        return backslashes % 2 == 1 ? pattern : string.Concat(pattern.AsSpan(0, pattern.Length - 1), EndOfInput);
    }

    private static JsonObject Response(ApiDefinition api, ResponseInfo response, SchemaView view)
    {
        var name = $"response.{response.Status}";
        var tolerant = view == SchemaView.Published;
        var body = response.Body is not null ? ObjectOf(response.Body, open: false, tolerant) : ErrorBody(api.Errors, view);
        var examples = response.Body is not null ? response.Examples : response.Examples.Concat(api.Errors.Examples);
        var description = response.Description;
        if (tolerant)
        {
            var decision = (response.Body ?? api.Errors.Fields).Sources.GetValueOrDefault("closed");
            description += $" Fields the tables do not list are accepted: a provider may add fields{(decision is null || decision == ConstraintSources.Page ? string.Empty : $" ({decision})")}.";
        }

        var schema = Root(api, name, $"{api.Title}: response {response.Status}", description, body);
        AddExamples(schema, examples);
        return schema;
    }

    private static string Describe(RequestPart part) => part switch
    {
        RequestPart.Path => "The values substituted into the path template.",
        RequestPart.Query => "The query parameters, with numbers as JSON numbers.",
        RequestPart.Headers => "The request headers, by their documented names.",
        _ => "The JSON request body.",
    };

    // Keeps a readable, fixed key order: identity first, then shape, then rules; examples are added last.
    // The body's members are moved into the root, not copied: the body is not used again.
    private static JsonObject Root(ApiDefinition api, string name, string title, string description, JsonObject body)
    {
        var members = body.ToList();
        body.Clear();
        var byKey = members.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var root = new JsonObject
        {
            ["$schema"] = Draft07,
            ["$id"] = $"urn:apicontracts:{api.Id}:{name}",
            ["$comment"] = $"Generated by ./generate.cmd from contracts/apis/{api.Id}.yaml; do not edit.",
            ["title"] = title,
            ["description"] = byKey.Remove("description", out var d) && d is JsonValue text ? $"{description} {text.GetValue<string>()}" : description,
        };
        foreach (var key in ShapeKeys)
        {
            if (byKey.Remove(key, out var value)) root[key] = value;
        }

        foreach (var (key, value) in members)
        {
            if (byKey.ContainsKey(key)) root[key] = value;
        }

        return root;
    }

    private static void AddExamples(JsonObject schema, IEnumerable<ExamplePayload> examples)
    {
        var list = new JsonArray(examples.Select(e => JsonNode.Parse(e.Json)).ToArray());
        if (list.Count > 0) schema["examples"] = list;
    }

    // tolerant: every object accepts members the tables do not list (the published view of a response).
    private static JsonObject ObjectOf(FieldTable table, bool open, bool tolerant)
    {
        var schema = new JsonObject { ["type"] = "object" };
        AddMembers(schema, table, open || tolerant, tolerant);
        var rules = Implications(table).ToList();
        if (rules.Count > 0) schema["allOf"] = new JsonArray(rules.ToArray());
        return schema;
    }

    // properties, required and additionalProperties of a table. Nested tables get no rules of their
    // own: Implications walks them from the top-level table.
    private static void AddMembers(JsonObject schema, FieldTable table, bool open, bool tolerant)
    {
        var properties = new JsonObject();
        foreach (var field in table.Fields) properties[field.Name] = FieldSchema(field, tolerant);
        schema["properties"] = properties;
        var required = table.Fields.Where(f => f.Mandatory).Select(f => f.Name).ToList();
        if (required.Count > 0) schema["required"] = CanonicalJson.Strings(required);
        schema["additionalProperties"] = open;
    }

    private static JsonObject FieldSchema(FieldDef field, bool tolerant)
    {
        var c = field.Constraints;
        var s = new JsonObject();
        if (field.Description.Length > 0) s["description"] = field.Description;
        var type = field.Type.ToString().ToLowerInvariant();
        s["type"] = c.Nullable ? CanonicalJson.Strings([type, "null"]) : type;

        if (c.Enum is not null)
        {
            var values = new JsonArray(c.Enum.Select(v => v.DeepClone()).ToArray());
            if (c.Nullable) values.Add(null);
            s["enum"] = values;
        }

        if (c.Default is not null) s["default"] = c.Default.DeepClone();
        if (c.Minimum is { } min) s["minimum"] = CanonicalJson.Number(min);
        if (c.Maximum is { } max) s["maximum"] = CanonicalJson.Number(max);
        if (c.MinLength is { } minLength) s["minLength"] = minLength;
        if (c.MaxLength is { } maxLength) s["maxLength"] = maxLength;
        // A format the schemas rely on comes with the pattern of its shape, for validators that skip formats.
        if (c.Format is not null) s["format"] = c.Format;
        var pattern = c.Pattern ?? c.Format switch
        {
            "date-time" => DateTimePattern,
            "uri" => UrlPattern,
            _ => null,
        };
        if (pattern is not null) s["pattern"] = Anchored(pattern);

        if (field.Type == FieldType.Array && field.Items is not null) s["items"] = FieldSchema(field.Items, tolerant);
        if (c.MinItems is { } minItems) s["minItems"] = minItems;
        if (c.MaxItems is { } maxItems) s["maxItems"] = maxItems;

        if (field.Type == FieldType.Object)
        {
            if (field.Fields is not null)
            {
                AddMembers(s, field.Fields, c.AdditionalProperties || tolerant, tolerant);
            }
            else
            {
                s["additionalProperties"] = true;
            }
        }

        if (c.Hint is not null) s["x-hint"] = c.Hint;
        if (c.DocType is not null) s["x-doc-type"] = c.DocType;
        if (c.Origin != "table") s["x-origin"] = c.Origin;
        if (c.Assumptions.Count > 0) s["x-assumptions"] = CanonicalJson.Strings(c.Assumptions);
        return s;
    }

    // Every required_when in the table (at any depth) becomes: anyOf [ not(condition), consequence ].
    private static IEnumerable<JsonObject> Implications(FieldTable table)
    {
        foreach (var (path, field) in Walk(table, []))
        {
            if (field.Constraints.RequiredWhen is not { } rule) continue;
            var conditionPath = rule.Field.Trim('/').Split('/');
            var values = CanonicalJson.Strings(rule.In);
            var condition = Nest(conditionPath, leaf: new JsonObject { ["enum"] = values });
            var consequence = RequirePath([.. path, field.Name]);
            var pointer = "/" + string.Join('/', path.Append(field.Name));
            yield return new JsonObject
            {
                ["description"] = $"{pointer} is required when {rule.Field} is {string.Join(" or ", rule.In)}.",
                ["x-when"] = $"{rule.Field} is {string.Join(" or ", rule.In)}",
                ["anyOf"] = new JsonArray(new JsonObject { ["not"] = condition }, consequence),
            };
        }
    }

    private static IEnumerable<(string[] Path, FieldDef Field)> Walk(FieldTable table, string[] prefix)
    {
        foreach (var field in table.Fields)
        {
            yield return (prefix, field);
            if (field.Fields is not null)
            {
                foreach (var inner in Walk(field.Fields, [.. prefix, field.Name])) yield return inner;
            }
        }
    }

    // {"required":[a],"properties":{a:{"required":[b], ...}}} for the path a/b.
    private static JsonObject RequirePath(string[] path)
    {
        var node = new JsonObject { ["required"] = CanonicalJson.Strings([path[^1]]) };
        for (var i = path.Length - 2; i >= 0; i--)
        {
            node = new JsonObject
            {
                ["required"] = CanonicalJson.Strings([path[i]]),
                ["properties"] = new JsonObject { [path[i]] = node },
            };
        }

        return node;
    }

    // {"required":[a],"properties":{a: leaf}} for the path a (deeper paths nest the same way).
    private static JsonObject Nest(string[] path, JsonObject leaf)
    {
        JsonNode node = leaf;
        for (var i = path.Length - 1; i >= 0; i--)
        {
            node = new JsonObject
            {
                ["required"] = CanonicalJson.Strings([path[i]]),
                ["properties"] = new JsonObject { [path[i]] = node },
            };
        }

        return (JsonObject)node;
    }
}

/// <summary>A derived schema: the API, the part it describes and the schema in both views.</summary>
/// <param name="ApiId">The API id.</param>
/// <param name="Part"><c>request.path</c>, <c>request.query</c>, <c>request.headers</c>, <c>request.body</c> or <c>response.&lt;status&gt;</c>.</param>
/// <param name="Schema">The published draft-07 schema (written to <c>contracts/schemas</c>).</param>
/// <param name="Closed">The closed view: the same schema with every documented object closed to members the tables do not list.</param>
public sealed record ApiSchema(string ApiId, string Part, JsonObject Schema, JsonObject Closed)
{
    /// <summary>The file the schema is written to, relative to <c>contracts/schemas</c>.</summary>
    public string FileName => $"{ApiId}/{Part}.schema.json";

    /// <summary>The schema in <paramref name="view"/>.</summary>
    public JsonObject In(SchemaView view) => view == SchemaView.Closed ? Closed : Schema;
}

/// <summary>The two readings of a response schema (request schemas read the same in both).</summary>
public enum SchemaView
{
    /// <summary>
    /// As published in <c>contracts/schemas</c>: response objects accept members the tables do not list, since a
    /// provider may add fields without breaking its clients.
    /// </summary>
    Published,

    /// <summary>
    /// Closed: a member the tables do not list is an error. The toolkit checks its own output (stub answers,
    /// fixtures) and consumer pacts (a consumer may not rely on an undocumented field) with it.
    /// </summary>
    Closed,
}
