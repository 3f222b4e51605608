using System.Globalization;
using OktaEventHooks.Sandbox.RateLimiting;

namespace OktaEventHooks.Sandbox.Api;

/// <summary>
/// The headers every /api/v1 response carries. Kept as a value so a response that is thrown away and
/// written again (a 500 from an exception, an injected fault) still carries exactly the same ones.
/// <see cref="Quota"/> is null outside the /api/v1 bucket (the token endpoint): then no X-Rate-Limit-* headers.
/// </summary>
internal readonly record struct ApiResponseHeaders(string RequestId, RateLimitDecision? Quota)
{
    public void ApplyTo(HttpResponse response)
    {
        var headers = response.Headers;
        headers["X-Okta-Request-Id"] = RequestId;
        if (Quota is { } quota)
        {
            headers["X-Rate-Limit-Limit"] = quota.Limit.ToString(CultureInfo.InvariantCulture);
            headers["X-Rate-Limit-Remaining"] = quota.Remaining.ToString(CultureInfo.InvariantCulture);
            headers["X-Rate-Limit-Reset"] = quota.ResetEpochSeconds.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// Stamps <c>Date</c> from the clock at the moment headers go out. Kestrel's own value is refreshed only
    /// once a second, and clients compute their 429 wait as Reset − Date, so it must be read from now.
    /// </summary>
    public static void StampDateWhenSent(HttpResponse response) =>
        response.OnStarting(() =>
        {
            response.Headers.Date = DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
}
