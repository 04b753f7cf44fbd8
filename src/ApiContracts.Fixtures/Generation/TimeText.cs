namespace ApiContracts.Fixtures.Generation;

/// <summary>
/// Fixed-width UTC time text without the cost of culture-aware formatting: each run of y, M, d, H, m, s or f
/// in a pattern is that many digits of the year, month, day, hour, minute, second or millisecond, each run
/// of u that many digits of a given extra number (EVS's microseconds); any other character is itself.
/// </summary>
internal static class TimeText
{
    public static string Format(long millis, string pattern, int extra = 0)
    {
        var time = DateTime.UnixEpoch.AddMilliseconds(millis);
        return string.Create(pattern.Length, (time, pattern, extra), static (span, state) =>
        {
            var (t, p, u) = state;
            var i = 0;
            while (i < p.Length)
            {
                var c = p[i];
                var run = 1;
                while (i + run < p.Length && p[i + run] == c) run++;
                var value = c switch
                {
                    'y' => t.Year,
                    'M' => t.Month,
                    'd' => t.Day,
                    'H' => t.Hour,
                    'm' => t.Minute,
                    's' => t.Second,
                    'f' => t.Millisecond,
                    'u' => u,
                    _ => -1,
                };
                if (value < 0)
                {
                    for (var k = 0; k < run; k++) span[i + k] = c;
                }
                else
                {
                    for (var k = run - 1; k >= 0; k--, value /= 10) span[i + k] = (char)('0' + (value % 10));
                }

                i += run;
            }
        });
    }
}
