namespace ApiContracts.Stubs.Hosting;

/// <summary>
/// The Handlebars templates of a mapping with <c>UseTransformer</c>, checked when the mapping is posted. The
/// stub registers no template helpers (their categories ran regexes without a time limit, read files and the
/// environment, and grew strings without bound), so a helper call would fail at request time with a 500; it is
/// refused here instead, with its place. What remains: values (<c>{{request.path}}</c>), <c>{{#if}}</c>,
/// <c>{{#unless}}</c>, <c>{{#with}}</c>, <c>{{else}}</c>, <c>{{lookup}}</c> and comments; no loops
/// (<c>{{#each}}</c> writes the template once per item of the request), no partials, and at most
/// <see cref="MaxExpressions"/> expressions, so an answer is at most that many copies of request parts.
/// </summary>
internal static class TemplateCheck
{
    /// <summary>The most template expressions one mapping's answer may hold.</summary>
    public const int MaxExpressions = 16;

    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal) { "if", "unless", "with" };

    /// <summary>Adds a problem for each text that is not a template the stub can render.</summary>
    public static void Check(IEnumerable<(string At, string Text)> texts, List<string> problems)
    {
        var expressions = 0;
        foreach (var (at, text) in texts)
        {
            var before = problems.Count;
            Scan(text, at, ref expressions, problems);
            if (problems.Count == before && Compiles(text) is { } why) problems.Add($"{at}: not a template Handlebars can read ({why})");
        }

        if (expressions > MaxExpressions) problems.Add($"the templates hold {expressions} expressions; at most {MaxExpressions} are offered per mapping");
    }

    // Handlebars.Net's own reading, as the last word on structure the scan below accepted.
    private static string? Compiles(string text)
    {
        try
        {
            _ = HandlebarsDotNet.Handlebars.Create().Compile(text);
            return null;
        }
        catch (Exception ex) when (ex is HandlebarsDotNet.HandlebarsException or InvalidOperationException or ArgumentException or FormatException)
        {
            return Shown(ex.Message);
        }
    }

    private static void Scan(string text, string at, ref int expressions, List<string> problems)
    {
        var open = new Stack<string>();
        var i = 0;
        while ((i = text.IndexOf("{{", i, StringComparison.Ordinal)) >= 0)
        {
            var backslashes = 0;
            while (i - backslashes > 0 && text[i - backslashes - 1] == '\\') backslashes++;
            if (backslashes > 1)
            {
                // Handlebars reads \\{{x}} as a backslash and a live {{x}}: this scan and the renderer must not disagree.
                problems.Add($"{at}: a backslash before an escaped mustache (\\\\{{{{) is not offered; write the text without it");
                return;
            }

            if (backslashes == 1)
            {
                i += 2; // an escaped mustache is literal text
                continue;
            }

            if (text.AsSpan(i).StartsWith("{{{{"))
            {
                problems.Add($"{at}: raw blocks ({{{{{{{{) are not offered");
                return;
            }

            var triple = text.AsSpan(i).StartsWith("{{{");
            var start = i + (triple ? 3 : 2);
            var inner = text.AsSpan(start).TrimStart('~');
            if (inner.StartsWith("!"))
            {
                // A comment: {{! ... }} or {{!-- ... --}}, which may hold "}}".
                var bang = text.Length - inner.Length;
                var end = inner.StartsWith("!--") ? CommentEnd(text, bang + 3) : text.IndexOf("}}", bang, StringComparison.Ordinal);
                if (end < 0)
                {
                    problems.Add($"{at}: a comment ({{{{!) is not closed");
                    return;
                }

                i = end + 2;
                continue;
            }

            var closing = triple ? "}}}" : "}}";
            var stop = text.IndexOf(closing, start, StringComparison.Ordinal);
            if (stop < 0)
            {
                problems.Add($"{at}: a template expression ({{{{) is not closed");
                return;
            }

            var expression = text[start..stop].Trim('~').Trim();
            i = stop + closing.Length;
            if ((Expression(expression) ?? Nesting(expression, open)) is { } why)
            {
                problems.Add($"{at} '{{{{{Shown(expression)}}}}}': {why}");
                return;
            }

            if (!expression.StartsWith('/') && expression != "else") expressions++;
        }

        if (open.Count > 0) problems.Add($"{at}: the block '{{{{#{Shown(open.Peek())}}}}}' is not closed (add '{{{{/{Shown(open.Peek())}}}}}')");
    }

    // Blocks open and close in order, and else stands only inside one (Handlebars would fail at request time).
    private static string? Nesting(string expression, Stack<string> open)
    {
        if (expression.StartsWith('#') || (expression.StartsWith('^') && expression.Length > 1))
        {
            open.Push(Tokens(expression[1..].TrimStart())![0]);
            return null;
        }

        if (expression.StartsWith('/'))
        {
            var name = expression[1..].Trim();
            if (open.Count == 0) return "closes a block that was never opened";
            if (open.Peek() != name) return $"closes '{Shown(name)}' while '{Shown(open.Peek())}' is open";
            open.Pop();
            return null;
        }

        var isElse = expression == "^" || expression == "else" || expression.StartsWith("else ", StringComparison.Ordinal);
        return isElse && open.Count == 0 ? "'else' outside a block" : null;
    }

    // The index of the "}}" that closes a {{!-- comment: after "--", maybe "~".
    private static int CommentEnd(string text, int from)
    {
        for (var dashes = text.IndexOf("--", from, StringComparison.Ordinal); dashes >= 0; dashes = text.IndexOf("--", dashes + 1, StringComparison.Ordinal))
        {
            var after = text.AsSpan(dashes + 2).TrimStart('~');
            if (after.StartsWith("}}")) return text.Length - after.Length;
        }

        return -1;
    }

    // Null when the expression needs no helper the stub lacks.
    private static string? Expression(string expression)
    {
        if (expression.Length == 0) return "an empty expression";
        switch (expression[0])
        {
            case '/':
                return null;
            case '>':
                return "partials are not offered";
            case '*':
                return "decorators are not offered";
            case '#' or '^':
            {
                var rest = expression[1..].TrimStart();
                if (expression[0] == '^' && rest.Length == 0) return null; // {{^}} is else
                if (rest.StartsWith('>') || rest.StartsWith('*')) return "partial blocks and decorators are not offered";
                var tokens = Tokens(rest);
                if (tokens is null) return "unbalanced quotes or brackets";
                if (tokens[0] == "each") return "loops ({{#each}}) are off: their answer would grow with the request";
                if (!Blocks.Contains(tokens[0])) return $"block helper '{Shown(tokens[0])}' is not available: template helpers are off in this stub (if, unless, with are built in)";
                return Arguments(tokens.Skip(1)) ?? (tokens.Count == 2 ? null : $"'{tokens[0]}' takes exactly one argument");
            }
        }

        var parts = Tokens(expression.TrimStart('&').TrimStart());
        if (parts is null) return "unbalanced quotes or brackets";
        if (parts[0] == "else") return parts.Count == 1 ? null : Expression("#" + string.Join(' ', parts.Skip(1)));
        if (parts[0] == "lookup") return Arguments(parts.Skip(1)) ?? (parts.Count is 3 or 4 ? null : "'lookup' takes two or three arguments");
        if (parts.Count == 1) return IsValue(parts[0]) ? null : $"'{Shown(parts[0])}' is not a value the template can show";
        return $"template helper '{Shown(parts[0])}' is not available: template helpers are off in this stub (see SECURITY.md)";
    }

    private static string? Arguments(IEnumerable<string> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.Contains('=', StringComparison.Ordinal)) return "hash arguments are not offered";
            if (!IsValue(argument) && !IsLiteral(argument)) return $"'{Shown(argument)}' calls a helper: template helpers are off in this stub";
        }

        return null;
    }

    // A path into the template's data (request.query.id, this, ../x, @index, [odd key]), not a helper call.
    private static bool IsValue(string token) =>
        !token.StartsWith('(') && !token.StartsWith("__", StringComparison.Ordinal) && !token.Contains('(', StringComparison.Ordinal) && !token.Contains(')', StringComparison.Ordinal);

    private static bool IsLiteral(string token) =>
        (token.Length >= 2 && token[0] is '"' or '\'' && token[^1] == token[0])
        || double.TryParse(token, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
        || token is "true" or "false" or "null" or "undefined";

    // Splits at white space outside quotes and [segment literals]; null when they are unbalanced.
    private static List<string>? Tokens(string text)
    {
        var tokens = new List<string>();
        var current = new System.Text.StringBuilder();
        char? open = null;
        foreach (var c in text)
        {
            if (open is not null)
            {
                current.Append(c);
                if (c == open) open = null;
                continue;
            }

            switch (c)
            {
                case '"' or '\'':
                    open = c;
                    current.Append(c);
                    break;
                case '[':
                    open = ']';
                    current.Append(c);
                    break;
                case var _ when char.IsWhiteSpace(c):
                    if (current.Length > 0) tokens.Add(current.ToString());
                    current.Clear();
                    break;
                default:
                    current.Append(c);
                    break;
            }
        }

        if (open is not null) return null;
        if (current.Length > 0) tokens.Add(current.ToString());
        return tokens.Count == 0 ? null : tokens;
    }

    private static string Shown(string text) => Engine.TextChecks.Shown(text, 60);
}
