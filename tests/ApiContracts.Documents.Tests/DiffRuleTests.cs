using ApiContracts.Core.Definitions;
using ApiContracts.Core.Tests;
using ApiContracts.Documents.Diff;

namespace ApiContracts.Documents.Tests;

/// <summary>Every rule of docs/diff-rules.md, each with a pair of definitions: a committed one and an edited copy.</summary>
public class DiffRuleTests
{
    private const string Snapshots = "servicestage-instance-snapshots";
    private const string Action = "servicestage-instance-action";
    private const string Histories = "servicestage-config-histories";
    private const string Pai = "pai-dsw-instance-snapshots";
    private const string Evs = "evs-snapshots-detail";

    // The row of servicestage-instance-snapshots' count, as written.
    private const string Count = "      - name: count\n        mandatory: true\n        type: integer\n";
    private const string HistoryLimit = "        default: 10\n        minimum: 0\n        maximum: 100\n";
    private const string NewQuery = "      - name: offset\n        mandatory: false\n        type: integer\n        description: How many entries";

    public static TheoryData<string, string, string, string, string, string> Rules() => new()
    {
        // api, find, replace (old -> new), expected kind, severity, pointer
        { Action, "      - name: job_id\n", "      - name: job_ref\n", "response-removed", "breaking-for-consumers", "/responses/200/job_id" },
        { Snapshots, Count, Count.Replace("true", "false"), "response-became-optional", "breaking-for-consumers", "/responses/200/count/mandatory" },
        { Snapshots, Count, Count + "        nullable: true\n", "response-became-nullable", "breaking-for-consumers", "/responses/200/count/nullable" },
        { Snapshots, Count, Count.Replace("integer", "number"), "response-type-changed", "breaking-for-consumers", "/responses/200/count/type" },
        { Evs, "      - name: snapshots_links\n        mandatory: false", "      - name: snapshots_links\n        mandatory: true", "response-became-mandatory", "breaking-for-providers", "/responses/200/snapshots_links/mandatory" },
        { Action, "      - name: job_id\n", "      - name: job_state\n        mandatory: true\n        type: string\n        description: New.\n      - name: job_id\n", "response-mandatory-added", "breaking-for-providers", "/responses/200/job_state" },
        { Action, "      - name: job_id\n", "      - name: job_state\n        mandatory: false\n        type: string\n        description: New.\n      - name: job_id\n", "response-optional-added", "compatible", "/responses/200/job_state" },
        { Snapshots, Count + "        description: Total number of snapshots of the instance, whatever page was asked for.\n        minimum: 0", Count + "        description: Total number of snapshots of the instance, whatever page was asked for.\n        minimum: 1", "response-bounds-narrowed", "breaking-for-providers", "/responses/200/count/minimum" },
        { Snapshots, Count + "        description: Total number of snapshots of the instance, whatever page was asked for.\n        minimum: 0\n        sources: {minimum: A11}\n", Count + "        description: Total number of snapshots of the instance, whatever page was asked for.\n", "response-bounds-widened", "breaking-for-consumers", "/responses/200/count/minimum" },
        { Pai, "        description: Whether the call succeeded.\n", "        description: Whether the call succeeded.\n        enum: [true, false]\n        sources: {enum: A6}\n", "response-enum-added", "breaking-for-providers", "/responses/200/Success/enum" },
        { Histories, "      - name: version\n              mandatory: true\n              type: string\n", "      - name: version\n              mandatory: true\n              type: string\n              format: uri\n              sources: {format: A7}\n", "response-format-changed", "breaking-for-providers", "/responses/200/histories/version/format" },
        { Histories, "              hint: config-sensitive\n", "              hint: config-sensitive\n              nullable: true\n", "response-became-nullable", "breaking-for-consumers", "/responses/200/histories/sensitive/nullable" },
        { Histories, NewQuery, "      - name: marker\n        mandatory: true\n        type: string\n        description: New.\n" + NewQuery, "request-mandatory-added", "breaking-for-consumers", "/request/query/marker" },
        { Histories, NewQuery, "      - name: marker\n        mandatory: false\n        type: string\n        description: New.\n" + NewQuery, "request-optional-added", "compatible", "/request/query/marker" },
        { Histories, NewQuery, NewQuery.Replace("mandatory: false", "mandatory: true"), "request-became-mandatory", "breaking-for-consumers", "/request/query/offset/mandatory" },
        { Action, "          - name: replica\n            mandatory: false", "          - name: replica\n            mandatory: true", "request-became-mandatory", "breaking-for-consumers", "/request/body/parameters/replica/mandatory" },
        { Action, "      - name: action\n        mandatory: true", "      - name: action\n        mandatory: false", "request-became-optional", "breaking-for-providers", "/request/body/action/mandatory" },
        { Histories, NewQuery, NewQuery.Replace("offset", "skip"), "request-removed", "breaking-for-consumers", "/request/query/offset" },
        { Histories, NewQuery, NewQuery.Replace("integer", "number"), "request-type-changed", "breaking-for-consumers", "/request/query/offset/type" },
        { Histories, HistoryLimit, HistoryLimit.Replace("100", "50"), "request-bounds-narrowed", "breaking-for-consumers", "/request/query/limit/maximum" },
        { Histories, HistoryLimit, HistoryLimit.Replace("100", "200"), "request-bounds-widened", "breaking-for-providers", "/request/query/limit/maximum" },
        { Histories, "        enum: [desc, asc]\n", "        enum: [desc]\n", "request-enum-value-removed", "breaking-for-consumers", "/request/query/order/enum" },
        { Histories, "        enum: [desc, asc]\n", "        enum: [desc, asc, random]\n", "request-enum-value-added", "breaking-for-providers", "/request/query/order/enum" },
        { Snapshots, "        default: create_time\n        hint: create_time\n", "        default: create_time\n        hint: create_time\n        enum: [create_time]\n        sources: {enum: A5}\n", "request-enum-added", "breaking-for-consumers", "/request/query/order_by/enum" },
        { Histories, "        enum: [desc, asc]\n        sources: {enum: page}\n        default: desc\n", "        enum: [desc, asc]\n        sources: {enum: page}\n        default: asc\n", "request-default-changed", "breaking-for-consumers", "/request/query/order/default" },
        { Action, "        hint: job-id\n", "        hint: job-id\n        pattern: ^JOB\n        sources: {pattern: A8}\n", "response-pattern-changed", "breaking-for-providers", "/responses/200/job_id/pattern" },
        { Action, "            hint: semver\n", "            hint: semver\n            pattern: ^[0-9]\n            sources: {pattern: A5}\n", "request-pattern-changed", "breaking-for-consumers", "/request/body/parameters/version/pattern" },
        { Action, "            required_when: {field: /action, in: [scale]}\n", "            required_when: {field: /action, in: [scale, restart]}\n", "request-requirement-changed", "breaking-for-consumers", "/request/body/parameters/replica/required_when" },
        { Histories, "    - name: error_message\n", "    - name: error_text\n", "error-body-changed", "breaking-for-consumers", "/errors/error_message" },
        { Histories, "  code_pattern: ^SVCSTG\\.00100\\.?[0-9A-Za-z]+$\n", "  code_pattern: ^SVCSTG\\.[0-9]+$\n", "error-body-changed", "breaking-for-consumers", "/errors/code_pattern" },
        { Histories, "    error: {code: SVCSTG.00100404}\n", "    error: {code: SVCSTG.00100999}\n", "error-body-changed", "breaking-for-consumers", "/responses/404/code" },
        { Evs, "  envelopes: [error, badRequest, itemNotFound]\n", "  envelopes: [error, badRequest]\n", "error-body-changed", "breaking-for-consumers", "/errors/envelopes" },
        { Histories, "  limit:\n    parameter: limit\n    default: 10\n    minimum: 0\n    maximum: 100\n", "  limit:\n    parameter: limit\n    default: 10\n    minimum: 0\n    maximum: 50\n", "paging-rule-changed", "breaking-for-consumers", "/pagination/size/maximum" },
        { Snapshots, "    otherwise: 10\n", "    otherwise: 20\n", "paging-rule-changed", "breaking-for-consumers", "/pagination/size/clamp" },
        { Snapshots, "    default: 1000\n    honoured", "    default: 100\n    honoured", "paging-rule-changed", "breaking-for-consumers", "/pagination/size/default" },
        { Evs, "    when: limit-given-and-more-follow\n", "    when: more-follow\n", "paging-rule-changed", "breaking-for-consumers", "/pagination/links" },
        { Pai, "    default_direction: DESC\n", "    default_direction: ASC\n", "paging-rule-changed", "breaking-for-consumers", "/pagination/sort/default_direction" },
        { Histories, "  path: /v3/{project_id}/cas/configs/{config_id}/histories\n", "  path: /v4/{project_id}/cas/configs/{config_id}/histories\n", "operation-changed", "breaking-for-consumers", "/operation/path" },
        { Pai, "  header: Authorization\n", "  header: X-Acs-Signature\n", "auth-changed", "breaking-for-consumers", "/auth/header" },
        { Histories, "  documented_statuses: [204, 400, 404, 500]\n", "  documented_statuses: [200, 400, 404, 500]\n", "statuses-as-printed-changed", "compatible", "/operation/documented_statuses" },
        { Histories, "        description: How many history entries to return, from 0 to 100.\n", "        description: The page size.\n", "description-changed", "compatible", "/request/query/limit/description" },
        { Action, "              \"replica\": 4\n", "              \"replica\": 5\n", "example-changed", "compatible", "/request/body/examples/document/json" },
        { Histories, "        default: application/json;charset=utf8\n", "        default: application/json\n", "request-default-changed", "compatible", "/request/headers/Content-Type/default" },
        { Evs, "  table: Parameters in the error field\n", "  table: Error fields\n", "table-caption-changed", "compatible", "/errors/table" },
        { Histories, "    table: 表2 查询参数\n", "    table: 表2 Query\n", "table-caption-changed", "compatible", "/request/query/table" },
        { Action, "      answered with 400 whether or not the stub runs with --strict", "      answered with 400 in every mode", "assumption-changed", "compatible", "/assumptions/A13/text" },
        { Action, "  - status: 500\n", "  - status: 409\n    description: New.\n    error: {code: SVCSTG.00100409}\n  - status: 500\n", "response-status-added", "compatible", "/responses/409" },
    };

    // Rules whose pair is an edited copy as the old side and the committed definition as the new one.
    public static TheoryData<string, string, string, string, string, string> ReversedRules() => new()
    {
        { Pai, "        description: Whether the call succeeded.\n", "        description: Whether the call succeeded.\n        enum: [true, false]\n        sources: {enum: A6}\n", "response-enum-removed", "breaking-for-consumers", "/responses/200/Success/enum" },
        { Snapshots, Count, Count + "        nullable: true\n", "response-became-non-nullable", "breaking-for-providers", "/responses/200/count/nullable" },
        { Snapshots, "        default: create_time\n        hint: create_time\n", "        default: create_time\n        hint: create_time\n        enum: [create_time]\n        sources: {enum: A5}\n", "request-enum-removed", "breaking-for-providers", "/request/query/order_by/enum" },
        { Histories, NewQuery, NewQuery.Replace("        description: How many entries", "        nullable: true\n        description: How many entries", StringComparison.Ordinal), "request-nullable-changed", "breaking-for-consumers", "/request/query/offset/nullable" },
        { Snapshots, "          type: object\n          table: Table 5 snapshot parameters\n", "          type: object\n          additional_properties: true\n          table: Table 5 snapshot parameters\n", "response-closed", "breaking-for-providers", "/responses/200/snapshots/items/additional_properties" },
        { Action, "        table: Table 4 parameters description\n", "        additional_properties: true\n        table: Table 4 parameters description\n", "request-closed-changed", "breaking-for-consumers", "/request/body/parameters/additional_properties" },
        { Action, "  - status: 500\n", "  - status: 409\n    description: New.\n    error: {code: SVCSTG.00100409}\n  - status: 500\n", "response-status-removed", "compatible", "/responses/409" },
        { Histories, NewQuery, NewQuery.Replace("offset", "skip"), "request-removed", "breaking-for-consumers", "/request/query/skip" },
    };

    public static TheoryData<string, string, string, string, string, string> MoreRules() => new()
    {
        { Snapshots, "          type: object\n          table: Table 5 snapshot parameters\n", "          type: object\n          additional_properties: true\n          table: Table 5 snapshot parameters\n", "response-opened", "breaking-for-consumers", "/responses/200/snapshots/items/additional_properties" },
        { Action, "        table: Table 4 parameters description\n", "        additional_properties: true\n        table: Table 4 parameters description\n", "request-closed-changed", "breaking-for-providers", "/request/body/parameters/additional_properties" },
        { Histories, NewQuery, NewQuery.Replace("        description: How many entries", "        nullable: true\n        description: How many entries", StringComparison.Ordinal), "request-nullable-changed", "breaking-for-providers", "/request/query/offset/nullable" },
        { Action, "            hint: semver\n", "            hint: semver\n            format: uri\n            sources: {format: A5}\n", "request-format-changed", "breaking-for-consumers", "/request/body/parameters/version/format" },
        { Evs, "  style: marker\n  items: /snapshots\n  key: id\n  total: /count\n  limit:\n    parameter: limit\n    minimum: 1\n    maximum: 1000\n  offset:\n    parameter: offset\n    default: 0\n  marker:\n    parameter: marker\n", "  style: offset-limit\n  items: /snapshots\n  key: id\n  total: /count\n  limit:\n    parameter: limit\n    minimum: 1\n    maximum: 1000\n  offset:\n    parameter: offset\n    default: 0\n", "paging-rule-changed", "breaking-for-consumers", "/pagination/style" }, // offset-limit paging takes no marker
        { Histories, "    fields: [create_time, name, update_time]\n", "    fields: [create_time, name]\n", "paging-rule-changed", "breaking-for-consumers", "/pagination/sort/fields" },
    };

    [Theory]
    [MemberData(nameof(ReversedRules))]
    public void Rule_ReversedPair_ClassifiedAsDocumented(string api, string find, string replace, string kind, string severity, string pointer)
    {
        var text = Text(api);
        Assert.True(text.Contains(find, StringComparison.Ordinal), $"the test's snippet is not in {api}.yaml: {find}");

        var changes = Compare(api, text.Replace(find, replace, StringComparison.Ordinal), text);

        Assert.Contains(changes, c => c.Kind == kind && c.SeverityName == severity && c.Pointer == pointer);
    }

    [Theory]
    [MemberData(nameof(MoreRules))]
    public void Rule_MorePairs_ClassifiedAsDocumented(string api, string find, string replace, string kind, string severity, string pointer) =>
        Rule_PairOfDefinitions_ClassifiedAsDocumented(api, find, replace, kind, severity, pointer);

    [Fact]
    public void SuccessStatusChanged_BreaksConsumers()
    {
        var text = Text(Action);
        var changed = text.Replace("  success_status: 200\n", "  success_status: 201\n", StringComparison.Ordinal).Replace("  - status: 200\n", "  - status: 201\n", StringComparison.Ordinal);

        var changes = Compare(Action, text, changed);

        Assert.Contains(changes, c => c.Kind == "success-status-changed" && c.Severity == Severity.BreakingForConsumers && c.Pointer == "/operation/success_status");
        Assert.DoesNotContain(changes, c => c.Kind == "response-removed");
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Rule_PairOfDefinitions_ClassifiedAsDocumented(string api, string find, string replace, string kind, string severity, string pointer)
    {
        var changes = Diff(api, find, replace);

        Assert.Contains(changes, c => c.Kind == kind && c.SeverityName == severity && c.Pointer == pointer);
        Assert.All(changes.Where(c => c.Kind == kind), c => Assert.False(string.IsNullOrWhiteSpace(c.Message)));
    }

    [Fact]
    public void SameDefinitions_NoChanges()
    {
        var views = Repo.Catalog.Apis.Select(DefinitionView.Of).ToList();

        Assert.Empty(ContractDiff.Compare(views, views));
    }

    [Fact]
    public void ApiRemovedAndAdded_ClassifiedPerApi()
    {
        var all = Repo.Catalog.Apis.Select(DefinitionView.Of).ToList();

        var changes = ContractDiff.Compare(all, all.Where(v => v.Id != Evs).ToList());
        var back = ContractDiff.Compare(all.Where(v => v.Id != Evs).ToList(), all);

        Assert.Equal(("api-removed", Severity.BreakingForConsumers), (Assert.Single(changes).Kind, changes[0].Severity));
        Assert.Equal(("api-added", Severity.Compatible), (Assert.Single(back).Kind, back[0].Severity));
    }

    [Fact]
    public void EnumValueAddedToResponse_BreaksConsumers_RemovedBreaksProviders()
    {
        const string Find = "        description: Whether the call succeeded.\n";
        var one = Text(Pai).Replace(Find, Find + "        enum: [true]\n        sources: {enum: A6}\n", StringComparison.Ordinal);
        var two = Text(Pai).Replace(Find, Find + "        enum: [true, false]\n        sources: {enum: A6}\n", StringComparison.Ordinal);

        var added = Compare(Pai, one, two);
        var removed = Compare(Pai, two, one);

        Assert.Contains(added, c => c.Kind == "response-enum-value-added" && c.Severity == Severity.BreakingForConsumers && c.Message.Contains("false", StringComparison.Ordinal));
        Assert.Contains(removed, c => c.Kind == "response-enum-value-removed" && c.Severity == Severity.BreakingForProviders);
    }

    [Fact]
    public void PagingAdded_BreaksConsumers()
    {
        var withoutPaging = Text(Histories);
        var start = withoutPaging.IndexOf("\npagination:\n", StringComparison.Ordinal);
        var end = withoutPaging.IndexOf("\ndataset:\n", StringComparison.Ordinal);
        withoutPaging = withoutPaging[..start] + withoutPaging[end..];

        var changes = Compare(Histories, withoutPaging, Text(Histories));

        Assert.Contains(changes, c => c.Kind == "paging-rule-changed" && c.Pointer == "/pagination" && c.Severity == Severity.BreakingForConsumers);
    }

    [Fact]
    public void FailOn_SelectsWhichSeverityFails()
    {
        var consumer = new Change("x", "/a", "response-removed", Severity.BreakingForConsumers, "m");
        var provider = new Change("x", "/b", "request-enum-value-added", Severity.BreakingForProviders, "m");
        var compatible = new Change("x", "/c", "description-changed", Severity.Compatible, "m");

        Assert.Equal((true, false, true), (consumer.Fails(FailOn.Consumers), consumer.Fails(FailOn.Providers), consumer.Fails(FailOn.Any)));
        Assert.Equal((false, true, true), (provider.Fails(FailOn.Consumers), provider.Fails(FailOn.Providers), provider.Fails(FailOn.Any)));
        Assert.False(compatible.Fails(FailOn.Any));
    }

    private static IReadOnlyList<Change> Diff(string api, string find, string replace)
    {
        var text = Text(api);
        Assert.True(text.Contains(find, StringComparison.Ordinal), $"the test's snippet is not in {api}.yaml: {find}");
        return Compare(api, text, text.Replace(find, replace, StringComparison.Ordinal));
    }

    private static IReadOnlyList<Change> Compare(string api, string before, string after) =>
        ContractDiff.Compare(DefinitionView.Of(DefinitionLoader.Load(before, api + ".yaml")), DefinitionView.Of(DefinitionLoader.Load(after, api + ".yaml")));

    private static string Text(string api) => File.ReadAllText(Path.Combine(Repo.Root, "contracts", "apis", api + ".yaml")).ReplaceLineEndings("\n");
}
