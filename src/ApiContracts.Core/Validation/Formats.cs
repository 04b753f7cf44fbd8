using System.Globalization;
using System.Text.RegularExpressions;
using ApiContracts.Core.Schemas;

namespace ApiContracts.Core.Validation;

/// <summary>Strict checks for the formats schemas validate; unknown formats pass, as draft-07 allows.</summary>
public static partial class Formats
{
    /// <summary>Whether <paramref name="text"/> is a valid <paramref name="format"/>.</summary>
    public static bool IsValid(string format, string text) => format switch
    {
        "date-time" => IsDateTime(text),
        "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "uri" => Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme.Length > 0 && !text.Contains(' ', StringComparison.Ordinal),
        "uri-reference" => Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out _),
        "uuid" => UuidPattern().IsMatch(text),
        "regex" => IsRegex(text),
        _ => true,
    };

    /// <summary>RFC 3339 date-time: a zone is required and every field must be in range.</summary>
    public static bool IsDateTime(string text)
    {
        if (!DateTimeRegex().IsMatch(text)) return false;
        var normal = text.ToUpperInvariant();
        return DateTimeOffset.TryParse(normal, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _)
            && int.Parse(normal.AsSpan(5, 2), CultureInfo.InvariantCulture) is >= 1 and <= 12;
    }

    private static bool IsRegex(string text)
    {
        try
        {
            _ = new Regex(text, RegexOptions.None, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // The same pattern the schemas carry, so both checks agree.
    [GeneratedRegex(SchemaBuilder.DateTimePattern)]
    private static partial Regex DateTimeRegex();

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex UuidPattern();
}
