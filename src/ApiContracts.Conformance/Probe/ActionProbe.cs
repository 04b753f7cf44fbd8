using System.Globalization;
using System.Text.Json.Nodes;
using ApiContracts.Core.Definitions;
using ApiContracts.Core.Schemas;

namespace ApiContracts.Conformance.Probe;

/// <summary>
/// The checks of an API that acts rather than lists, derived from its body table: each value of the field the
/// conditional rules hang on (the action) with the body the rules require answers with the success body (a
/// job id); each conditional rule broken, an unknown value, an integer out of range or of the wrong type gets
/// the API's 400; then the credential, the unknown parent and the schemas.
/// </summary>
internal sealed class ActionProbe(ApiProbe probe, Func<IReadOnlyList<JsonNode>> sourceItems)
{
    private const string NoSuchValue = "apicontracts-probe-no-such-value";
    private readonly ApiDefinition _api = probe.Api;
    private IReadOnlyList<JsonNode>? _source;

    public void Run()
    {
        if (_api.Request.Body is not { } table || Driver(table) is not { } driver)
        {
            probe.AuthAndParent(null);
            probe.Schema();
            return;
        }

        var values = driver.Constraints.Enum!.Select(ApiProbe.Text).ToList();
        var rows = Rows(table, string.Empty).ToList();
        foreach (var value in values)
        {
            var rule = RuleRef.For(_api, "/request/body/" + driver.Name, $"{driver.Name}={value} with the fields the conditional rules require is accepted: the answer is the success body ({string.Join(", ", _api.Success.Body?.Fields.Where(f => f.Mandatory).Select(f => f.Name) ?? [])})", driver.Constraints.Assumptions);
            probe.Check($"action[{driver.Name}={value}]", rule, () =>
            {
                var (body, missing) = Build(table, driver, value);
                if (missing is not null) return Verdict.Skip(missing);
                var exchange = probe.Send([], body);
                if (exchange.Status != _api.Operation.SuccessStatus) return Verdict.Fail($"expected {_api.Operation.SuccessStatus}, got {exchange.Error ?? exchange.Status.ToString(CultureInfo.InvariantCulture)}", exchange);
                var errors = probe.Catalog.Validate(_api.Id, $"response.{_api.Operation.SuccessStatus.ToString(CultureInfo.InvariantCulture)}", exchange.Json, SchemaView.Published);
                return errors.Count == 0 ? Verdict.Pass : Verdict.Fail($"the answer is not the success body: {string.Join("; ", errors.Take(3))}", exchange);
            });
        }

        foreach (var (pointer, row) in rows.Where(r => r.Row.Constraints.RequiredWhen?.Field == "/" + driver.Name))
        {
            foreach (var value in row.Constraints.RequiredWhen!.In)
            {
                var rule = RuleRef.For(_api, "/request/body" + pointer, $"{pointer.TrimStart('/')} is required when {driver.Name} is {string.Join(" or ", row.Constraints.RequiredWhen.In)}; without it the request is answered with the API's 400", row.Constraints.Assumptions);
                Rejected($"required[{pointer} when /{driver.Name}={value}]", rule, table, driver, value, omit: pointer);
            }
        }

        Rejected($"rejected[{driver.Name}={NoSuchValue}]", RuleRef.For(_api, "/request/body/" + driver.Name, $"{driver.Name} is one of {string.Join(", ", values)}; any other value is answered with the API's 400", driver.Constraints.Assumptions), table, driver, NoSuchValue, set: ("/" + driver.Name, JsonValue.Create(NoSuchValue)));

        // Integer fields a value requires: below their minimum, and not a number.
        foreach (var (pointer, row) in rows.Where(r => r.Row.Type == FieldType.Integer))
        {
            var value = values.FirstOrDefault(v => row.Mandatory || row.Constraints.RequiredWhen?.In.Contains(v) == true);
            if (value is null) continue;
            var rule = RuleRef.For(_api, "/request/body" + pointer, $"{pointer.TrimStart('/')} is an integer{(row.Constraints.Minimum is { } m ? $" of at least {m}" : string.Empty)}; anything else is answered with the API's 400", row.Constraints.Assumptions);
            if (row.Constraints.Minimum is { } min) Rejected($"rejected[{pointer}={min - 1} when /{driver.Name}={value}]", rule, table, driver, value, set: (pointer, JsonValue.Create(min - 1)));
            Rejected($"rejected[{pointer}=\"abc\" when /{driver.Name}={value}]", rule, table, driver, value, set: (pointer, JsonValue.Create("abc")));
        }

        probe.AuthAndParent(Build(table, driver, values[0]).Body);
        probe.Schema();
    }

    private void Rejected(string id, RuleRef rule, FieldTable table, FieldDef driver, string value, string? omit = null, (string Pointer, JsonNode Value)? set = null) =>
        probe.Check(id, rule, () =>
        {
            var (body, missing) = Build(table, driver, value, omit, set);
            if (missing is not null) return Verdict.Skip(missing);
            var exchange = probe.Send([], body);
            return probe.NotTheError(exchange, 400) is { } why ? Verdict.Fail(why, exchange) : Verdict.Pass;
        });

    /// <summary>The enum field the conditional rules hang on (else the first enum field of the body).</summary>
    private static FieldDef? Driver(FieldTable table)
    {
        var conditions = Rows(table, string.Empty).Select(r => r.Row.Constraints.RequiredWhen?.Field).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return table.Fields.FirstOrDefault(f => f.Constraints.Enum is not null && conditions.Contains("/" + f.Name))
            ?? table.Fields.FirstOrDefault(f => f.Constraints.Enum is not null);
    }

    private static IEnumerable<(string Pointer, FieldDef Row)> Rows(FieldTable table, string prefix)
    {
        foreach (var row in table.Fields)
        {
            var pointer = $"{prefix}/{row.Name}";
            yield return (pointer, row);
            if (row.Fields is { } nested)
            {
                foreach (var inner in Rows(nested, pointer)) yield return inner;
            }
        }
    }

    /// <summary>
    /// The smallest body for <paramref name="driver"/> = <paramref name="value"/>: the mandatory fields and those the
    /// value makes required, less <paramref name="omit"/>, with <paramref name="set"/> put in. A text field that names
    /// one of the source list's items (a rollback's version) takes its value from the first such item.
    /// </summary>
    private (JsonObject Body, string? Missing) Build(FieldTable table, FieldDef driver, string value, string? omit = null, (string Pointer, JsonNode Value)? set = null)
    {
        string? missing = null;
        JsonObject Fill(FieldTable fields, string prefix)
        {
            var result = new JsonObject();
            foreach (var row in fields.Fields)
            {
                var pointer = $"{prefix}/{row.Name}";
                if (pointer == omit) continue;
                if (set is { } s && s.Pointer == pointer)
                {
                    result[row.Name] = s.Value.DeepClone();
                    continue;
                }

                var needed = row.Mandatory || (row.Constraints.RequiredWhen is { } when && when.Field == "/" + driver.Name && when.In.Contains(value));
                if (!needed) continue;
                result[row.Name] = pointer == "/" + driver.Name ? JsonValue.Create(value) : Sample(row, pointer, ref missing, r => Fill(r, pointer));
            }

            return result;
        }

        return (Fill(table, string.Empty), missing);
    }

    private JsonNode? Sample(FieldDef row, string pointer, ref string? missing, Func<FieldTable, JsonObject> nested)
    {
        switch (row.Type)
        {
            case FieldType.Object:
                return row.Fields is { } fields ? nested(fields) : new JsonObject();
            case FieldType.Integer:
            case FieldType.Number:
                return JsonValue.Create(Math.Max(row.Constraints.Minimum ?? 1, 1));
            case FieldType.Boolean:
                return JsonValue.Create(false);
            case FieldType.Array:
                return new JsonArray();
        }

        if (row.Constraints.Enum is { Count: > 0 } values) return values[0]?.DeepClone();
        if (_api.Dataset.Source is { } source)
        {
            _source ??= sourceItems();
            if (_source.FirstOrDefault(i => i[row.Name] is JsonValue) is { } item) return item[row.Name]!.DeepClone();
            if (_source.Count == 0 || _source[0][row.Name] is null)
            {
                missing ??= $"{pointer.TrimStart('/')} names an item of {source}, whose list under this parent {(_source.Count == 0 ? "is empty" : $"has no {row.Name}")}";
            }
        }

        return JsonValue.Create(row.Constraints.DocExample ?? "apicontracts-probe");
    }
}
