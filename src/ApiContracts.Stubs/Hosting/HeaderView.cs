using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;

namespace ApiContracts.Stubs.Hosting;

/// <summary>Kestrel's headers seen as the engine's read-only dictionary, without copying them per request.</summary>
internal sealed class HeaderView(IHeaderDictionary headers) : IReadOnlyDictionary<string, string>
{
    public int Count => headers.Count;

    public IEnumerable<string> Keys => headers.Keys;

    public IEnumerable<string> Values => headers.Values.Select(v => v.ToString());

    public string this[string key] => headers.TryGetValue(key, out var value) ? value.ToString() : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => headers.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        if (headers.TryGetValue(key, out var values))
        {
            value = values.ToString();
            return true;
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString())).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
