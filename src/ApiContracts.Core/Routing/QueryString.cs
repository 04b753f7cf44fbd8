namespace ApiContracts.Core.Routing;

/// <summary>Query strings as clients send them: order kept, repeated names kept, percent- and plus-decoded.</summary>
public static class QueryString
{
    /// <summary>Parses <c>a=1&amp;b=2</c>, with or without the leading <c>?</c>.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string? query)
    {
        var result = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(query)) return result;
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            result.Add(new(Decode(eq < 0 ? part : part[..eq]), Decode(eq < 0 ? string.Empty : part[(eq + 1)..])));
        }

        return result;
    }

    // Malformed escapes (%zz, a lone %) are kept as they are; UnescapeDataString does not throw for them.
    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
