using System.Globalization;
using System.Text;

namespace OktaEventHooks.Sandbox.SystemLog;

/// <summary>
/// Where a record sits in the log: by <c>published</c>, then by the order records were written (<see cref="Source"/>,
/// a record's or a synthetic range's sequence number, and <see cref="Index"/> within a range). Total, so a page
/// boundary never splits or repeats records that share a millisecond. The <c>after</c> cursor is this, encoded.
/// </summary>
internal readonly record struct LogPosition(long PublishedTicks, long Source, long Index) : IComparable<LogPosition>
{
    private const string Version = "s1";

    /// <summary>Before every record published at or after <paramref name="moment"/>.</summary>
    public static LogPosition Before(DateTimeOffset moment) => new(moment.UtcTicks, long.MinValue, long.MinValue);

    public int CompareTo(LogPosition other)
    {
        var byTime = PublishedTicks.CompareTo(other.PublishedTicks);
        if (byTime != 0)
        {
            return byTime;
        }

        var bySource = Source.CompareTo(other.Source);
        return bySource != 0 ? bySource : Index.CompareTo(other.Index);
    }

    public static bool operator <(LogPosition left, LogPosition right) => left.CompareTo(right) < 0;

    public static bool operator >(LogPosition left, LogPosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(LogPosition left, LogPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(LogPosition left, LogPosition right) => left.CompareTo(right) >= 0;

    /// <summary>The opaque <c>after</c> value: url-safe, meaningless to clients.</summary>
    public string ToCursor()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{Version}.{PublishedTicks}.{Source}.{Index}");
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static bool TryParseCursor(string cursor, out LogPosition position)
    {
        position = default;
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 += new string('=', (4 - (base64.Length % 4)) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split('.');
            if (parts.Length != 4 || parts[0] != Version
                || !long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks)
                || !long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var source)
                || !long.TryParse(parts[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var index))
            {
                return false;
            }

            position = new LogPosition(ticks, source, index);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
