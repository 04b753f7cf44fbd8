using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace ApiContracts.ExampleClient;

/// <summary>
/// A typed client of the five documented APIs, as a customer's application would write it. It sends the
/// credential the documents ask for, a content type with each body, and turns error statuses into <see cref="ApiException"/>.
/// </summary>
public sealed class CloudClient(HttpClient http, string token)
{
    /// <summary>ServiceStage: a page of a component instance's snapshots.</summary>
    public Task<InstanceSnapshotPage> InstanceSnapshotsAsync(string project, string application, string component, string instance, int? limit = null, int? offset = null, string? order = null) =>
        Get<InstanceSnapshotPage>($"/v2/{project}/cas/applications/{application}/components/{component}/instances/{instance}/snapshots" + Query(("limit", limit), ("offset", offset), ("order", order)), "X-Auth-Token", token);

    /// <summary>ServiceStage: scales an instance to <paramref name="replica"/> instances.</summary>
    public Task<Job> ScaleAsync(string project, string application, string component, string instance, int replica) =>
        Post<Job>(ActionPath(project, application, component, instance), new { action = "scale", parameters = new { replica } });

    /// <summary>ServiceStage: rolls an instance back to <paramref name="version"/>.</summary>
    public Task<Job> RollbackAsync(string project, string application, string component, string instance, string version) =>
        Post<Job>(ActionPath(project, application, component, instance), new { action = "rollback", parameters = new { version } });

    /// <summary>ServiceStage v3: a page of a configuration file's history.</summary>
    public Task<ConfigHistoryPage> ConfigHistoriesAsync(string project, string config, int? limit = null, int? offset = null, string? orderBy = null, string? order = null) =>
        Get<ConfigHistoryPage>($"/v3/{project}/cas/configs/{config}/histories" + Query(("limit", limit), ("offset", offset), ("order_by", orderBy), ("order", order)), "X-Auth-Token", token);

    /// <summary>PAI-DSW: a page of an instance's snapshots.</summary>
    public Task<DswSnapshotPage> DswSnapshotsAsync(string instance, int? pageNumber = null, int? pageSize = null) =>
        Get<DswSnapshotPage>($"/api/v2/instances/{instance}/snapshots" + Query(("PageNumber", pageNumber), ("PageSize", pageSize)), "Authorization", $"acs {token}");

    /// <summary>EVS: a page of a project's snapshots; follow <see cref="EvsSnapshotPage.Links"/> for the next one.</summary>
    public Task<EvsSnapshotPage> EvsSnapshotsAsync(string project, string? status = null, int? limit = null, string? marker = null) =>
        Get<EvsSnapshotPage>($"/v2/{project}/cloudsnapshots/detail" + Query(("status", status), ("limit", limit), ("marker", marker)), "X-Auth-Token", token);

    private static string ActionPath(string project, string application, string component, string instance) =>
        $"/v2/{project}/cas/applications/{application}/components/{component}/instances/{instance}/action";

    private async Task<T> Get<T>(string path, string header, string credential)
    {
        // A GET carries no body, so no Content-Type either, as browsers' clients send it (see the
        // definitions' assumption on Content-Type).
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation(header, credential);
        return await Send<T>(request);
    }

    private async Task<T> Post<T>(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("X-Auth-Token", token);
        return await Send<T>(request);
    }

    private async Task<T> Send<T>(HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new ApiException((int)response.StatusCode, text);
        return JsonSerializer.Deserialize<T>(text) ?? throw new ApiException((int)response.StatusCode, text);
    }

    private static string Query(params (string Name, object? Value)[] parameters)
    {
        var parts = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(Convert.ToString(p.Value, CultureInfo.InvariantCulture)!)}").ToList();
        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }
}
