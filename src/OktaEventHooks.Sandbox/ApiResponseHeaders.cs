using System.Globalization;

namespace OktaEventHooks.Sandbox;

/// <summary>
/// The headers every /api/v1 response carries. Kept as a value so a response that is thrown away and
/// written again (a 500 from an exception, an injected fault) still carries exactly the same ones.
/// </summary>
internal readonly record struct ApiResponseHeaders(string RequestId, RateLimitDecision Quota)
{
    public void ApplyTo(HttpResponse response)
    {
        var headers = response.Headers;
        headers["X-Okta-Request-Id"] = RequestId;
        headers["X-Rate-Limit-Limit"] = Quota.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-Rate-Limit-Remaining"] = Quota.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-Rate-Limit-Reset"] = Quota.ResetEpochSeconds.ToString(CultureInfo.InvariantCulture);
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
