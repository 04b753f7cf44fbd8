using System.Globalization;
using ApiContracts.Fixtures.Seeding;

namespace ApiContracts.Fixtures.Generation;

/// <summary>
/// A closed set of values with weights: what generates a field and what describes its distribution are the
/// same table, so the description cannot drift from the data.
/// </summary>
internal sealed class Weighted<T>
{
    private readonly T[] _values;
    private readonly int[] _weights;
    private readonly int _total;
    private SeededMix? _lastMix;

    public Weighted(params (T Value, int Weight)[] items)
    {
        _values = items.Select(i => i.Value).ToArray();
        _weights = items.Select(i => i.Weight).ToArray();
        _total = _weights.Sum();
    }

    public IReadOnlyList<T> Values => _values;

    /// <summary>A value by weight.</summary>
    public T Pick(ref FieldRandom random)
    {
        var pick = random.Next(_total);
        for (var i = 0; i < _values.Length; i++)
        {
            if ((pick -= _weights[i]) < 0) return _values[i];
        }

        return _values[^1];
    }

    /// <summary>A value by weight, or evenly when the profile deals closed sets evenly.</summary>
    public T Pick(ref FieldRandom random, FixtureProfile profile) => profile.EvenMixes ? _values[random.Next(_values.Length)] : Pick(ref random);

    /// <summary>
    /// A value by weight, each weight first scaled by a factor between 1/e^spread and e^spread that
    /// <paramref name="mixKey"/> (a dataset's) fixes, so the mix varies with the seed; evenly in an even profile.
    /// </summary>
    public T PickSeeded(ref FieldRandom random, ulong mixKey, double spread, FixtureProfile profile)
    {
        if (profile.EvenMixes) return _values[random.Next(_values.Length)];
        // Consecutive records share their dataset's mix: keep the last one made.
        var mix = Volatile.Read(ref _lastMix);
        if (mix is null || mix.Key != mixKey || mix.Spread != spread)
        {
            var cumulative = new double[_values.Length];
            for (var i = 0; i < _values.Length; i++) cumulative[i] = (i == 0 ? 0 : cumulative[i - 1]) + (_weights[i] * Factor(mixKey, i, spread));
            mix = new SeededMix(mixKey, spread, cumulative);
            Volatile.Write(ref _lastMix, mix);
        }

        var pick = random.NextDouble() * mix.Cumulative[^1];
        for (var i = 0; i < _values.Length; i++)
        {
            if (pick < mix.Cumulative[i]) return _values[i];
        }

        return _values[^1];
    }

    /// <summary>The seeded share of each value under <paramref name="mixKey"/> (see <see cref="PickSeeded"/>).</summary>
    public IReadOnlyList<(T Value, double Share)> SeededShares(ulong mixKey, double spread)
    {
        var scaled = _weights.Select((w, i) => w * Factor(mixKey, i, spread)).ToArray();
        return _values.Select((v, i) => (v, scaled[i] / scaled.Sum())).ToArray();
    }

    /// <summary>"a 30%, b 10%, ..." in table order.</summary>
    public string Describe(Func<T, string>? text = null) =>
        string.Join(", ", _values.Select((v, i) => $"{(text is null ? v?.ToString() : text(v))} {Percent((double)_weights[i] / _total)}"));

    /// <summary>A share as a percentage to one decimal where it is below 10%.</summary>
    public static string Percent(double share) =>
        (share * 100).ToString(share < 0.1 ? "0.#" : "0", CultureInfo.InvariantCulture) + "%";

    // Immutable: a reader that finds it under its key may use it while another thread replaces it.
    private sealed record SeededMix(ulong Key, double Spread, double[] Cumulative);

    private static double Factor(ulong mixKey, int i, double spread) =>
        Math.Exp(spread * ((2 * ((Seed.Combine(mixKey, (ulong)i) >> 11) * (1.0 / (1UL << 53)))) - 1));
}
