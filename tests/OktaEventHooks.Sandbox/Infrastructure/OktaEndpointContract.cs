using System.Net.Http.Headers;

namespace OktaEventHooks.Sandbox.Infrastructure;

/// <summary>How Okta calls a hook endpoint, for verification and delivery alike: 3 s per attempt, one retry, the same headers.</summary>
internal static class OktaEndpointContract
{
    public const int MaxAttempts = 2;

    /// <summary>The User-Agent of Okta's calls to hook endpoints.</summary>
    public const string UserAgent = "Okta-Integrations";

    public const string RequestIdHeader = "X-Okta-Request-Id";

    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The headers Okta puts on its own calls: <c>User-Agent: Okta-Integrations</c>, <c>Accept: application/json</c>
    /// and a fresh <c>X-Okta-Request-Id</c> (documented for the verification GET; OktaAssumptions A12 for deliveries).
    /// </summary>
    public static void AddOktaHeaders(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation(RequestIdHeader, OktaIds.NewRequestId());
    }
}
