using System.Text.Json.Nodes;
using ApiContracts.Stubs;
using ApiContracts.Stubs.Engine;

namespace ApiContracts.Stubs.Tests;

/// <summary>The in-process stub as a .NET test uses it: started on a free port, driven through its methods, disposed.</summary>
public class ApiStubTests
{
    private const string Evs = "evs-snapshots-detail";

    [Fact]
    public async Task ApiStub_StartsOnAFreePort_WithTheBuiltInDefinitions_AndItsAdminMethodsChangeWhatItAnswers()
    {
        await using var stub = await ApiStub.StartAsync(new ApiStubOptions { Settings = new StubSettings { Size = 5 } });
        using var client = new HttpClient { BaseAddress = stub.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Auth-Token", "t");

        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", stub.Url);
        Assert.DoesNotContain(":8080", stub.Url, StringComparison.Ordinal);
        var url = stub.UrlFor(Evs);
        Assert.StartsWith(stub.Url + "/v2/", url, StringComparison.Ordinal);

        var first = JsonNode.Parse(await client.GetStringAsync(new Uri(url)))!;
        Assert.Equal(5, first["count"]!.GetValue<int>());

        var parents = await stub.ParentsAsync();
        Assert.Contains(Evs, parents.Keys);
        Assert.NotEmpty(parents[Evs]);
        Assert.Contains(parents[Evs], p => url.Contains(p.Values.First(), StringComparison.Ordinal));

        await stub.ReseedAsync(seed: 7, size: 3);
        var reseeded = JsonNode.Parse(await client.GetStringAsync(new Uri(url)))!;
        Assert.Equal(3, reseeded["count"]!.GetValue<int>());

        await stub.SetScenarioAsync("empty");
        var empty = JsonNode.Parse(await client.GetStringAsync(new Uri(url)))!;
        Assert.Empty(empty["snapshots"]!.AsArray());

        await stub.SetScenarioAsync("not-found");
        Assert.Equal(404, (int)(await client.GetAsync(new Uri(url))).StatusCode);

        var journal = await stub.RequestsAsync();
        Assert.Equal(4, journal.Count(e => e.ApiId == Evs));
        Assert.Equal(404, journal[0].Status);

        await stub.ResetAsync();
        Assert.Empty(await stub.RequestsAsync());
        var again = JsonNode.Parse(await client.GetStringAsync(new Uri(url)))!;
        Assert.Equal(first.ToJsonString(), again.ToJsonString());
    }

    [Fact]
    public async Task ApiStub_AnAdminCallItRefuses_ThrowsWithTheStubsMessage()
    {
        await using var stub = await ApiStub.StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => stub.SetFaultRateAsync(2));

        Assert.Contains("fault", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("400", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiStub_TwoAtOnce_GetTheirOwnPortsAndTokens()
    {
        await using var one = await ApiStub.StartAsync();
        await using var two = await ApiStub.StartAsync();

        Assert.NotEqual(one.Url, two.Url);
        Assert.NotEqual(one.AdminToken, two.AdminToken);
    }
}
