using ApiContracts.Core;
using ApiContracts.Core.Tests;
using ApiContracts.Stubs.Hosting;

namespace ApiContracts.Stubs.Tests.Security;

/// <summary>
/// Review: the journal redacted a fixed list of header names, so a user's own definition whose credential header
/// has another name (here EVS re-defined with <c>X-Api-Token</c>) had its credentials shown. Now the served
/// definitions' credential headers are redacted too.
/// </summary>
public sealed class DefinedCredentialTests
{
    [Fact]
    public async Task ACredentialHeaderNamedByADefinition_IsRedactedInTheJournal()
    {
        var apis = Repo.Catalog.Apis.Select(a => a.Id == "evs-snapshots-detail" ? a with { Auth = a.Auth with { Header = "X-Api-Token" } } : a).ToList();
        using var server = StubServer.Start(ContractCatalog.From(apis), new StubServerOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = new Uri(server.Url) };

        using var request = new HttpRequestMessage(HttpMethod.Get, StubFixture.Evs);
        request.Headers.Add("X-Api-Token", "secret-user-credential");
        request.Headers.Add("X-Auth-Token", "t"); // still a documented request header of the page's table
        using var answer = await client.SendAsync(request);
        using var journal = new HttpRequestMessage(HttpMethod.Get, "/__stub/requests");
        journal.Headers.Add("Authorization", "Bearer " + server.AdminToken);
        var listed = await (await client.SendAsync(journal)).Content.ReadAsStringAsync();

        Assert.True((int)answer.StatusCode == 200, await answer.Content.ReadAsStringAsync());
        Assert.Contains("X-Api-Token", listed, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(JournalEntry.Redacted, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-user-credential", listed, StringComparison.Ordinal);
    }
}
