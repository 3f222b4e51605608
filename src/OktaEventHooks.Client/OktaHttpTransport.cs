using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using RestSharp;

namespace OktaEventHooks.Client;

/// <summary>
/// The one place that talks HTTP to Okta: authorisation, user agent, timeouts, rate-limit pacing,
/// retries, and turning every failure into an <see cref="OktaApiException"/>.
/// </summary>
internal sealed class OktaHttpTransport : ITokenEndpoint, IDisposable
{
    private static readonly int[] TransientStatuses = { 500, 502, 503, 504 };

    private readonly RestClient _rest;
    private readonly OktaClientOptions _options;
    private readonly RateLimitPacer _pacer;
    private readonly Random _jitter = new Random();

    public OktaHttpTransport(OktaClientOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _pacer = new RateLimitPacer(options.MaxApiCapacity);
        var restOptions = new RestClientOptions(options.OrgUrl)
        {
            UserAgent = options.UserAgent,
            Timeout = options.Timeout,
            // Never follow a redirect: the Authorization header must not reach another host.
            FollowRedirects = false,
            ThrowOnAnyError = false,
        };
        if (options.Proxy != null)
        {
            restOptions.Proxy = options.Proxy;
        }

        _rest = new RestClient(restOptions);
        TokenUrl = new Uri(options.OrgUrl, "oauth2/v1/token");
    }

    /// <summary>The org authorization server's token endpoint.</summary>
    public Uri TokenUrl { get; }

    /// <summary>Posts a token request (no Authorization header; the client assertion authenticates it).</summary>
    public async Task<TokenEndpointResponse> PostAsync(string form, string? dpopProof, CancellationToken cancellationToken)
    {
        var request = new RestRequest("oauth2/v1/token", Method.Post);
        request.AddHeader("Accept", "application/json");
        if (dpopProof != null)
        {
            request.AddHeader("DPoP", dpopProof);
        }

        request.AddStringBody(form, ContentType.FormUrlEncoded);
        var clock = Stopwatch.StartNew();
        var response = await _rest.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var requestId = Header(response, "X-Okta-Request-Id");
        if (response.StatusCode == 0)
        {
            Trace($"POST oauth2/v1/token failed: {NetworkReason(response)}");
            throw new OktaApiException(
                new OktaApiError
                {
                    Kind = response.ResponseStatus == ResponseStatus.TimedOut ? OktaFailureKind.Timeout : OktaFailureKind.Network,
                    ErrorSummary = response.ResponseStatus == ResponseStatus.TimedOut ? "The token endpoint did not answer in time" : NetworkReason(response),
                    Request = "POST oauth2/v1/token",
                },
                response.ErrorException);
        }

        Trace(string.Format(
            CultureInfo.InvariantCulture,
            "POST oauth2/v1/token -> {0} {1} in {2} ms (X-Okta-Request-Id {3})",
            (int)response.StatusCode, response.StatusCode, clock.ElapsedMilliseconds, requestId ?? "none"));
        return new TokenEndpointResponse((int)response.StatusCode, response.Content, Header(response, "DPoP-Nonce"), requestId);
    }

    public OktaClientOptions Options => _options;

    /// <summary>What Okta last said about the rate limit of this connection.</summary>
    public RateLimitPacer RateLimit => _pacer;

    /// <summary>
    /// Sends one request and returns a 2xx answer or throws <see cref="OktaApiException"/>. A 429 is retried
    /// after the window resets; a transient fault (500/502/503/504, a failed connection) is retried with
    /// back-off only when <paramref name="safeToRepeat"/>, or when the request surely never reached Okta.
    /// </summary>
    public async Task<OktaResponse> SendAsync(
        Method method, string path, string? jsonBody, TimeSpan? timeout, bool safeToRepeat, CancellationToken cancellationToken)
    {
        var display = method.ToString().ToUpperInvariant() + " " + path;
        var started = Stopwatch.StartNew();
        string? retryFor = null;
        var url = new Uri(_options.OrgUrl, path);
        var challenged = false;
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await _pacer.BeforeSendAsync(Trace, cancellationToken).ConfigureAwait(false);
            var request = new RestRequest(path, method);
            if (timeout != null)
            {
                request.Timeout = timeout;
            }

            request.AddHeader("Accept", "application/json");
            RequestCredentials credentials;
            try
            {
                credentials = await _options.Authorizer.AuthorizeAsync(method.ToString().ToUpperInvariant(), url, this, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                _pacer.Abandon();
                throw;
            }

            request.AddHeader("Authorization", credentials.Authorization);
            if (credentials.DpopProof != null)
            {
                request.AddHeader("DPoP", credentials.DpopProof);
            }
            if (retryFor != null)
            {
                request.AddHeader("X-Okta-Retry-For", retryFor);
                request.AddHeader("X-Okta-Retry-Count", (attempt - 1).ToString(CultureInfo.InvariantCulture));
            }

            if (jsonBody != null)
            {
                request.AddStringBody(jsonBody, ContentType.Json);
            }

            var sentAt = _pacer.Now();
            var clock = Stopwatch.StartNew();
            RestResponse response;
            try
            {
                response = await _rest.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                _pacer.Abandon();
                throw;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                _pacer.Abandon();
                cancellationToken.ThrowIfCancellationRequested();
            }

            var requestId = Header(response, "X-Okta-Request-Id");
            var retriesLeft = attempt <= _options.MaxRetries;

            // RestSharp marks some HTTP error answers as ResponseStatus.Error; a status code means an answer arrived.
            if (response.StatusCode == 0)
            {
                _pacer.Abandon();
                if (response.ResponseStatus == ResponseStatus.TimedOut)
                {
                    // Not retried: a hanging server would make the caller wait a multiple of the timeout.
                    var seconds = (timeout ?? _options.Timeout).TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
                    Trace($"{display} timed out after {seconds} s");
                    throw new OktaApiException(new OktaApiError
                    {
                        Kind = OktaFailureKind.Timeout,
                        ErrorSummary = $"Okta did not answer within {seconds} seconds",
                        Request = display,
                        Attempts = attempt,
                    });
                }

                var neverSent = NeverSent(response.ErrorException);
                Trace($"{display} failed: {NetworkReason(response)}");
                if (retriesLeft && (safeToRepeat || neverSent)
                    && await BackOffAsync(attempt, started, "the connection failed", cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                throw new OktaApiException(
                    new OktaApiError
                    {
                        Kind = OktaFailureKind.Network,
                        ErrorSummary = NetworkReason(response),
                        Request = display,
                        Attempts = attempt,
                        MayHaveReachedOkta = !neverSent,
                    },
                    response.ErrorException);
            }

            _pacer.AfterResponse(
                sentAt,
                Header(response, "X-Rate-Limit-Limit"),
                Header(response, "X-Rate-Limit-Remaining"),
                Header(response, "X-Rate-Limit-Reset"),
                Header(response, "Date"));
            var status = (int)response.StatusCode;
            if (RequestTrace.IsListening)
            {
                Trace(string.Format(
                    CultureInfo.InvariantCulture,
                    "{0} -> {1} {2} in {3} ms (X-Okta-Request-Id {4})",
                    display, status, response.StatusCode, clock.ElapsedMilliseconds, requestId ?? "none"));
            }

            if (status >= 200 && status < 300)
            {
                return new OktaResponse(response.StatusCode, response.Content, requestId);
            }

            // A renewed token or a proof with the server's new DPoP nonce gets one more try.
            if ((status == 401 || status == 400) && !challenged
                && (status == 401 || Header(response, "DPoP-Nonce") != null)
                && _options.Authorizer.ShouldRetryAfterChallenge(status, Header(response, "WWW-Authenticate"), Header(response, "DPoP-Nonce")))
            {
                challenged = true;
                Trace($"{display}: Okta refused the credentials ({status}); trying once more with fresh ones.");
                attempt--;
                continue;
            }

            if (status == 429 && retriesLeft)
            {
                // Limit and Remaining both 0 is the concurrent-request limit: its Reset is only an estimate.
                var concurrent = Header(response, "X-Rate-Limit-Limit") == "0";
                var wait = concurrent ? Backoff(attempt) : _pacer.UntilReset(Header(response, "X-Rate-Limit-Reset"));
                if (started.Elapsed + wait < _options.RetryDeadline)
                {
                    Trace(string.Format(
                        CultureInfo.InvariantCulture,
                        "Rate limited (429{0}). Waiting {1:0.00} s, then retry {2} of {3}.",
                        concurrent ? ", too many concurrent requests" : string.Empty, wait.TotalSeconds, attempt, _options.MaxRetries));
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                    retryFor = requestId;
                    continue;
                }
            }

            if (TransientStatuses.Contains(status) && retriesLeft && safeToRepeat
                && await BackOffAsync(attempt, started, $"Okta answered {status}", cancellationToken).ConfigureAwait(false))
            {
                retryFor = requestId;
                continue;
            }

            var error = ReadError(response, display, requestId, attempt);
            if (status == 429)
            {
                error.Kind = OktaFailureKind.RateLimitExhausted;
            }

            throw new OktaApiException(error);
        }
    }

    /// <summary>Waits before a retry after a transient fault; false when the deadline leaves no room.</summary>
    private async Task<bool> BackOffAsync(int attempt, Stopwatch started, string reason, CancellationToken cancellationToken)
    {
        var wait = Backoff(attempt);
        if (started.Elapsed + wait >= _options.RetryDeadline)
        {
            return false;
        }

        Trace(string.Format(
            CultureInfo.InvariantCulture,
            "{0}; retry {1} of {2} in {3:0.00} s.", reason, attempt, _options.MaxRetries, wait.TotalSeconds));
        await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Exponential back-off with jitter, capped at 8 s.</summary>
    private TimeSpan Backoff(int attempt)
    {
        double spread;
        lock (_jitter)
        {
            spread = _jitter.NextDouble();
        }

        var baseMs = _options.TransientBackoff.TotalMilliseconds * Math.Pow(2, attempt - 1);
        return TimeSpan.FromMilliseconds(Math.Min(8000, baseMs * (0.75 + (0.5 * spread))));
    }

    /// <summary>True when the failure happened before the request could reach the server.</summary>
    private static bool NeverSent(Exception? exception)
    {
        for (var e = exception; e != null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                switch (socket.SocketErrorCode)
                {
                    case SocketError.ConnectionRefused:
                    case SocketError.HostNotFound:
                    case SocketError.HostUnreachable:
                    case SocketError.NetworkUnreachable:
                    case SocketError.NoData:
                    case SocketError.TryAgain:
                        return true;
                }
            }
        }

        return false;
    }

    private static OktaApiError ReadError(RestResponse response, string display, string? requestId, int attempts)
    {
        var error = new OktaApiError
        {
            StatusCode = response.StatusCode,
            RequestId = requestId,
            Request = display,
            Attempts = attempts,
        };

        JObject? body = null;
        try
        {
            if (!string.IsNullOrWhiteSpace(response.Content))
            {
                body = JsonConvert.DeserializeObject(response.Content!, JsonSettings.Reading) as JObject;
            }
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body != null && body["errorCode"] != null)
        {
            error.Kind = OktaFailureKind.OktaError;
            error.ErrorCode = (string?)body["errorCode"];
            error.ErrorSummary = (string?)body["errorSummary"];
            error.ErrorId = (string?)body["errorId"];
            error.ErrorLink = (string?)body["errorLink"];
            if (body["errorCauses"] is JArray causes)
            {
                foreach (var cause in causes.OfType<JObject>())
                {
                    var summary = (string?)cause["errorSummary"];
                    if (!string.IsNullOrWhiteSpace(summary))
                    {
                        error.ErrorCauses.Add(summary!);
                    }
                }
            }
        }
        else if (body != null && body["error"] != null)
        {
            // OAuth errors use {"error", "error_description"}.
            error.Kind = OktaFailureKind.OktaError;
            error.ErrorCode = (string?)body["error"];
            error.ErrorSummary = (string?)body["error_description"] ?? error.ErrorCode;
        }
        else
        {
            error.Kind = OktaFailureKind.UnexpectedResponse;
            var length = response.Content?.Length ?? 0;
            error.ErrorSummary = length == 0
                ? "empty body"
                : string.Format(CultureInfo.InvariantCulture, "{0} body of {1} characters", response.ContentType ?? "untyped", length);
        }

        return error;
    }

    private static string NetworkReason(RestResponse response)
    {
        var inner = response.ErrorException;
        while (inner?.InnerException != null)
        {
            inner = inner.InnerException;
        }

        return inner?.Message ?? response.ErrorMessage ?? "no response";
    }

    private static string? Header(RestResponse response, string name) =>
        response.Headers?.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))?.Value?.ToString();

    private void Trace(string line)
    {
        RequestTrace.Write(line);
    }

    public void Dispose() => _rest.Dispose();
}
