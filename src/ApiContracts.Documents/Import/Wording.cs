using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ApiContracts.Core.Definitions;

namespace ApiContracts.Documents.Import;

/// <summary>
/// Reads constraints from a row's description where the wording leaves no doubt: a bullet list of values,
/// "Set the value to X", "[0, 100]", "ranges from 0 to 100", "greater than or equal to 1", "The default
/// value is 10", "desc (default)", "mandatory when action is set to scale or rollback" (and the Chinese
/// forms). Anything else that sounds like a rule becomes an open question, quoting the page.
/// </summary>
internal static partial class Wording
{
    /// <summary>The constraints of a row and the questions its description raises.</summary>
    /// <param name="name">The row's name.</param>
    /// <param name="type">The row's type, when known.</param>
    /// <param name="text">The description, verbatim (bullets as <c>• value</c> lines).</param>
    /// <param name="bodyFields">The names of the request body's top-level fields (for conditional requirements).</param>
    /// <param name="mandatory">The row's Mandatory cell.</param>
    public static (List<ReadConstraint> Constraints, List<string> Questions) Read(string name, FieldType? type, string text, IReadOnlyCollection<string> bodyFields, bool? mandatory)
    {
        var constraints = new List<ReadConstraint>();
        var questions = new List<string>();
        var lines = text.Split('\n');
        var bullets = lines.Where(l => l.StartsWith("• ", StringComparison.Ordinal)).ToList();
        var prose = string.Join(' ', lines.Where(l => !l.StartsWith("• ", StringComparison.Ordinal)));
        var sentences = Sentences(prose);

        ReadValues(name, type, lines, bullets, sentences, constraints, questions);
        ReadBounds(type, sentences, constraints, questions);
        ReadDefault(type, sentences, constraints, questions);
        ReadRequirement(sentences, bodyFields, mandatory, constraints, questions);
        foreach (var s in sentences.Where(s => TimeFormat().IsMatch(s)))
        {
            questions.Add($"the page gives a time format in words (\"{s}\"); no pattern or format is read from it");
        }

        return (constraints, questions);
    }

    private static void ReadValues(string name, FieldType? type, string[] lines, List<string> bullets, List<string> sentences, List<ReadConstraint> constraints, List<string> questions)
    {
        if (bullets.Count > 0)
        {
            var values = new List<(string Value, bool Default)>();
            foreach (var bullet in bullets)
            {
                var m = BulletValue().Match(bullet[2..]);
                if (!m.Success)
                {
                    questions.Add($"the bullet \"{bullet[2..]}\" does not start with a value; the list is not read as allowed values");
                    return;
                }

                values.Add((m.Groups["v"].Value, m.Groups["rest"].Value.Contains("(default)", StringComparison.OrdinalIgnoreCase) || m.Groups["rest"].Value.Contains('默')));
            }

            var introduction = lines.TakeWhile(l => !l.StartsWith("• ", StringComparison.Ordinal)).LastOrDefault() ?? string.Empty;
            var sentence = (introduction + " " + string.Join(" ", bullets)).Trim();
            var typed = values.Select(v => Typed(v.Value, type)).ToList();
            if (typed.Any(v => v is null))
            {
                questions.Add($"the listed values ({string.Join(", ", values.Select(v => v.Value))}) are not all of the type {type?.ToString().ToLowerInvariant() ?? "given"}");
                return;
            }

            var isBooleanDomain = type == FieldType.Boolean && values.Select(v => v.Value).Order(StringComparer.Ordinal).SequenceEqual(["false", "true"]);
            if (!isBooleanDomain) constraints.Add(new ReadConstraint("enum", new JsonArray(typed.Select(v => v!.DeepClone()).ToArray()), sentence));
            var defaults = values.Where(v => v.Default).ToList();
            if (defaults.Count == 1) constraints.Add(new ReadConstraint("default", Typed(defaults[0].Value, type)!, bullets.First(b => b[2..].StartsWith(defaults[0].Value, StringComparison.Ordinal))));
            return;
        }

        foreach (var s in sentences)
        {
            if (SetTo().Match(s) is { Success: true } set && Typed(set.Groups["v"].Value, type) is { } only)
            {
                constraints.Add(new ReadConstraint("enum", new JsonArray(only), s));
                return;
            }

            if (ValidValues().IsMatch(s))
            {
                questions.Add($"the page announces a list of valid values (\"{s}\") but the list is missing");
                return;
            }
        }

        _ = name;
    }

    private static void ReadBounds(FieldType? type, List<string> sentences, List<ReadConstraint> constraints, List<string> questions)
    {
        if (type is not (FieldType.Integer or FieldType.Number)) return;
        var replacement = sentences.FirstOrDefault(s => Replacement().IsMatch(s));
        foreach (var s in sentences)
        {
            var range = Bracketed().Match(s) is { Success: true } b ? b : RangesFrom().Match(s);
            if (range.Success)
            {
                if (replacement is not null || Alternative().IsMatch(s))
                {
                    questions.Add($"the page describes the values with an alternative or a replacement rule (\"{string.Join(" ", sentences.Where(x => x == s || x == replacement))}\"); no bounds are read");
                    return;
                }

                constraints.Add(new ReadConstraint("minimum", Number(range.Groups["min"].Value), s));
                constraints.Add(new ReadConstraint("maximum", Number(range.Groups["max"].Value), s));
                return;
            }

            if (AtLeast().Match(s) is { Success: true } min) constraints.Add(new ReadConstraint("minimum", Number(min.Groups["n"].Value), s));
            if (AtMost().Match(s) is { Success: true } max) constraints.Add(new ReadConstraint("maximum", Number(max.Groups["n"].Value), s));
        }
    }

    private static void ReadDefault(FieldType? type, List<string> sentences, List<ReadConstraint> constraints, List<string> questions)
    {
        if (constraints.Any(c => c.Kind == "default")) return;
        foreach (var s in sentences)
        {
            var m = DefaultIs().Match(s);
            if (m.Success && Typed(m.Groups["v"].Value, type) is { } value)
            {
                constraints.Add(new ReadConstraint("default", value, s));
                return;
            }

            if (m.Success || DefaultInWords().IsMatch(s))
            {
                questions.Add($"the page states a default in words (\"{s}\"), not as a value");
                return;
            }
        }
    }

    private static void ReadRequirement(List<string> sentences, IReadOnlyCollection<string> bodyFields, bool? mandatory, List<ReadConstraint> constraints, List<string> questions)
    {
        foreach (var s in sentences)
        {
            var m = RequiredWhen().Match(s);
            if (m.Success && bodyFields.Contains(m.Groups["field"].Value))
            {
                var values = ValueList().Split(m.Groups["values"].Value.Trim().TrimEnd('.')).Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
                constraints.Add(new ReadConstraint("required_when", new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray()), s, "/" + m.Groups["field"].Value));
                return;
            }

            if (mandatory != true && Mentions().IsMatch(s))
            {
                questions.Add($"the page makes it mandatory under a condition the importer does not read (\"{s}\")");
                return;
            }
        }
    }

    /// <summary>The sentences of a text: split after '.', '。' and '!' followed by a space or the end.</summary>
    public static List<string> Sentences(string text) =>
        SentenceEnd().Split(text).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();

    /// <summary>A value of the row's type, or null when the text is not one.</summary>
    public static JsonNode? Typed(string text, FieldType? type) => type switch
    {
        FieldType.Integer when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
        FieldType.Number when decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
        FieldType.Boolean when text is "true" or "false" => JsonValue.Create(text == "true"),
        FieldType.String => JsonValue.Create(text),
        _ => null,
    };

    private static JsonNode Number(string text) => JsonValue.Create(long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"(?<=[.。!！])\s+|(?<=[。！])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"^(?<v>[A-Za-z0-9_.\-/]+)(?<rest>(?:\s*\(default\))?(?:\s*[,，:：(].*)?)$")]
    private static partial Regex BulletValue();

    [GeneratedRegex(@"^Set the value to (?<v>[A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)*)\.?$")]
    private static partial Regex SetTo();

    [GeneratedRegex(@"(?:Valid values|Value range|取值范围)\s*[:：]\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ValidValues();

    [GeneratedRegex(@"\[\s*(?<min>-?[0-9]+)\s*,\s*(?<max>-?[0-9]+)\s*\]")]
    private static partial Regex Bracketed();

    [GeneratedRegex(@"ranges? from (?<min>-?[0-9]+) to (?<max>-?[0-9]+)", RegexOptions.IgnoreCase)]
    private static partial Regex RangesFrom();

    [GeneratedRegex(@"\bor ranges?\b|\bis [0-9]+ or\b|或", RegexOptions.IgnoreCase)]
    private static partial Regex Alternative();

    [GeneratedRegex(@"not within the range|is assigned|超出范围|不在.*范围", RegexOptions.IgnoreCase)]
    private static partial Regex Replacement();

    [GeneratedRegex(@"(?:greater than or equal to|at least|大于等于|不小于)\s*(?<n>-?[0-9]+)", RegexOptions.IgnoreCase)]
    private static partial Regex AtLeast();

    [GeneratedRegex(@"(?:less than or equal to|at most|小于等于|不大于)\s*(?<n>-?[0-9]+)", RegexOptions.IgnoreCase)]
    private static partial Regex AtMost();

    [GeneratedRegex(@"(?:The default value is|默认取值为|默认值为|默认为)\s*[“""]?(?<v>[^”""。.\s,，]+(?:;[^”""。\s,，]+)?)[”""]?")]
    private static partial Regex DefaultIs();

    [GeneratedRegex(@"^By default\b|默认按", RegexOptions.IgnoreCase)]
    private static partial Regex DefaultInWords();

    [GeneratedRegex(@"mandatory when (?<field>[A-Za-z_][A-Za-z0-9_]*) is set to (?<values>[A-Za-z0-9_, .\-]+?(?: or [A-Za-z0-9_.\-]+)?)\.?$")]
    private static partial Regex RequiredWhen();

    [GeneratedRegex(@",\s*or\s+|\s+or\s+|,\s*")]
    private static partial Regex ValueList();

    [GeneratedRegex(@"\bis mandatory\b|\bis required\b|必填|必选")]
    private static partial Regex Mentions();

    [GeneratedRegex(@"Time format|时间格式", RegexOptions.IgnoreCase)]
    private static partial Regex TimeFormat();
}
