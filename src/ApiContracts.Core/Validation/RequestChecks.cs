using System.Globalization;
using System.Text.Json.Nodes;
using ApiContracts.Core;
using ApiContracts.Core.Definitions;

namespace ApiContracts.Core.Validation;

/// <summary>
/// Turns query strings and headers into typed JSON and checks them against the API's request schemas,
/// with messages that name the parameter and say what is allowed.
/// </summary>
public static class RequestChecks
{
    /// <summary>The query as typed JSON (numbers as numbers), with the problems found on the way and by the schema.</summary>
    public static (JsonObject Values, List<string> Problems) Query(ContractCatalog catalog, ApiDefinition api, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(query);
        var values = new JsonObject();
        var problems = new List<string>();
        var table = api.Request.Query;
        foreach (var group in query.GroupBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var field = table?.Fields.FirstOrDefault(f => f.Name == group.Key);
            if (field is null) continue; // Unknown parameters are ignored, as the service would.
            var given = group.Select(kv => kv.Value).ToList();
            if (given.Count > 1)
            {
                problems.Add($"query parameter '{field.Name}' is given {given.Count} times; give it once ({Allowed(field)})");
                continue;
            }

            var (value, problem) = Typed(field, given[0]);
            if (problem is not null) problems.Add($"query parameter '{field.Name}': {problem} ({Allowed(field)})");
            else values[field.Name] = value;
        }

        // The values that parsed are checked against the schema too, so one answer names every bad parameter.
        if (table is not null)
        {
            foreach (var error in catalog.Validate(api.Id, "request.query", values))
            {
                var field = table.Fields.FirstOrDefault(f => "/" + f.Name == error.Pointer);
                problems.Add(field is null ? $"query {error}" : $"query parameter '{field.Name}': {error.Message} ({Allowed(field)})");
            }
        }

        return (values, problems);
    }

    /// <summary>Problems with the headers the definition lists (the credential header is checked apart, as a 401), leniently: see <see cref="CheckHeaders"/>.</summary>
    public static List<string> Headers(ApiDefinition api, Func<string, string?> header) => CheckHeaders(api, header, strict: false).Problems;

    /// <summary>
    /// Checks the headers the definition lists, except the credential header (checked apart, as a 401). A
    /// documented-mandatory header that is missing is a problem (the API's 400), unless it is
    /// <see cref="Lenient">lenient</see> and <paramref name="strict"/> is false: then it is only named in
    /// <see cref="HeaderCheck.Excused"/>, for the caller to note.
    /// </summary>
    public static HeaderCheck CheckHeaders(ApiDefinition api, Func<string, string?> header, bool strict)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(header);
        var problems = new List<string>();
        var excused = new List<string>();
        foreach (var field in api.Request.Headers?.Fields ?? [])
        {
            if (string.Equals(field.Name, api.Auth.Header, StringComparison.OrdinalIgnoreCase)) continue;
            if (!field.Mandatory || !string.IsNullOrWhiteSpace(header(field.Name))) continue;
            if (!strict && Lenient(api, field)) excused.Add(field.Name);
            else problems.Add($"header '{field.Name}' is required ({field.Description.TrimEnd('.')})");
        }

        return new HeaderCheck(problems, excused);
    }

    /// <summary>
    /// Whether a documented-mandatory header may be missing outside strict mode: <c>Content-Type</c> on an
    /// operation that takes no request body (every list API here), since there is no body for it to describe
    /// and browsers' clients send none (axios drops it from a GET without a body, fetch never adds it). The
    /// credential header is never lenient (a missing one stays a 401), nor is <c>Content-Type</c> where the
    /// request carries a body. Each definition concerned records this as an assumption about
    /// <c>/request/headers/Content-Type</c>.
    /// </summary>
    public static bool Lenient(ApiDefinition api, FieldDef header)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(header);
        return api.Request.Body is null
            && string.Equals(header.Name, ContentType, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(header.Name, api.Auth.Header, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The documented-mandatory headers, besides the credential, that no mode excuses: without one a request gets the API's 400 (see <see cref="Lenient"/>).</summary>
    public static IEnumerable<FieldDef> RequiredHeaders(ApiDefinition api)
    {
        ArgumentNullException.ThrowIfNull(api);
        return (api.Request.Headers?.Fields ?? []).Where(f => f.Mandatory && !Lenient(api, f) && !string.Equals(f.Name, api.Auth.Header, StringComparison.OrdinalIgnoreCase));
    }

    private const string ContentType = "Content-Type";

    /// <summary>What a row accepts, in words: its enum, its range, or its type.</summary>
    public static string Allowed(FieldDef field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var c = field.Constraints;
        if (c.Enum is not null) return "allowed: " + string.Join(", ", c.Enum.Select(v => v.ToString()));
        var kind = field.Type switch
        {
            FieldType.Integer => "an integer",
            FieldType.Number => "a number",
            FieldType.Boolean => "true or false",
            _ => "text",
        };
        if (c.Minimum is { } min && c.Maximum is { } max) return $"allowed: {kind} from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}";
        if (c.Minimum is { } low) return $"allowed: {kind} of at least {low.ToString(CultureInfo.InvariantCulture)}";
        if (c.Maximum is { } high) return $"allowed: {kind} of at most {high.ToString(CultureInfo.InvariantCulture)}";
        return $"allowed: {kind}";
    }

    private static (JsonNode? Value, string? Problem) Typed(FieldDef field, string text)
    {
        switch (field.Type)
        {
            case FieldType.Integer:
                if (text.Length == 0) return (null, "is empty");
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)) return (number, null);
                var digits = text.TrimStart('-', '+');
                return digits.Length > 0 && digits.All(char.IsAsciiDigit)
                    ? (null, $"'{text}' does not fit a 64-bit integer")
                    : (null, $"'{text}' is not an integer");
            case FieldType.Number:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real)
                    ? (real, null)
                    : (null, $"'{text}' is not a number");
            case FieldType.Boolean:
                return text is "true" or "false" ? (text == "true", null) : (null, $"'{text}' is not true or false");
            default:
                return (text, null);
        }
    }
}

/// <summary>What <see cref="RequestChecks.CheckHeaders"/> found.</summary>
/// <param name="Problems">Each missing header that makes the request a 400, in words.</param>
/// <param name="Excused">Documented-mandatory headers that are missing but were let through (lenient mode).</param>
public sealed record HeaderCheck(List<string> Problems, List<string> Excused);
