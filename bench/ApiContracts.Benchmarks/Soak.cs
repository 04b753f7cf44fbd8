using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace ApiContracts.Benchmarks;

/// <summary>
/// The long soak of bench/soak.sh: random hostile requests (bad framing aside, which needs raw sockets and
/// is covered by the tests) against a running stub server for a while, counting the statuses.
/// Usage: soak &lt;base-url&gt; &lt;admin-token&gt; &lt;seconds&gt; [connections] [seed]. Exit 1 if any answer was a 5xx.
/// </summary>
public static class Soak
{
    private const string Snapshots = "/v2/0605767a3300d5762fb7c0186d9e1779/cas/applications/8a3be48a-6401-4e8c-bbce-033745252227/components/4b611997-4acd-4538-a06b-32fd2475e057/instances/11eddb33-140b-4e51-b1e2-6ec265373ca3/snapshots";
    private const string Action = "/v2/0605767a3300d5762fb7c0186d9e1779/cas/applications/8a3be48a-6401-4e8c-bbce-033745252227/components/4b611997-4acd-4538-a06b-32fd2475e057/instances/11eddb33-140b-4e51-b1e2-6ec265373ca3/action";

    public static async Task<int> Run(string[] args)
    {
        var baseUrl = args[0].TrimEnd('/');
        var token = args[1];
        var seconds = int.Parse(args[2], CultureInfo.InvariantCulture);
        var connections = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 16;
        var seed = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 20261123;
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        await Send(client, baseUrl, "POST", "/__admin/mappings", """{"Request": {"Path": {"Matchers": [{"Name": "RegexMatcher", "Pattern": "^/redos/(a+)+$"}]}}, "Response": {"Body": "x"}}""", token, admin: true);
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, long>();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections).Select(async w =>
        {
            var random = new Random(seed + w);
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                var (method, url, body, admin, headers) = Hostile(random);
                int status;
                try
                {
                    status = await Send(client, baseUrl, method, url, body, admin ? token : null, admin, headers);
                }
                catch (HttpRequestException)
                {
                    status = 0;
                }
                catch (TaskCanceledException)
                {
                    status = -1;
                }

                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (status >= 500 && failures.Count < 20) failures.Enqueue($"{method} {url[..Math.Min(url.Length, 100)]} -> {status}");
            }
        });
        await Task.WhenAll(workers);
        var total = statuses.Values.Sum();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"requests: {total} in {clock.Elapsed.TotalSeconds:F0} s ({total / clock.Elapsed.TotalSeconds:F0}/s), {connections} connections"));
        Console.WriteLine("statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
        foreach (var failure in failures) Console.WriteLine("5xx: " + failure);
        return statuses.Keys.Any(s => s >= 500 || s <= 0) ? 1 : 0;
    }

    private static async Task<int> Send(HttpClient client, string baseUrl, string method, string url, string? body, string? token, bool admin, Dictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), baseUrl + url);
        if (admin && token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var (name, value) in headers ?? []) request.Headers.TryAddWithoutValidation(name, value);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        await stream.CopyToAsync(Stream.Null);
        return (int)response.StatusCode;
    }

    private static (string Method, string Url, string? Body, bool Admin, Dictionary<string, string> Headers) Hostile(Random random)
    {
        string[] urls =
        [
            Snapshots, Action, "/api/v2/instances/dsw-730xxxxxxxxxx/snapshots", "/v2/20a68d6b7a124ae2b6b8a22046ee5966/cloudsnapshots/detail",
            "/__stub/requests", "/__stub/scenario", "/__stub/reseed", "/__stub/provider-states", "/__admin/mappings", "/__admin/settings",
            "/__admin/requests", "/__admin/files/x", "/__admin/mappings/save", "/redos/" + new string('a', 30) + "!",
            "/__stub/fixtures?api=evs-snapshots-detail&count=20", "/%2e%2e/%2e%2e/etc/passwd", "/" + new string('b', 3000),
        ];
        string[] bodies =
        [
            "", "{", "null", "[]", "{\"action\":\"\\ud800\"}", "{\"default\":\"error-404\"}", "{\"seed\":-1,\"size\":99999999999}",
            "{\"MaxRequestLogCount\":1000000}", "{\"Request\":{\"Path\":\"/p\"},\"Response\":{\"BodyAsFile\":\"/etc/passwd\"}}",
            "{\"Request\":{\"Path\":\"/q\"},\"Response\":{\"ProxyUrl\":\"http://169.254.169.254\"}}",
            "{\"action\":\"setup\",\"params\":{\"instance_id\":\"x\",\"size\":9223372036854775807}}", new string('[', 5000),
            "{\"action\":\"scale\",\"parameters\":{\"replica\":3},\"pad\":\"" + new string('p', 200_000) + "\"}",
            "{\"action\":\"scale\",\"parameters\":{\"replica\":3}}",
        ];
        string[] methods = ["GET", "GET", "POST", "PUT", "DELETE", "PATCH"];
        var url = urls[random.Next(urls.Length)] + (random.Next(3) == 0 ? string.Create(CultureInfo.InvariantCulture, $"?limit={random.Next(-5, 2000)}&offset={random.NextInt64()}") : string.Empty);
        var headers = new Dictionary<string, string>();
        switch (random.Next(5))
        {
            case 0: headers["X-Auth-Token"] = "t"; headers["X-Stub-Scenario"] = random.Next(2) == 0 ? "empty" : "bogus"; break;
            case 1: headers["Origin"] = "null"; headers["X-Auth-Token"] = "t"; break;
            case 2: headers["X-Auth-Token"] = "t"; headers["Authorization"] = "acs t:s"; break;
        }

        return (methods[random.Next(methods.Length)], url, bodies[random.Next(bodies.Length)], random.Next(4) == 0, headers);
    }
}
