using System.Text.Json.Serialization;

namespace ApiContracts.ExampleClient;

/// <summary>A ServiceStage component instance snapshot.</summary>
/// <param name="CreateTime">Milliseconds since the Unix epoch.</param>
/// <param name="Description">Free text.</param>
/// <param name="InstanceId">The instance.</param>
/// <param name="Version">The source version.</param>
public sealed record InstanceSnapshot(
    [property: JsonPropertyName("create_time")] long CreateTime,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("instance_id")] string InstanceId,
    [property: JsonPropertyName("version")] string Version);

/// <summary>A page of instance snapshots.</summary>
/// <param name="Count">The total.</param>
/// <param name="Snapshots">The page.</param>
public sealed record InstanceSnapshotPage([property: JsonPropertyName("count")] long Count, [property: JsonPropertyName("snapshots")] IReadOnlyList<InstanceSnapshot> Snapshots);

/// <summary>The job an instance action started.</summary>
/// <param name="JobId">The job id (JOB + uuid).</param>
public sealed record Job([property: JsonPropertyName("job_id")] string JobId);

/// <summary>A configuration file history entry.</summary>
/// <param name="Id">The entry id.</param>
/// <param name="Version">The version label.</param>
/// <param name="Content">The content (masked when sensitive).</param>
/// <param name="Sensitive">Whether the content is encrypted.</param>
/// <param name="CreateTime">Milliseconds since the Unix epoch.</param>
public sealed record ConfigHistory(
    [property: JsonPropertyName("config_history_id")] string Id,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("sensitive")] bool Sensitive,
    [property: JsonPropertyName("create_time")] long CreateTime);

/// <summary>A page of configuration history.</summary>
/// <param name="Count">The total.</param>
/// <param name="Histories">The page.</param>
public sealed record ConfigHistoryPage([property: JsonPropertyName("count")] long Count, [property: JsonPropertyName("histories")] IReadOnlyList<ConfigHistory> Histories);

/// <summary>A DSW instance snapshot.</summary>
/// <param name="SnapshotId">The id.</param>
/// <param name="Status">The status.</param>
/// <param name="GmtCreateTime">RFC 3339 creation time.</param>
public sealed record DswSnapshot([property: JsonPropertyName("SnapshotId")] string SnapshotId, [property: JsonPropertyName("Status")] string Status, [property: JsonPropertyName("GmtCreateTime")] DateTimeOffset GmtCreateTime);

/// <summary>A page of DSW snapshots in Alibaba's envelope.</summary>
/// <param name="Success">Whether the call succeeded.</param>
/// <param name="TotalCount">The total.</param>
/// <param name="Snapshots">The page.</param>
public sealed record DswSnapshotPage([property: JsonPropertyName("Success")] bool Success, [property: JsonPropertyName("TotalCount")] long TotalCount, [property: JsonPropertyName("Snapshots")] IReadOnlyList<DswSnapshot> Snapshots);

/// <summary>An EVS snapshot.</summary>
/// <param name="Id">The id (a marker for the next page).</param>
/// <param name="Status">The status.</param>
/// <param name="Size">GB.</param>
/// <param name="Description">May be null.</param>
public sealed record EvsSnapshot([property: JsonPropertyName("id")] string Id, [property: JsonPropertyName("status")] string Status, [property: JsonPropertyName("size")] long Size, [property: JsonPropertyName("description")] string? Description);

/// <summary>A link to the next page.</summary>
/// <param name="Href">Where it is.</param>
/// <param name="Rel">next.</param>
public sealed record EvsLink([property: JsonPropertyName("href")] string Href, [property: JsonPropertyName("rel")] string Rel);

/// <summary>A page of EVS snapshots.</summary>
/// <param name="Count">The total.</param>
/// <param name="Snapshots">The page.</param>
/// <param name="Links">Present when more follow a limited page.</param>
public sealed record EvsSnapshotPage([property: JsonPropertyName("count")] long Count, [property: JsonPropertyName("snapshots")] IReadOnlyList<EvsSnapshot> Snapshots, [property: JsonPropertyName("snapshots_links")] IReadOnlyList<EvsLink>? Links);

/// <summary>An error any of the APIs answered, with its status and body.</summary>
public sealed class ApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ApiException(int status, string body)
        : base($"the API answered {status}: {body}")
    {
        Status = status;
        Body = body;
    }

    /// <summary>Creates the exception.</summary>
    public ApiException()
        : this(0, string.Empty)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ApiException(string message)
        : base(message)
    {
        Body = string.Empty;
    }

    /// <summary>Creates the exception.</summary>
    public ApiException(string message, Exception inner)
        : base(message, inner)
    {
        Body = string.Empty;
    }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>The error body as received.</summary>
    public string Body { get; } = string.Empty;
}
