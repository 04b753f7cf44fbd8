using System.Text.Json.Nodes;

namespace ApiContracts.Stubs.Tests.Security;

/// <summary>Issue 10, point 6: settings changes are atomic; each answer reports the state it produced; none is lost.</summary>
public sealed class LostUpdateTests : IDisposable
{
    private readonly StubFixture _stub = new();

    public void Dispose() => _stub.Dispose();

    [Fact]
    public async Task FourHundredSimultaneousReseedAndScenarioPairs_LoseNoChange()
    {
        string[] scenarios = ["empty", "slow", "not-found", "error-500"];
        var calls = Enumerable.Range(0, 400).SelectMany(i => new[]
        {
            _stub.Send("POST", "/__stub/reseed", $$"""{"seed": {{i + 1000}}}"""),
            _stub.Send("PUT", "/__stub/scenario", $$"""{"default": "{{scenarios[i % 4]}}"}"""),
        });
        var answers = await Task.WhenAll(calls);

        Assert.All(answers, a => Assert.Equal(200, a.Status));
        var states = answers.Select(a => (Version: (long)a.Body!["version"]!, Seed: (ulong)a.Body["seed"]!, Scenario: (string?)a.Body["defaultScenario"])).OrderBy(s => s.Version).ToList();

        // The versions form one chain, 1..800: every change was applied once, in some order.
        Assert.Equal(Enumerable.Range(1, 800).Select(v => (long)v), states.Select(s => s.Version));

        // Each state differs from the one before in at most the part its own call changed: a reseed that
        // overwrote a concurrent scenario (or the reverse) would show as both parts changing at once.
        for (var i = 1; i < states.Count; i++)
        {
            var seedChanged = states[i].Seed != states[i - 1].Seed;
            var scenarioChanged = states[i].Scenario != states[i - 1].Scenario;
            Assert.False(seedChanged && scenarioChanged, $"version {states[i].Version} changed both the seed and the scenario");
        }

        var final = (await _stub.Get("/__stub/settings")).Body!;
        Assert.Equal(800, (long)final["version"]!);
        Assert.Equal(states[^1].Seed, (ulong)final["seed"]!);
        Assert.Equal(states[^1].Scenario, (string?)final["defaultScenario"]);
    }
}
