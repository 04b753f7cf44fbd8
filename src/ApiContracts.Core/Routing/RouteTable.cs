using ApiContracts.Core.Definitions;

namespace ApiContracts.Core.Routing;

/// <summary>Matches request paths against the APIs' documented path templates.</summary>
public sealed class RouteTable
{
    private readonly List<(ApiDefinition Api, string[] Segments)> _routes;

    /// <summary>Compiles the templates of <paramref name="apis"/>.</summary>
    public RouteTable(IEnumerable<ApiDefinition> apis)
    {
        ArgumentNullException.ThrowIfNull(apis);
        _routes = apis.Select(a => (a, a.Operation.Path.Trim('/').Split('/'))).ToList();
    }

    /// <summary>The APIs whose template matches <paramref name="path"/>, each with the path values.</summary>
    public IEnumerable<(ApiDefinition Api, Dictionary<string, string> Values)> Match(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Trim('/').Split('/');
        foreach (var (api, segments) in _routes)
        {
            if (segments.Length != parts.Length) continue;
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var ok = true;
            for (var i = 0; i < segments.Length && ok; i++)
            {
                var segment = segments[i];
                if (segment.StartsWith('{') && segment.EndsWith('}'))
                {
                    ok = parts[i].Length > 0;
                    values[segment[1..^1]] = parts[i];
                }
                else
                {
                    ok = string.Equals(segment, parts[i], StringComparison.Ordinal);
                }
            }

            if (ok) yield return (api, values);
        }
    }

    /// <summary>The API whose error format fits an unknown path best: the one sharing the most leading literal segments.</summary>
    public ApiDefinition? Closest(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Trim('/').Split('/');
        ApiDefinition? best = null;
        var bestScore = 0;
        foreach (var (api, segments) in _routes)
        {
            var score = 0;
            for (var i = 0; i < Math.Min(parts.Length, segments.Length); i++)
            {
                // A literal segment in common says more than a placeholder that would take anything.
                if (string.Equals(segments[i], parts[i], StringComparison.Ordinal)) score += 2;
                else if (segments[i].StartsWith('{')) score++;
                else break;
            }

            if (score > bestScore)
            {
                best = api;
                bestScore = score;
            }
        }

        return best;
    }
}
