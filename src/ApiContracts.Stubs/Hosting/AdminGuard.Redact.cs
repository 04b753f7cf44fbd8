using System.Text.Json.Nodes;

namespace ApiContracts.Stubs.Hosting;

// WireMock's request log as the stub shows it: credentials redacted.
internal static partial class AdminGuard
{
    /// <summary>Replaces credential header values and cookie values in WireMock's log entries (any <c>Headers</c> or <c>Cookies</c> object in the answer).</summary>
    public static bool Redact(JsonNode? node)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (name.Equals("Headers", StringComparison.OrdinalIgnoreCase) && value is JsonObject headers)
                    {
                        foreach (var (header, _) in headers.ToList())
                        {
                            if (!JournalEntry.IsCredential(header)) continue;
                            headers[header] = new JsonArray(JournalEntry.Redacted);
                            changed = true;
                        }
                    }
                    else if (name.Equals("Cookies", StringComparison.OrdinalIgnoreCase) && value is JsonObject cookies)
                    {
                        foreach (var (cookie, _) in cookies.ToList())
                        {
                            cookies[cookie] = JournalEntry.Redacted;
                            changed = true;
                        }
                    }
                    else
                    {
                        changed |= Redact(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array) changed |= Redact(item);
                break;
        }

        return changed;
    }
}
