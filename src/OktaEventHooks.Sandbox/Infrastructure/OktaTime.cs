using System.Globalization;

namespace OktaEventHooks.Sandbox.Infrastructure;

/// <summary>Okta's timestamp format: UTC, millisecond precision, <c>Z</c> suffix.</summary>
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
}
