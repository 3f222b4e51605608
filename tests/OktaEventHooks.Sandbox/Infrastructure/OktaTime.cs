using System.Globalization;

namespace OktaEventHooks.Sandbox.Infrastructure;

/// <summary>
/// Okta's timestamp format: UTC, three fraction digits, <c>Z</c> suffix. A hook's <c>created</c> and
/// <c>lastUpdated</c> are whole seconds (<c>…:SS.000Z</c> in every recording); System Log times keep milliseconds.
/// </summary>
internal static class OktaTime
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Now, truncated to whole milliseconds so stored and rendered values agree.</summary>
    public static DateTimeOffset NowMilliseconds()
    {
        var now = DateTimeOffset.UtcNow;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }

    /// <summary>Now, truncated to whole seconds: what Okta stores for a hook's created and lastUpdated.</summary>
    public static DateTimeOffset NowWholeSeconds()
    {
        var now = DateTimeOffset.UtcNow;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
    }
}
