using System.Text.Json.Nodes;
using ApiContracts.Core.Definitions;
using ApiContracts.Core.Tests;
using ApiContracts.Fixtures.Generation;
using ApiContracts.Fixtures.States;

namespace ApiContracts.Pact.Tests;

/// <summary>
/// The shape that lets the reference pacts hold for any conforming provider: every interaction asks for
/// its data through a known provider state, every array carries one example element matched by type with
/// a minimum, general examples hold only what a provider always sends, and patterns and formats are regexes.
/// </summary>
public class ReferencePactShapeTests
{
    public static TheoryData<string> Pacts => new(Verifiers.ReferencePacts.Select(Path.GetFileName)!);

    private static IEnumerable<(ApiDefinition Api, JsonObject Interaction)> Interactions(string file)
    {
        var pact = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "contracts", "pacts", file)))!;
        foreach (var interaction in pact["interactions"]!.AsArray())
        {
            var description = (string)interaction!["description"]!;
            yield return (Repo.Catalog.Apis.Single(a => description.StartsWith(a.Id + ": ", StringComparison.Ordinal)), interaction.AsObject());
        }
    }

    private static string Segment(string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? "." + name : "['" + name + "']";

    // Every array of the body with its rule path: $.snapshots, $.snapshots[*].Labels.
    private static IEnumerable<(string Path, JsonArray Array)> Arrays(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonArray array:
                yield return (path, array);
                foreach (var element in array)
                {
                    foreach (var inner in Arrays(element, path + "[*]")) yield return inner;
                }

                break;
            case JsonObject o:
                foreach (var (name, value) in o)
                {
                    foreach (var inner in Arrays(value, path + Segment(name))) yield return inner;
                }

                break;
        }
    }

    [Theory]
    [MemberData(nameof(Pacts))]
    public void EveryInteraction_NamesOneKnownState_WhoseParametersTheStubAccepts(string file)
    {
        foreach (var (api, interaction) in Interactions(file))
        {
            var state = Assert.Single(interaction["providerStates"]!.AsArray())!;
            var name = (string)state["name"]!;
            Assert.NotNull(ProviderStates.Find(name));
            var parameters = state["params"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value);
            var setups = ProviderStates.Resolve(Repo.Catalog, name, parameters);
            Assert.Contains(setups, s => s.Api.Id == api.Id);
        }
    }

    [Theory]
    [MemberData(nameof(Pacts))]
    public void EveryArray_HasOneExampleElement_MatchedByTypeWithAMinimum(string file)
    {
        foreach (var (_, interaction) in Interactions(file))
        {
            var body = interaction["response"]!["body"]?["content"];
            var rules = interaction["response"]!["matchingRules"]?["body"]?.AsObject() ?? [];
            foreach (var (path, array) in Arrays(body, "$"))
            {
                Assert.True(array.Count <= 1, $"{interaction["description"]}: {path} has {array.Count} example elements");
                var matcher = rules[path]?["matchers"]?[0];
                Assert.True(matcher is not null && (string?)matcher["match"] == "type" && matcher["min"] is not null, $"{interaction["description"]}: {path} has no type rule with a minimum");
                Assert.True(array.Count >= (int)matcher["min"]!, $"{interaction["description"]}: {path}'s example is below its own minimum");
                if (array.Count == 1 && array[0] is JsonObject) Assert.NotNull(rules[path + "[*]"]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Pacts))]
    public void GeneralExamples_HoldOnlyWhatAProviderAlwaysSends_RecordStatesTheRest(string file)
    {
        foreach (var (api, interaction) in Interactions(file))
        {
            if (RecordGenerator.ItemsField(api) is not { } items || (int)interaction["response"]!["status"]! != 200) continue;
            var state = ProviderStates.Find((string)interaction["providerStates"]![0]!["name"]!);
            var asked = state is RecordState record ? record.Fields.Select(f => f.Name).ToHashSet() : [];
            var content = interaction["response"]!["body"]!["content"]!;
            foreach (var item in content[items.Name]!.AsArray())
            {
                foreach (var field in items.Items!.Fields!.Fields.Where(f => !f.Mandatory || f.Constraints.Nullable))
                {
                    Assert.Equal(asked.Contains(field.Name), item!.AsObject().ContainsKey(field.Name));
                }
            }

            foreach (var field in api.Success.Body!.Fields.Where(f => f.Constraints.Nullable)) Assert.False(content.AsObject().ContainsKey(field.Name), $"{interaction["description"]}: {field.Name} is nullable");
        }
    }

    [Theory]
    [MemberData(nameof(Pacts))]
    public void FieldsWithAPatternOrFormat_AreMatchedByRegex(string file)
    {
        foreach (var (api, interaction) in Interactions(file))
        {
            if (RecordGenerator.ItemsField(api) is not { } items || (int)interaction["response"]!["status"]! != 200) continue;
            if (interaction["response"]!["body"]!["content"]![items.Name]!.AsArray().Count == 0) continue; // the empty list
            var rules = interaction["response"]!["matchingRules"]!["body"]!.AsObject();
            var shaped = (ProviderStates.Find((string)interaction["providerStates"]![0]!["name"]!) as RecordState)?.Fields.Select(f => f.Name).ToHashSet() ?? [];
            foreach (var field in items.Items!.Fields!.Fields.Where(f => f.Mandatory && !f.Constraints.Nullable && (f.Constraints.Pattern ?? f.Constraints.Format) is not null && !shaped.Contains(f.Name)))
            {
                var path = "$" + Segment(items.Name) + "[*]" + Segment(field.Name);
                Assert.Equal("regex", (string?)rules[path]?["matchers"]?[0]?["match"]);
            }
        }
    }

    [Fact]
    public void EveryRecordState_IsAskedForByAReferenceInteraction_WithItsFields()
    {
        var all = Verifiers.ReferencePacts.Select(Path.GetFileName).SelectMany(f => Interactions(f!)).ToList();
        foreach (var state in ProviderStates.Records)
        {
            var (api, interaction) = Assert.Single(all, i => (string?)i.Interaction["providerStates"]![0]!["name"] == state.Name);
            var item = Assert.Single(interaction["response"]!["body"]!["content"]![RecordGenerator.ItemsField(api)!.Name]!.AsArray())!;
            foreach (var field in state.Fields) Assert.True(JsonNode.DeepEquals(field.Value, item[field.Name]), $"{state.Name}: {field.Name}");
        }
    }
}
