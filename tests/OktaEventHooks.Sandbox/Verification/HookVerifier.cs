using System.Net;
using System.Text.Json;
using OktaEventHooks.Sandbox.Hooks;
using OktaEventHooks.Sandbox.Infrastructure;

namespace OktaEventHooks.Sandbox.Verification;

/// <summary>
/// Outcome of the ownership check. <see cref="FailureCause"/> is the reason in plain words: a real org does not
/// tell it to the API caller (see <see cref="Api.OktaErrors.VerificationFailed"/>), so the sandbox keeps it for its
/// verification log and, later, its System Log. <see cref="Attempts"/> counts the GETs tried (0: none was).
/// </summary>
internal sealed record VerificationOutcome(bool Verified, string? FailureCause, int Attempts = 0)
{
    public static VerificationOutcome Success { get; } = new(true, null);

    public static VerificationOutcome Failure(string cause) => new(false, cause);
}

/// <summary>
/// Okta's one-time verification: a GET to the hook URI carrying <c>X-Okta-Verification-Challenge</c>,
/// <c>User-Agent: Okta-Integrations</c>, <c>Accept: application/json</c> and an <c>X-Okta-Request-Id</c>, plus the
/// hook's custom headers and auth header; it expects 200 and <c>{"verification": "&lt;challenge&gt;"}</c>.
/// 3-second timeout per attempt; a timeout, connection error or non-200 answer is retried once.
/// Hard rule: no connection to anything but loopback, ever. The host is checked before trying, and
/// <see cref="LoopbackHttpClient"/> refuses non-loopback addresses again at the socket layer.
/// </summary>
internal sealed class HookVerifier : IDisposable
{
    public const string ChallengeHeader = "X-Okta-Verification-Challenge";
    public const string CouldNotConnect = "Verification failed: could not connect to the endpoint.";
    public const string WrongValue = "Verification failed: the response body did not contain the verification value.";
    public const int MaxAttempts = OktaEndpointContract.MaxAttempts;

    public static readonly TimeSpan AttemptTimeout = OktaEndpointContract.AttemptTimeout;

    private const int MaxResponseBytes = 64 * 1024;

    private readonly HttpClient _client;

    public HookVerifier()
    {
        _client = LoopbackHttpClient.Create(AttemptTimeout);
    }

    public static string AnsweredStatus(int status) => $"Verification failed: the endpoint answered HTTP {status}.";

    public static string TimedOut => $"Verification failed: the endpoint did not answer within {AttemptTimeout.TotalSeconds:0} seconds.";

    public async Task<VerificationOutcome> VerifyAsync(HookChannel channel, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(channel.Uri, UriKind.Absolute, out var uri) || !LoopbackAddress.IsLoopbackHost(uri))
        {
            return VerificationOutcome.Failure(CouldNotConnect);
        }

        var outcome = VerificationOutcome.Failure(CouldNotConnect);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            (outcome, var retry) = await AttemptAsync(uri, channel, cancellationToken);
            outcome = outcome with { Attempts = attempt };
            if (outcome.Verified || !retry)
            {
                break;
            }
        }

        return outcome;
    }

    public void Dispose() => _client.Dispose();

    private async Task<(VerificationOutcome Outcome, bool Retry)> AttemptAsync(Uri uri, HookChannel channel, CancellationToken cancellationToken)
    {
        var challenge = OktaIds.NewVerificationChallenge();
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        OktaEndpointContract.AddOktaHeaders(request);
        request.Headers.TryAddWithoutValidation(ChallengeHeader, challenge);
        foreach (var header in channel.Headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (channel.AuthScheme is { } auth)
        {
            request.Headers.TryAddWithoutValidation(auth.Key, auth.Value);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AttemptTimeout);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return (VerificationOutcome.Failure(AnsweredStatus((int)response.StatusCode)), true);
            }

            var body = await ReadLimitedAsync(response.Content, timeout.Token);
            return (ContainsChallenge(body, challenge) ? VerificationOutcome.Success : VerificationOutcome.Failure(WrongValue), false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (VerificationOutcome.Failure(TimedOut), true);
        }
        catch (HttpRequestException)
        {
            return (VerificationOutcome.Failure(CouldNotConnect), true);
        }
        catch (IOException)
        {
            return (VerificationOutcome.Failure(CouldNotConnect), true);
        }
    }

    private static bool ContainsChallenge(byte[] body, string challenge)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("verification", out var value)
                && value.ValueKind == JsonValueKind.String
                && string.Equals(value.GetString(), challenge, StringComparison.Ordinal);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // A hostile or broken endpoint must not make the sandbox buffer an unbounded body.
    private static async Task<byte[]> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxResponseBytes)
            {
                return [];
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
