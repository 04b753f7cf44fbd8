using ApiContracts.Core.Tests;
using ApiContracts.Documents.Drift;

namespace ApiContracts.Documents.Tests;

/// <summary>Drift passes on the committed pages and fails, naming the change, on an edited copy.</summary>
public class DriftTests
{
    [Fact]
    public void CommittedPages_AgreeWithTheirDefinitions()
    {
        var results = DriftCheck.Run(Repo.Root);

        Assert.Equal(Repo.Catalog.Apis.Select(a => a.Id), results.Select(r => r.Api));
        Assert.All(results, r => Assert.True(r.Changes.Count == 0, $"{r.Api}: {string.Join("; ", r.Changes.Select(c => $"{c.Pointer} {c.Message}"))}"));
    }

    public static TheoryData<string, string, string, string, string> Edits() => new()
    {
        { "pai-dsw-instance-snapshots", "The default value is 10.", "The default value is 20.", "request-default-changed", "/request/query/PageSize/default" },
        { "servicestage-instance-snapshots", "offset\n\nNo\n\nInteger\n\nOffset.\n\n", string.Empty, "request-removed", "/request/query/offset" },
        { "servicestage-config-histories", "指定个数,取值[0, 100]。", "指定个数,取值[0, 50]。", "request-bounds-narrowed", "/request/query/limit/maximum" },
        { "evs-snapshots-detail", "\"count\": 3,", "\"count\": 4,", "example-changed", "/responses/200/examples/document/json" },
        { "servicestage-instance-action", "  • scale\n  • rollback\n", "  • scale\n", "request-enum-value-removed", "/request/body/action/enum" },
        { "servicestage-instance-snapshots", "Content-Type\n\nYes", "Content-Type\n\nNo", "request-became-optional", "/request/headers/Content-Type/mandatory" },
        { "servicestage-instance-snapshots", "count\n\nInteger", "count\n\nString", "response-type-changed", "/responses/200/count/type" },
        { "servicestage-instance-action", "SVCSTG.00100.[Error_ID], for example, SVCSTG.00100400.", "SVCSTG.00200.[Error_ID], for example, SVCSTG.00200400.", "error-body-changed", "/errors/code_pattern" },
        { "evs-snapshots-detail", "service_type |\nString |\nThe service type. |\n", "service_type |\nString |\nThe service type. |\nencrypted |\nBoolean |\nWhether the snapshot is encrypted. |\n", "response-optional-added", "/responses/200/snapshots/encrypted" },
        { "servicestage-config-histories", "  • update_time,配置文件修改时间。\n", "  • update_time,配置文件修改时间。\n  • version,配置文件版本。\n", "request-enum-value-added", "/request/query/order_by/enum" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void EditedPage_FailsWithTheChange(string id, string find, string replace, string kind, string pointer)
    {
        var root = Copy(id, find, replace);

        var result = Assert.Single(DriftCheck.Run(root, [id]));

        Assert.Contains(result.Changes, c => c.Kind == kind && c.Pointer == pointer);
    }

    [Fact]
    public void UnknownApi_IsBadInput()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => DriftCheck.Run(Repo.Root, ["no-such-api"]));

        Assert.Contains("no-such-api", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>A copy of contracts/apis and contracts/sources with one page edited.</summary>
    internal static string Copy(string id, string find, string replace)
    {
        var root = Path.Combine(Path.GetTempPath(), "apicontracts-drift-tests", Path.GetRandomFileName());
        foreach (var folder in new[] { "apis", "sources" })
        {
            Directory.CreateDirectory(Path.Combine(root, "contracts", folder));
            foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, "contracts", folder)))
            {
                File.Copy(file, Path.Combine(root, "contracts", folder, Path.GetFileName(file)));
            }
        }

        var page = Path.Combine(root, "contracts", "sources", id + ".txt");
        var text = File.ReadAllText(page);
        Assert.True(text.Contains(find, StringComparison.Ordinal), $"the edit's text is not on the page {id}: {find}");
        File.WriteAllText(page, text.Replace(find, replace, StringComparison.Ordinal));
        return root;
    }
}
