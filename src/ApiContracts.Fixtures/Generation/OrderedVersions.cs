using System.Globalization;

namespace ApiContracts.Fixtures.Generation;

/// <summary>Version labels that rise with creation time, and their inverse, so a rollback target is checked in O(1).</summary>
public static class OrderedVersions
{
    /// <summary>1.0.0, 1.0.1, ... 1.0.9, 1.1.0, ... 1.9.9, 2.0.0: the label of the record <paramref name="ordinal"/> counted from the oldest (1).</summary>
    public static string Semver(long ordinal) => Providers.OrderedSemver(ordinal);

    /// <summary>The ordinal <see cref="Semver"/> made <paramref name="version"/> from; 0 when it is not such a label.</summary>
    public static long Ordinal(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var parts = version.Split('.');
        if (parts.Length != 3
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var patch)
            || major < 1 || minor > 9 || patch > 9 || major > long.MaxValue / 200)
        {
            return 0;
        }

        var ordinal = ((major - 1) * 100) + (minor * 10) + patch + 1;
        return Semver(ordinal) == version ? ordinal : 0;
    }
}
