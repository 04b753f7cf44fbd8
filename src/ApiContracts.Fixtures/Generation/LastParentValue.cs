namespace ApiContracts.Fixtures.Generation;

/// <summary>
/// The value made for the parent last asked for. Records are generated parent by parent, so one slot serves
/// nearly every call; threads that race may each make the value, which is a pure function of the key.
/// </summary>
internal sealed class LastParentValue<TValue>(Func<ulong, TValue> make)
    where TValue : class
{
    private Slot? _last;

    /// <summary>The value for the parent with <paramref name="key"/>.</summary>
    public TValue For(ulong key)
    {
        var last = Volatile.Read(ref _last);
        if (last is not null && last.Key == key) return last.Value;
        var value = make(key);
        Volatile.Write(ref _last, new Slot(key, value));
        return value;
    }

    private sealed record Slot(ulong Key, TValue Value);
}
