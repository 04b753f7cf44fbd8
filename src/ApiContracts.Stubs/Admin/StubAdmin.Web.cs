using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ApiContracts.Stubs.Hosting;

// What the web console reads: the catalogue of definitions and fixture downloads.
internal sealed partial class StubAdmin
{
    private JsonObject Catalog()
    {
        var apis = new JsonArray();
        foreach (var api in server.Engine.Catalog.Apis)
        {
            var tables = new JsonArray();
            foreach (var (part, table) in api.Request.Parts()) tables.Add(Table($"request {part.ToString().ToLowerInvariant()}", table));
            tables.Add(Table($"response {api.Operation.SuccessStatus}", api.Success.Body!));
            tables.Add(Table("error body", api.Errors.Fields));
            apis.Add(new JsonObject
            {
                ["id"] = api.Id,
                ["title"] = api.Title,
                ["summary"] = api.Summary,
                ["method"] = api.Operation.Method,
                ["path"] = api.Operation.Path,
                ["success"] = api.Operation.SuccessStatus,
                ["credential"] = api.Auth.Header,
                ["parent"] = api.Dataset.Parent,
                ["parents"] = new JsonArray(api.Dataset.Parents.Select(p => (JsonNode)new JsonObject(p.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)))).ToArray()),
                ["tables"] = tables,
                ["assumptions"] = new JsonArray(api.Assumptions.Select(a => (JsonNode)new JsonObject { ["id"] = a.Id, ["about"] = a.About, ["text"] = a.Text.Trim() }).ToArray()),
            });
        }

        return new JsonObject { ["apis"] = apis };
    }

    private static JsonObject Table(string part, ApiContracts.Core.Definitions.FieldTable table) => new()
    {
        ["part"] = part,
        ["caption"] = table.Caption,
        ["rows"] = new JsonArray(ApiContracts.Core.Docs.DocsWriter.Rows(table).Select(r => (JsonNode)new JsonObject
        {
            ["name"] = r.Name,
            ["mandatory"] = r.Field.Mandatory,
            ["type"] = ApiContracts.Core.Docs.DocsWriter.TypeText(r.Field),
            ["constraints"] = ApiContracts.Core.Docs.DocsWriter.ConstraintText(r.Field),
            ["description"] = r.Field.Description,
        }).ToArray()),
    };

    // A whole-number query parameter: its default when absent, a 400 naming it when it is not a number.
    private static T Whole<T>(IQueryCollection query, string name, T absent)
        where T : struct, System.Numerics.IBinaryInteger<T>, System.Numerics.IMinMaxValue<T> =>
        query[name].ToString() is { Length: > 0 } text ? WholeNumber<T>(JsonValue.Create(text), $"fixtures: {name}") : absent;

    // Streams an export, as the fixtures command writes it, straight into the download.
    private async Task Fixtures(HttpContext context)
    {
        var query = context.Request.Query;
        var catalog = server.Engine.Catalog;
        var api = catalog.Api(query["api"].ToString());
        var count = Whole(query, "count", 100L);
        if (count is < 0 or > 1_000_000) throw new ArgumentException($"count {count}: must be 0..1000000 for a download (use 'apicontracts fixtures' for more)");
        var seed = Whole(query, "seed", 1UL);
        var format = (query["format"].ToString() is { Length: > 0 } f ? f : "json").ToLowerInvariant() switch
        {
            "json" => ApiContracts.Fixtures.Export.ExportFormat.Json,
            "ndjson" => ApiContracts.Fixtures.Export.ExportFormat.Ndjson,
            "csv" => ApiContracts.Fixtures.Export.ExportFormat.Csv,
            _ => throw new ArgumentException($"format '{query["format"]}': use json, ndjson or csv"),
        };
        var locale = query["locale"].ToString() is { Length: > 0 } l ? l : "en";
        var parent = query["parent"].ToString() is { Length: > 0 } p ? p : null;
        var profile = query["profile"].ToString() is { Length: > 0 } named ? Profile(JsonValue.Create(named), "fixtures: profile") : ApiContracts.Fixtures.Generation.FixtureProfile.Realistic;
        var dataset = ApiContracts.Fixtures.Generation.Dataset.ForKnownParent(api, parent, seed, count, profile);
        var source = ApiContracts.Fixtures.Generation.FixtureSource.For(catalog, api.Id, new ApiContracts.Fixtures.Generation.GeneratorOptions { Locale = locale });
        context.Response.ContentType = format == ApiContracts.Fixtures.Export.ExportFormat.Csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{api.Id}.{format.ToString().ToLowerInvariant()}\"";
        var control = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>();
        if (control is not null) control.AllowSynchronousIO = true;

        // Kestrel drops writes to a connection the client closed without failing them, so the export would
        // generate the rest of its records for nobody: the stream below stops it at its next write instead.
        var sink = new StopWhenGone(context.Response.Body, context.RequestAborted);
        Interlocked.Increment(ref _exportsRunning);
        try
        {
            await Task.Run(() => ApiContracts.Fixtures.Export.FixtureExporter.Write(source, dataset, format, ApiContracts.Fixtures.Export.Shard.All, 0, count, sink), context.RequestAborted);
            LastExportStoppedEarly = false;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            LastExportStoppedEarly = true;
        }
        finally
        {
            Interlocked.Decrement(ref _exportsRunning);
        }
    }

    private static int _exportsRunning;

    /// <summary>Fixture downloads being generated now (for the tests of abandoned downloads).</summary>
    internal static int ExportsRunning => Volatile.Read(ref _exportsRunning);

    /// <summary>Whether the last download to end was stopped because its client went away.</summary>
    internal static bool LastExportStoppedEarly { get; private set; }

    /// <summary>A write-only stream that throws once the request is aborted.</summary>
    private sealed class StopWhenGone(Stream inner, CancellationToken gone) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            gone.ThrowIfCancellationRequested();
            inner.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            gone.ThrowIfCancellationRequested();
            inner.Write(buffer);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            gone.ThrowIfCancellationRequested();
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
            gone.ThrowIfCancellationRequested();
            inner.Flush();
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            gone.ThrowIfCancellationRequested();
            return inner.FlushAsync(cancellationToken);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
