using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiContracts.Core.Validation;

// The keywords of each JSON type: objects, arrays, strings, numbers.
public sealed partial class SchemaValidator
{
    private void CheckObject(JsonObject s, JsonObject o, string at, List<ValidationError> errors)
    {
        if (s["required"] is JsonArray required)
        {
            foreach (var name in required.Select(n => n!.GetValue<string>()))
            {
                if (!o.ContainsKey(name)) errors.Add(new(Child(at, name), MissingMessage));
            }
        }

        var properties = s["properties"] as JsonObject;
        var patternProperties = s["patternProperties"] as JsonObject;
        foreach (var (name, member) in o)
        {
            var matched = false;
            if (properties?.ContainsKey(name) == true)
            {
                matched = true;
                Check(properties![name], member, Child(at, name), errors);
            }

            if (patternProperties is not null)
            {
                foreach (var (pattern, pschema) in patternProperties)
                {
                    if (!Pattern(pattern).IsMatch(name)) continue;
                    matched = true;
                    Check(pschema, member, Child(at, name), errors);
                }
            }

            if (matched) continue;
            switch (s["additionalProperties"])
            {
                case JsonValue f when f.GetValueKind() == JsonValueKind.False:
                    var known = properties is null ? "none" : string.Join(", ", properties.Select(p => p.Key));
                    errors.Add(new(Child(at, name), $"property is not allowed here (allowed: {known})"));
                    break;
                case JsonObject extra:
                    Check(extra, member, Child(at, name), errors);
                    break;
            }
        }

        if (s["propertyNames"] is { } names)
        {
            foreach (var (name, _) in o) Check(names, JsonValue.Create(name), Child(at, name), errors);
        }

        if (s["minProperties"] is JsonValue minP && o.Count < minP.GetValue<int>()) errors.Add(new(at, $"expected at least {minP} properties, got {o.Count}"));
        if (s["maxProperties"] is JsonValue maxP && o.Count > maxP.GetValue<int>()) errors.Add(new(at, $"expected at most {maxP} properties, got {o.Count}"));
    }

    private void CheckArray(JsonObject s, JsonArray a, string at, List<ValidationError> errors)
    {
        switch (s["items"])
        {
            case JsonArray tuple:
                for (var i = 0; i < a.Count; i++)
                {
                    var itemSchema = i < tuple.Count ? tuple[i] : s["additionalItems"];
                    if (itemSchema is not null) Check(itemSchema, a[i], Child(at, i.ToString(CultureInfo.InvariantCulture)), errors);
                }

                break;
            case { } items:
                for (var i = 0; i < a.Count; i++) Check(items, a[i], Child(at, i.ToString(CultureInfo.InvariantCulture)), errors);
                break;
        }

        // maxItems: 0 is a real bound here (NJsonSchema reads it as unset).
        if (s["minItems"] is JsonValue min && a.Count < min.GetValue<int>()) errors.Add(new(at, $"expected at least {min} items, got {a.Count}"));
        if (s["maxItems"] is JsonValue max && a.Count > max.GetValue<int>()) errors.Add(new(at, $"expected at most {max} items, got {a.Count}"));
        if (s["uniqueItems"] is JsonValue u && u.GetValueKind() == JsonValueKind.True)
        {
            for (var i = 0; i < a.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (JsonNode.DeepEquals(a[i], a[j])) errors.Add(new(Child(at, i.ToString(CultureInfo.InvariantCulture)), $"duplicates item {j}"));
                }
            }
        }

        if (s["contains"] is { } contains && !a.Any(item => Passes(contains, item)))
        {
            errors.Add(new(at, "no item matches the required item shape"));
        }
    }

    private static void CheckString(JsonObject s, string text, string at, List<ValidationError> errors)
    {
        var length = text.EnumerateRunes().Count();
        if (s["minLength"] is JsonValue min && length < min.GetValue<int>()) errors.Add(new(at, $"expected at least {min} characters, got {length}"));
        if (s["maxLength"] is JsonValue max && length > max.GetValue<int>()) errors.Add(new(at, $"expected at most {max} characters, got {length}"));
        if (s["pattern"] is JsonValue p && !Pattern(p.GetValue<string>()).IsMatch(text))
        {
            errors.Add(new(at, $"{Show(JsonValue.Create(text))} does not match the pattern {p.GetValue<string>()}"));
        }

        if (s["format"] is JsonValue f && !Formats.IsValid(f.GetValue<string>(), text))
        {
            errors.Add(new(at, $"{Show(JsonValue.Create(text))} is not a valid {f.GetValue<string>()}"));
        }
    }

    private static void CheckNumber(JsonObject s, JsonValue v, string at, List<ValidationError> errors)
    {
        var n = Number(v);
        if (s["minimum"] is JsonValue min && n < Number(min)) errors.Add(new(at, $"expected at least {min.ToJsonString()}, got {v.ToJsonString()}"));
        if (s["maximum"] is JsonValue max && n > Number(max)) errors.Add(new(at, $"expected at most {max.ToJsonString()}, got {v.ToJsonString()}"));
        if (s["exclusiveMinimum"] is JsonValue emin && n <= Number(emin)) errors.Add(new(at, $"expected more than {emin.ToJsonString()}, got {v.ToJsonString()}"));
        if (s["exclusiveMaximum"] is JsonValue emax && n >= Number(emax)) errors.Add(new(at, $"expected less than {emax.ToJsonString()}, got {v.ToJsonString()}"));
        if (s["multipleOf"] is JsonValue m && Number(m) is var divisor && divisor > 0 && Math.IEEERemainder(n, divisor) is var rest && Math.Abs(rest) > 1e-9)
        {
            errors.Add(new(at, $"expected a multiple of {m.ToJsonString()}, got {v.ToJsonString()}"));
        }
    }
}
