using System.Collections.Specialized;
using System.Reflection;
using System.Text;
using WireMock;
using WireMock.Logging;
using WireMock.Types;
using WireMock.Util;

namespace ApiContracts.Stubs.Hosting;

/// <summary>
/// Keeps WireMock.Net's own request log as bounded as our journal: a logged request or response body
/// over <see cref="JournalEntry.MaxBodyBytes"/> is cut to that, with a mark. WireMock.Net keeps the
/// request body in read-only properties of its request message, so those are cut through their backing
/// fields; the tests read the log back to prove it still works with the WireMock.Net version in use. The
/// response the log holds is the very object WireMock is about to send (for a mapping with a fixed body, the
/// mapping's own, shared by every answer), so it is never changed: the log entry gets a cut copy instead.
/// </summary>
internal static class WireMockLogTrim
{
    private static readonly FieldInfo? BodyField = typeof(RequestMessage).GetField("<Body>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic);
    private static readonly FieldInfo? BytesField = typeof(RequestMessage).GetField("<BodyAsBytes>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic);

    public static void OnChanged(object? sender, NotifyCollectionChangedEventArgs e)
    {
        if (e.Action != NotifyCollectionChangedAction.Add || e.NewItems is null) return;
        foreach (var item in e.NewItems)
        {
            if (item is LogEntry entry) Trim(entry);
        }
    }

    private static void Trim(LogEntry entry)
    {
        if (entry.RequestMessage is RequestMessage request && request.BodyData is { } data && Length(data) > JournalEntry.MaxBodyBytes)
        {
            var text = Cut(data);
            data.BodyAsBytes = null;
            data.BodyAsJson = null;
            data.BodyAsFormUrlEncoded = null;
            data.BodyAsString = text;
            data.DetectedBodyType = BodyType.String;
            request.BodyAsJson = null;
            BodyField?.SetValue(request, text);
            BytesField?.SetValue(request, null);
        }

        if (entry.ResponseMessage is { BodyData: { } answer } response && Length(answer) > JournalEntry.MaxBodyBytes)
        {
            entry.ResponseMessage = new ResponseMessage
            {
                StatusCode = response.StatusCode,
                Headers = response.Headers,
                TrailingHeaders = response.TrailingHeaders,
                BodyOriginal = null,
                BodyDestination = response.BodyDestination,
                BodyData = new BodyData { BodyAsString = Cut(answer), DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
                FaultType = response.FaultType,
                FaultPercentage = response.FaultPercentage,
                DateTime = response.DateTime,
                Method = response.Method,
            };
        }
    }

    private static long Length(IBodyData data) =>
        Math.Max(data.BodyAsBytes?.LongLength ?? 0, (data.BodyAsString?.Length ?? 0) * 1L);

    private static string Cut(IBodyData data)
    {
        var bytes = data.BodyAsBytes ?? Encoding.UTF8.GetBytes(data.BodyAsString ?? string.Empty);
        return JournalBody.Of(bytes).Text();
    }
}
