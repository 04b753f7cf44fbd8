namespace ApiContracts.Fixtures.Generation;

/// <summary>The EVS status slot table: record i has status <c>Table[(i + Rotation) % 20]</c>, so a status filter is countable.</summary>
public static class EvsSlots
{
    /// <summary>The statuses by slot.</summary>
    public static string[] Table => Providers.EvsStatusSlots;

    /// <summary>The dataset's rotation of the table.</summary>
    public static long Rotation(Dataset dataset) => Providers.EvsRotation(dataset);
}
