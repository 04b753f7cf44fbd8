using System.Runtime.CompilerServices;
using System.Text;

namespace ApiContracts.Fixtures.Seeding;

/// <summary>
/// Stateless 64-bit mixing. A value's randomness is derived from (seed, API, parent, index, field path)
/// by hashing, never by drawing from a shared stream, so any record can be made alone and a new field
/// does not shift the others.
/// </summary>
public static class Seed
{
    /// <summary>The SplitMix64 finalizer: a bijective mix of all 64 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Combines two keys into one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Combine(ulong a, ulong b) => Mix(a ^ Mix(b + 0x632BE59BD9B4E019UL));

    /// <summary>FNV-1a over the UTF-8 bytes of <paramref name="text"/>, then mixed.</summary>
    public static ulong Hash(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 0x100000001B3UL;
        }

        return Mix(hash);
    }

    /// <summary>Combines several text parts into one key.</summary>
    public static ulong Hash(params string[] parts)
    {
        var key = 0UL;
        foreach (var part in parts) key = Combine(key, Hash(part));
        return key;
    }
}

/// <summary>A small deterministic stream for one field's value, started from the field's key.</summary>
public struct FieldRandom
{
    private ulong _state;

    /// <summary>Starts the stream at <paramref name="key"/>.</summary>
    public FieldRandom(ulong key) => _state = key;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextU64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A number in [0, <paramref name="max"/>).</summary>
    public int Next(int max) => max <= 1 ? 0 : (int)(NextU64() % (ulong)max);

    /// <summary>A number in [<paramref name="min"/>, <paramref name="max"/>], inclusive.</summary>
    public long Between(long min, long max)
    {
        if (max <= min) return min;
        var span = (ulong)(max - min) + 1UL;
        return span == 0 ? (long)NextU64() : min + (long)(NextU64() % span);
    }

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>A number in [0, 1).</summary>
    public double NextDouble() => (NextU64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>One item of <paramref name="items"/>.</summary>
    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary><paramref name="length"/> lower-case hex digits.</summary>
    public string Hex(int length)
    {
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i += 16)
        {
            var bits = NextU64();
            for (var j = i; j < Math.Min(length, i + 16); j++)
            {
                chars[j] = "0123456789abcdef"[(int)(bits & 0xF)];
                bits >>= 4;
            }
        }

        return new string(chars);
    }

    /// <summary>A version-4-shaped UUID in lower case.</summary>
    public string Uuid()
    {
        var a = NextU64();
        var b = NextU64();
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, a);
        BitConverter.TryWriteBytes(bytes[8..], b);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return string.Create(36, bytes.ToArray(), static (span, data) =>
        {
            var pos = 0;
            for (var i = 0; i < 16; i++)
            {
                if (i is 4 or 6 or 8 or 10) span[pos++] = '-';
                span[pos++] = "0123456789abcdef"[data[i] >> 4];
                span[pos++] = "0123456789abcdef"[data[i] & 0xF];
            }
        });
    }
}
