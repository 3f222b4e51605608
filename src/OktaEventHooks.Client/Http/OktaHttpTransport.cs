using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using System.Threading;
using System;
using OktaEventHooks.Client.Auth;
using OktaEventHooks.Client.Errors;
using OktaEventHooks.Client.RateLimits;
using RestSharp;

namespace OktaEventHooks.Client.Http;

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
        FrameworkTls.EnsureModernProtocols();
        _pacer = new RateLimitPacer(options.MaxApiCapacity);
        var restOptions = new RestClientOptions(options.OrgUrl)
        {
            UserAgent = options.UserAgent,
            Timeout = options.Timeout,
            // Never follow a redirect: the Authorization header must not reach another host.
            FollowRedirects = false,
            ThrowOnAnyError = false,
            ConfigureMessageHandler = inner => new AnswerSizeLimit(inner, options.MaxAnswerBytes),
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

    /// <summary>
    /// Posts a token request (no Authorization header; the client assertion authenticates it). Transient faults
    /// (500/502/503/504, 429, a failed connection) are retried from the budget of the call that needs the token.
    /// </summary>
    public async Task<TokenEndpointResponse> PostAsync(string form, string? dpopProof, CancellationToken cancellationToken)
    {
        const string Display = "POST oauth2/v1/token";
        var budget = CallBudget.Current ?? NewBudget();
        while (true)
        {
            var request = new RestRequest("oauth2/v1/token", Method.Post) { Timeout = AttemptTimeout(budget, null, Display) };
            request.AddHeader("Accept", "application/json");
            if (dpopProof != null)
            {
                AddSecretHeader(request, "DPoP", dpopProof, Display);
            }

            request.AddStringBody(form, ContentType.FormUrlEncoded);
            var clock = Stopwatch.StartNew();
            budget.CountAttempt();
            var response = await _rest.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            ThrowIfTooLarge(response, Display, budget);
            var requestId = SecretScrubber.RequestId(Header(response, "X-Okta-Request-Id"), dpopProof);
            var status = (int)response.StatusCode;
            if (response.StatusCode == 0)
            {
                var failure = NetworkFailure.Classify(response.ErrorException);
                if (response.ResponseStatus == ResponseStatus.TimedOut || failure == NetworkFailureKind.Timeout)
                {
                    throw TimedOut(Display, request.Timeout, budget);
                }

                Trace($"{Display} failed: {NetworkReason(response)}", dpopProof);
                if (failure != NetworkFailureKind.TlsHandshake && await BackOffAsync(budget, "the connection to the token endpoint failed", cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                throw ConnectionFailed(response, Display, budget, mayHaveReachedOkta: true, dpopProof);
            }

            Trace(string.Format(
                CultureInfo.InvariantCulture,
                "{0} -> {1} {2} in {3} ms (X-Okta-Request-Id {4})",
                Display, status, response.StatusCode, clock.ElapsedMilliseconds, requestId ?? "none"));
            if ((TransientStatuses.Contains(status) || status == 429)
                && await BackOffAsync(budget, $"the token endpoint answered {status}", cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            return new TokenEndpointResponse(status, response.Content, Header(response, "DPoP-Nonce"), requestId) { Attempts = budget.Attempts };
        }
    }

    public OktaClientOptions Options => _options;

    /// <summary>What Okta last said about the rate limits of this connection, per bucket.</summary>
    public RateLimitPacer RateLimit => _pacer;

    /// <summary>A budget for one call of the client: its retries and its deadline, all requests together.</summary>
    public CallBudget NewBudget() => new CallBudget(_options.MaxRetries, _options.RetryDeadline);

    /// <summary>
    /// Sends one request and returns a 2xx answer or throws <see cref="OktaApiException"/>. Waits for the rate-limit
    /// window of the request's bucket when it has no room; a 429 is retried after the window resets; a transient fault
    /// (500/502/503/504, a failed connection) is retried with back-off only when <paramref name="safeToRepeat"/>, or when
    /// the request surely never reached Okta. Every retry and every wait comes out of <paramref name="budget"/>.
    /// </summary>
    public async Task<OktaResponse> SendAsync(
        Method method, string path, string? jsonBody, TimeSpan? timeout, bool safeToRepeat, CallBudget budget, CancellationToken cancellationToken)
    {
        var verb = method.ToString().ToUpperInvariant();
        var display = verb + " " + WithoutQuery(path); // never a query string in traces and errors
        var bucket = RateLimitPacer.BucketOf(path);
        string? retryFor = null;
        var url = new Uri(_options.OrgUrl, path);
        var challenged = false;
        var previous = CallBudget.Current;
        CallBudget.Current = budget;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!await _pacer.BeforeSendAsync(bucket, budget.Remaining, OnRateLimitWait, cancellationToken).ConfigureAwait(false))
                {
                    throw NoRoomBeforeDeadline(bucket, display, budget);
                }

                RestResponse response;
                var sentAt = _pacer.Now();
                var clock = Stopwatch.StartNew();
                RequestCredentials? credentials = null;
                RestRequest request;
                try
                {
                    request = new RestRequest(path, method) { Timeout = AttemptTimeout(budget, timeout, display) };
                    request.AddHeader("Accept", "application/json");
                    credentials = await _options.Authorizer.AuthorizeAsync(verb, url, this, cancellationToken).ConfigureAwait(false);
                    AddSecretHeader(request, "Authorization", credentials.Authorization, display);
                    if (credentials.DpopProof != null)
                    {
                        AddSecretHeader(request, "DPoP", credentials.DpopProof, display);
                    }

                    if (retryFor != null)
                    {
                        request.AddHeader("X-Okta-Retry-For", retryFor);
                        request.AddHeader("X-Okta-Retry-Count", budget.Retries.ToString(CultureInfo.InvariantCulture));
                    }

                    if (jsonBody != null)
                    {
                        request.AddStringBody(jsonBody, ContentType.Json);
                    }

                    budget.CountAttempt();
                    response = await _rest.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    _pacer.Abandon(bucket);
                    throw;
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    _pacer.Abandon(bucket);
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (IsTooLarge(response))
                {
                    _pacer.Abandon(bucket);
                    ThrowIfTooLarge(response, display, budget);
                }

                var requestId = SecretScrubber.RequestId(Header(response, "X-Okta-Request-Id"), credentials?.Authorization, credentials?.DpopProof);

                // RestSharp marks some HTTP error answers as ResponseStatus.Error; a status code means an answer arrived.
                if (response.StatusCode == 0)
                {
                    _pacer.Abandon(bucket);
                    var failure = NetworkFailure.Classify(response.ErrorException);
                    if (response.ResponseStatus == ResponseStatus.TimedOut || failure == NetworkFailureKind.Timeout)
                    {
                        // Not retried: a hanging server would make the caller wait a multiple of the timeout.
                        throw TimedOut(display, request.Timeout, budget);
                    }

                    // Unreachable: surely never sent, so even a create may go again. A failed handshake never reached
                    // Okta either, but would fail the same way again.
                    var neverSent = failure == NetworkFailureKind.Unreachable;
                    var tls = failure == NetworkFailureKind.TlsHandshake;
                    Trace($"{display} failed: {NetworkReason(response)}", credentials?.Authorization, credentials?.DpopProof);
                    if ((safeToRepeat || neverSent) && !tls
                        && await BackOffAsync(budget, "the connection failed", cancellationToken).ConfigureAwait(false))
                    {
                        continue;
                    }

                    throw ConnectionFailed(response, display, budget, !neverSent && !tls, credentials?.Authorization, credentials?.DpopProof);
                }

                _pacer.AfterResponse(
                    bucket,
                    sentAt,
                    Header(response, "X-Rate-Limit-Limit"),
                    Header(response, "X-Rate-Limit-Remaining"),
                    Header(response, "X-Rate-Limit-Reset"),
                    Date(response)?.ToString("r", CultureInfo.InvariantCulture));
                var status = (int)response.StatusCode;
                if (RequestTrace.IsListening)
                {
                    Trace(string.Format(
                        CultureInfo.InvariantCulture,
                        "{0} -> {1} {2} in {3} ms (X-Okta-Request-Id {4})",
                        display, status, response.StatusCode, clock.ElapsedMilliseconds, requestId ?? "none"),
                        credentials?.Authorization,
                        credentials?.DpopProof);
                }

                if (status >= 200 && status < 300)
                {
                    return new OktaResponse(response.StatusCode, response.Content, requestId) { Date = Date(response), NextLink = LinkHeader.Find(Headers(response, "Link"), "next", url) };
                }

                // A renewed token or a proof with the server's new DPoP nonce gets one more try.
                if ((status == 401 || status == 400) && !challenged
                    && (status == 401 || Header(response, "DPoP-Nonce") != null)
                    && _options.Authorizer.ShouldRetryAfterChallenge(status, Header(response, "WWW-Authenticate"), Header(response, "DPoP-Nonce")))
                {
                    challenged = true;
                    Trace($"{display}: Okta refused the credentials ({status}); trying once more with fresh ones.");
                    continue;
                }

                if (status == 429)
                {
                    // Limit and Remaining both 0 is the concurrent-request limit: its Reset is only an estimate, and a
                    // slot frees as soon as another request of the org ends, so it gets short waits until the deadline.
                    var concurrent = Header(response, "X-Rate-Limit-Limit") == "0";
                    var wait = concurrent ? ConcurrencyBackoff(budget.Attempts) : _pacer.UntilReset(bucket, Header(response, "X-Rate-Limit-Reset"));
                    if (concurrent ? budget.TryTakeConcurrencyRetry(wait) : budget.TryTakeRetry(wait))
                    {
                        Trace(string.Format(
                            CultureInfo.InvariantCulture,
                            "Rate limited (429{0}). Waiting {1:0.00} s, then retry {2}.",
                            concurrent ? ", too many concurrent requests" : string.Empty, wait.TotalSeconds, budget.Attempts));
                        RequestTrace.Waiting($"the rate-limit window of {RateLimitPacer.Describe(bucket)} to reset (Okta answered 429)", wait);
                        await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                        retryFor = requestId;
                        continue;
                    }
                }

                if (TransientStatuses.Contains(status) && safeToRepeat
                    && await BackOffAsync(budget, $"Okta answered {status}", cancellationToken).ConfigureAwait(false))
                {
                    retryFor = requestId;
                    continue;
                }

                var error = OktaErrorBody.Read((int)response.StatusCode, response.ContentType, response.Content, display, requestId, budget.Attempts);
                if (status == 429)
                {
                    error.Kind = OktaFailureKind.RateLimitExhausted;
                }

                throw new OktaApiException(error.Scrubbed(credentials?.Authorization, credentials?.DpopProof));
            }
        }
        finally
        {
            CallBudget.Current = previous;
        }
    }

    /// <summary>
    /// Sends a GET to a URL Okta gave, such as a Link header's next page. Only to the org's own origin (scheme, host and
    /// port), so the credentials never go anywhere else; any other URL is refused before anything is sent.
    /// </summary>
    public Task<OktaResponse> SendToLinkAsync(Uri link, CallBudget budget, CancellationToken cancellationToken)
    {
        if (link == null || !link.IsAbsoluteUri
            || Uri.Compare(link, _options.OrgUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw new OktaApiException(new OktaApiError
            {
                Kind = OktaFailureKind.UntrustedLink,
                ErrorSummary = $"Okta's answer links to {link?.GetLeftPart(UriPartial.Authority) ?? "nothing"}, not to the org {_options.OrgUrl.GetLeftPart(UriPartial.Authority)}; the link was not followed, so the credentials were not sent there",
                Request = "GET " + (link?.AbsolutePath.TrimStart('/') ?? string.Empty),
                MayHaveReachedOkta = false,
            });
        }

        return SendAsync(Method.Get, link.PathAndQuery.TrimStart('/'), null, null, safeToRepeat: true, budget, cancellationToken);
    }

    private static string WithoutQuery(string path)
    {
        var query = path.IndexOf('?');
        return query < 0 ? path : path.Substring(0, query);
    }

    private static IEnumerable<string?> Headers(RestResponse response, string name) =>
        response.Headers?.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value?.ToString())
        ?? Enumerable.Empty<string?>();

    private void OnRateLimitWait(RateLimitWait wait)
    {
        Trace(wait.ToString());
        RequestTrace.Waiting(wait);
    }

    /// <summary>The pacer would have to wait past the call's deadline: fail now, saying when the window resets.</summary>
    private OktaApiException NoRoomBeforeDeadline(string bucket, string display, CallBudget budget)
    {
        var window = _pacer.Snapshot(bucket);
        var reset = window == null ? "later" : "at " + window.Reset.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        return new OktaApiException(new OktaApiError
        {
            Kind = OktaFailureKind.RateLimitExhausted,
            StatusCode = null,
            ErrorSummary = $"The rate limit of {bucket} has no room left for this call before its deadline ({budget.Deadline.TotalSeconds:0} s); the window resets {reset}. Nothing was sent",
            Request = display,
            Attempts = Math.Max(1, budget.Attempts),
        });
    }

    /// <summary>The timeout of the next attempt: the call's own, cut to what is left of its deadline.</summary>
    private TimeSpan AttemptTimeout(CallBudget budget, TimeSpan? timeout, string display)
    {
        var wanted = timeout ?? _options.Timeout;
        var allowed = budget.AttemptTimeout(wanted);
        if (allowed <= TimeSpan.Zero)
        {
            throw new OktaApiException(new OktaApiError
            {
                Kind = OktaFailureKind.Timeout,
                ErrorSummary = $"The call used up its deadline of {budget.Deadline.TotalSeconds:0} seconds before this attempt",
                Request = display,
                Attempts = Math.Max(1, budget.Attempts),
            });
        }

        return allowed;
    }

    /// <summary>An answer over the size cap is a failure of its own: not retried (it would come as large again), not a connection failure.</summary>
    private static bool IsTooLarge(RestResponse response) => TooLarge(response) != null;

    private static AnswerTooLargeException? TooLarge(RestResponse response)
    {
        for (var e = response.ErrorException; e != null; e = e.InnerException)
        {
            if (e is AnswerTooLargeException tooLarge)
            {
                return tooLarge;
            }
        }

        return null;
    }

    private static void ThrowIfTooLarge(RestResponse response, string display, CallBudget budget)
    {
        if (TooLarge(response) is AnswerTooLargeException tooLarge)
        {
            throw new OktaApiException(new OktaApiError
            {
                Kind = OktaFailureKind.AnswerTooLarge,
                ErrorSummary = $"The org's answer was too large: {tooLarge.Message}. It was not kept, and the request was not repeated",
                Request = display,
                Attempts = budget.Attempts,
            });
        }
    }

    /// <summary>No answer came: the connection failed (refused, reset, DNS, TLS). The library's text is scrubbed of the request's secrets.</summary>
    private OktaApiException ConnectionFailed(RestResponse response, string display, CallBudget budget, bool mayHaveReachedOkta, params string?[] secrets) =>
        new OktaApiException(new OktaApiError
        {
            Kind = OktaFailureKind.Network,
            ErrorSummary = NetworkReason(response),
            Request = display,
            Attempts = budget.Attempts,
            MayHaveReachedOkta = mayHaveReachedOkta,
        }.Scrubbed(secrets));

    private static OktaApiException TimedOut(string display, TimeSpan? timeout, CallBudget budget)
    {
        var seconds = (timeout ?? TimeSpan.Zero).TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        RequestTrace.Write($"{display} timed out after {seconds} s");
        return new OktaApiException(new OktaApiError
        {
            Kind = OktaFailureKind.Timeout,
            ErrorSummary = $"Okta did not answer within {seconds} seconds",
            Request = display,
            Attempts = budget.Attempts,
        });
    }

    /// <summary>
    /// Adds a header whose value is a secret. An invalid value (a line break, a character outside ASCII) makes the
    /// HTTP library throw with the value in its message: that message is never passed on.
    /// </summary>
    private static void AddSecretHeader(RestRequest request, string name, string value, string display)
    {
        if (value.Any(c => c < ' ' || c > '~'))
        {
            throw new OktaApiException(new OktaApiError
            {
                Kind = OktaFailureKind.InvalidCredentials,
                ErrorSummary = $"The {name} header cannot be sent: the credential contains a line break or a character outside printable ASCII (it is not shown). Nothing was sent",
                Request = display,
                MayHaveReachedOkta = false,
            });
        }

        request.AddHeader(name, value);
    }

    /// <summary>Waits before a retry after a transient fault; false when no retry is left or the deadline leaves no room.</summary>
    private async Task<bool> BackOffAsync(CallBudget budget, string reason, CancellationToken cancellationToken)
    {
        var wait = Backoff(budget.Retries + 1);
        if (!budget.TryTakeRetry(wait))
        {
            return false;
        }

        Trace(string.Format(
            CultureInfo.InvariantCulture,
            "{0}; retry {1} of {2} in {3:0.00} s.", reason, budget.Retries, budget.MaxRetries, wait.TotalSeconds));
        await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Exponential back-off with jitter, capped at 8 s.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var baseMs = _options.TransientBackoff.TotalMilliseconds * Math.Pow(2, attempt - 1);
        return TimeSpan.FromMilliseconds(Math.Min(8000, baseMs * (0.75 + (0.5 * Spread()))));
    }

    /// <summary>Short jittered waits for the concurrent-request limit: 0.25 s doubling to 2 s.</summary>
    private TimeSpan ConcurrencyBackoff(int attempt)
    {
        var baseMs = Math.Min(2000, 250 * Math.Pow(2, Math.Min(attempt, 4) - 1));
        return TimeSpan.FromMilliseconds(baseMs * (0.5 + Spread()));
    }

    private double Spread()
    {
        lock (_jitter)
        {
            return _jitter.NextDouble();
        }
    }

    /// <summary>Why no answer came, in words: the innermost exception's message, or what a TLS failure most likely means.</summary>
    private string NetworkReason(RestResponse response)
    {
        var inner = response.ErrorException;
        while (inner?.InnerException != null)
        {
            inner = inner.InnerException;
        }

        var reason = (inner?.Message ?? response.ErrorMessage ?? "no response").Trim().TrimEnd('.');
        if (NetworkFailure.Classify(response.ErrorException) == NetworkFailureKind.TlsHandshake)
        {
            var address = _options.OrgUrl.GetLeftPart(UriPartial.Authority);
            return $"the TLS (https) handshake with {address} failed ({reason}); the server there may not speak https at that port, " +
                   (RuntimeProfile.IsFramework
                       ? "a proxy may intercept TLS, or this machine's .NET Framework may not offer TLS 1.2 (see about_OktaEventHooks, Windows PowerShell 5.1)"
                       : "or a proxy may intercept TLS");
        }

        return reason;
    }

    /// <summary>The server's clock from the Date header; null without one, and null when several Date headers disagree (a proxy added its own): neither can be trusted then.</summary>
    private static DateTimeOffset? Date(RestResponse response)
    {
        var dates = Headers(response, "Date").Distinct(StringComparer.Ordinal).ToList();
        return dates.Count == 1 && DateTimeOffset.TryParse(dates[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : (DateTimeOffset?)null;
    }

    private static string? Header(RestResponse response, string name) =>
        response.Headers?.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))?.Value?.ToString();

    private static void Trace(string line, params string?[] secrets) => RequestTrace.Write(line, secrets);

    public void Dispose() => _rest.Dispose();
}
