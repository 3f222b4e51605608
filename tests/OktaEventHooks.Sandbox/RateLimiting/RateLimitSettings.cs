using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Admin;

namespace OktaEventHooks.Sandbox.RateLimiting;

/// <summary>
/// The shape of the org's /api/v1 bucket: <see cref="Limit"/> requests per fixed window of
/// <see cref="WindowSeconds"/>, and at most <see cref="ConcurrentLimit"/> requests in flight (0 = no cap).
/// </summary>
internal sealed record RateLimitSettings(int Limit, int WindowSeconds, int ConcurrentLimit)
{
    // A day is far beyond any Okta bucket; the cap only keeps DateTimeOffset arithmetic sane.
    public const int MaxWindowSeconds = 86_400;

    public static RateLimitSettings From(SandboxOptions options) =>
        new(options.RateLimit, options.RateLimitWindowSeconds, options.ConcurrentLimit);

    public TimeSpan WindowLength => TimeSpan.FromSeconds(WindowSeconds);

    /// <summary>Why these settings cannot be used, or null when they can.</summary>
    public string? Problem() =>
        Limit < 1 ? "limit must be at least 1."
        : WindowSeconds is < 1 or > MaxWindowSeconds ? $"windowSeconds must be from 1 to {MaxWindowSeconds}."
        : ConcurrentLimit < 0 ? "concurrentLimit must be 0 (no limit) or more."
        : null;

    /// <summary>
    /// Applies the admin endpoint's JSON (<c>limit</c>, <c>windowSeconds</c>, <c>concurrentLimit</c>, any subset)
    /// on top of these settings. Unknown fields are refused so a typo cannot silently leave a limit unchanged.
    /// </summary>
    public (RateLimitSettings? Settings, string? Problem) With(JsonObject changes)
    {
        var limit = Limit;
        var windowSeconds = WindowSeconds;
        var concurrentLimit = ConcurrentLimit;
        foreach (var (name, value) in changes)
        {
            if (!AdminJson.TryGetInt(value, out var number))
            {
                return (null, $"'{name}' must be an integer.");
            }

            switch (name)
            {
                case "limit": limit = number; break;
                case "windowSeconds": windowSeconds = number; break;
                case "concurrentLimit": concurrentLimit = number; break;
                default: return (null, $"Unknown field '{name}'; expected limit, windowSeconds or concurrentLimit.");
            }
        }

        var settings = new RateLimitSettings(limit, windowSeconds, concurrentLimit);
        return settings.Problem() is { } problem ? (null, problem) : (settings, null);
    }
}
