using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
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
/// retries, and turning every failure into an <see cref="OktaApiException"/>. Every request, the token endpoint's
/// included, goes through one loop (<see cref="ExchangeAsync"/>); an API request's first step is its credentials
/// (<see cref="CredentialsStep"/>), which sends a token request through the same loop, on the same budget, when the
/// connection needs an access token.
/// </summary>
internal sealed class OktaHttpTransport : IDisposable
{
    private static readonly int[] TransientStatuses = { 500, 502, 503, 504 };

    private readonly RestClient _rest;
    private readonly OktaClientOptions _options;
    private readonly RateLimitPacer _pacer;
    private readonly Random _jitter = new Random();
    private readonly CredentialsStep _credentials;

    public OktaHttpTransport(OktaClientOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _pacer = new RateLimitPacer(options.MaxApiCapacity);
        var restOptions = new RestClientOptions(options.OrgUrl)
        {
            UserAgent = options.UserAgent,
            Timeout = options.Timeout,
            // Never follow a redirect: the Authorization header must not reach another host (HttpStack says so too).
            FollowRedirects = false,
            ThrowOnAnyError = false,
            ConfigureMessageHandler = inner => HttpStack.Configure(inner, options.MaxAnswerBytes),
        };
        if (options.Proxy != null)
        {
            restOptions.Proxy = options.Proxy;
        }

        _rest = new RestClient(restOptions);
        _credentials = new CredentialsStep(options.Authorizer, new Uri(options.OrgUrl, OktaEndpoints.Token.Path()));
    }

    public OktaClientOptions Options => _options;

    /// <summary>What Okta last said about the rate limits of this connection, per bucket.</summary>
    public RateLimitPacer RateLimit => _pacer;

    /// <summary>A budget for one call of the client: its retries and its deadline, all requests together.</summary>
    public CallBudget NewBudget() => new CallBudget(_options.MaxRetries, _options.RetryDeadline);

    /// <summary>
    /// Sends one API request and returns a 2xx answer or throws <see cref="OktaApiException"/>; see
    /// <see cref="ExchangeAsync"/> for waits and retries, all of which come out of <paramref name="budget"/>.
    /// </summary>
    public async Task<OktaResponse> SendAsync(
        Method method, string path, string? jsonBody, TimeSpan? timeout, bool safeToRepeat, CallBudget budget, CancellationToken cancellationToken)
    {
        var exchange = new Exchange(method, path, new Uri(_options.OrgUrl, path), jsonBody, ContentType.Json, timeout, safeToRepeat, null);
        var (response, requestId, date) = await ExchangeAsync(exchange, budget, cancellationToken).ConfigureAwait(false);
        return new OktaResponse(response.StatusCode, response.Content, requestId)
        {
            Date = date,
            NextLink = LinkHeader.Find(Headers(response, "Link"), "next", exchange.Url),
        };
    }

    /// <summary>Gets an access token now when the connection needs one (nothing for an API token), so bad credentials fail early.</summary>
    public Task FetchCredentialsAsync(Uri url, CancellationToken cancellationToken)
    {
        var budget = NewBudget();
        return _credentials.ForAsync("GET", url, (request, token) => SendTokenRequestAsync(request, budget, token), cancellationToken);
    }

    /// <summary>
    /// Sends a token request (no Authorization header; the client assertion authenticates it) through the same loop as
    /// every other request, on the budget of the call that needs the token. Any answer that is not retried is returned
    /// for the authorizer to read: Okta's refusals of a token are OAuth errors, not API errors.
    /// </summary>
    private async Task<TokenEndpointResponse> SendTokenRequestAsync(TokenRequest token, CallBudget budget, CancellationToken cancellationToken)
    {
        var exchange = new Exchange(Method.Post, OktaEndpoints.Token.Path(), token.Url, token.Form, ContentType.FormUrlEncoded, null, safeToRepeat: true, token);
        var (response, requestId, _) = await ExchangeAsync(exchange, budget, cancellationToken).ConfigureAwait(false);
        return new TokenEndpointResponse((int)response.StatusCode, response.Content, Header(response, "DPoP-Nonce"), requestId) { Attempts = budget.Attempts };
    }

    /// <summary>
    /// The one send loop. Waits for the rate-limit window of the request's bucket when it has no room; a 429 is retried
    /// after the window resets; a transient fault (500/502/503/504, a failed connection) is retried with back-off only
    /// when the request is safe to repeat, or when it surely never reached Okta; a 401 or a DPoP nonce challenge gets
    /// one more try with fresh credentials. Returns a 2xx answer (any answer to a token request) or throws
    /// <see cref="OktaApiException"/>. Every retry and every wait comes out of <paramref name="budget"/>.
    /// </summary>
    private async Task<(RestResponse Response, string? RequestId, DateTimeOffset? Date)> ExchangeAsync(Exchange exchange, CallBudget budget, CancellationToken cancellationToken)
    {
        var display = exchange.Display;
        var bucket = RateLimitPacer.BucketOf(exchange.Path);
        string? retryFor = null;
        var challenged = false;
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
            string? authorization = null;
            var proof = exchange.Token?.DpopProof;
            RestRequest request;
            try
            {
                request = new RestRequest(exchange.Path, exchange.Method)
                {
                    Timeout = AttemptTimeout(budget, exchange.Timeout, display),
                    AdvancedResponseWriter = ReadAnswer,
                };
                request.AddHeader("Accept", "application/json");
                if (exchange.Token == null)
                {
                    var credentials = await _credentials.ForAsync(
                        exchange.Verb, exchange.Url, (token, ct) => SendTokenRequestAsync(token, budget, ct), cancellationToken).ConfigureAwait(false);
                    authorization = credentials.Authorization;
                    proof = credentials.DpopProof;
                    AddSecretHeader(request, "Authorization", authorization, display);
                }

                if (proof != null)
                {
                    AddSecretHeader(request, "DPoP", proof, display);
                }

                if (retryFor != null)
                {
                    request.AddHeader("X-Okta-Retry-For", retryFor);
                    request.AddHeader("X-Okta-Retry-Count", budget.Retries.ToString(CultureInfo.InvariantCulture));
                }

                if (exchange.Body != null)
                {
                    request.AddStringBody(exchange.Body, exchange.ContentType);
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

            var requestId = SecretScrubber.RequestId(Header(response, "X-Okta-Request-Id"), authorization, proof);

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
                Trace($"{display} failed: {NetworkReason(response)}", authorization, proof);
                if ((exchange.SafeToRepeat || neverSent) && !tls
                    && await BackOffAsync(budget, "the connection failed", cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                throw ConnectionFailed(response, display, budget, !neverSent && !tls, authorization, proof);
            }

            var date = Date(response);
            _pacer.AfterResponse(
                bucket,
                sentAt,
                Header(response, "X-Rate-Limit-Limit"),
                Header(response, "X-Rate-Limit-Remaining"),
                Header(response, "X-Rate-Limit-Reset"),
                date?.ToString("r", CultureInfo.InvariantCulture));
            var status = (int)response.StatusCode;
            if (RequestTrace.IsListening)
            {
                Trace(string.Format(
                    CultureInfo.InvariantCulture,
                    "{0} -> {1} {2} in {3} ms (X-Okta-Request-Id {4})",
                    display, status, response.StatusCode, clock.ElapsedMilliseconds, requestId ?? "none"),
                    authorization,
                    proof);
            }

            if (status >= 200 && status < 300)
            {
                return (response, requestId, date);
            }

            // A renewed token or a proof with the server's new DPoP nonce gets one more try.
            if (exchange.Token == null && (status == 401 || status == 400) && !challenged
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

            if (TransientStatuses.Contains(status) && exchange.SafeToRepeat
                && await BackOffAsync(budget, $"Okta answered {status}", cancellationToken).ConfigureAwait(false))
            {
                retryFor = requestId;
                continue;
            }

            if (exchange.Token != null)
            {
                return (response, requestId, date);
            }

            var error = OktaErrorBody.Read((int)response.StatusCode, response.ContentType, response.Content, display, requestId, budget.Attempts);
            if (status == 429)
            {
                error.Kind = OktaFailureKind.RateLimitExhausted;
            }

            throw new OktaApiException(error.Scrubbed(authorization, proof));
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

    private static List<string> Headers(RestResponse response, string name)
    {
        var values = new List<string>();
        foreach (var header in response.Headers ?? Array.Empty<HeaderParameter>())
        {
            if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase) && header.Value is string value)
            {
                values.Add(value);
            }
        }

        return values;
    }

    /// <summary>
    /// Reads an answer that arrived, instead of RestSharp's own reading (which copies the body three times through
    /// fresh buffers and lists every header twice): HttpClient has already read the body whole, under the size cap,
    /// before RestSharp sees it, so this reads it once, as text, and lists each header value once.
    /// </summary>
    private static RestResponse ReadAnswer(HttpResponseMessage answer, RestRequest request)
    {
        var headers = new List<HeaderParameter>();
        foreach (var header in answer.Headers)
        {
            foreach (var value in header.Value)
            {
                headers.Add(new HeaderParameter(header.Key, value));
            }
        }

        return new RestResponse(request)
        {
            StatusCode = answer.StatusCode,
            StatusDescription = answer.ReasonPhrase,
            IsSuccessStatusCode = answer.IsSuccessStatusCode,
            ResponseStatus = ResponseStatus.Completed,
            ResponseUri = answer.RequestMessage?.RequestUri,
            Headers = headers,
            ContentType = answer.Content?.Headers.ContentType?.MediaType,
            // Already buffered: the task is complete, so this does not block.
            Content = answer.Content == null ? null : answer.Content.ReadAsStringAsync().GetAwaiter().GetResult(),
        };
    }

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
        if (!IsPrintableAscii(value))
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

    private static bool IsPrintableAscii(string value)
    {
        foreach (var c in value)
        {
            if (c < ' ' || c > '~')
            {
                return false;
            }
        }

        return true;
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
        string? only = null;
        foreach (var value in Headers(response, "Date"))
        {
            if (only != null && !string.Equals(only, value, StringComparison.Ordinal))
            {
                return null;
            }

            only = value;
        }

        return only != null && DateTimeOffset.TryParse(only, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : (DateTimeOffset?)null;
    }

    private static string? Header(RestResponse response, string name)
    {
        foreach (var header in response.Headers ?? Array.Empty<HeaderParameter>())
        {
            if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value as string;
            }
        }

        return null;
    }

    private static void Trace(string line, params string?[] secrets) => RequestTrace.Write(line, secrets);

    public void Dispose()
    {
        _rest.Dispose();
        _credentials.Dispose();
    }

    /// <summary>One request as the send loop needs it: what to send, where, and whether it may go twice.</summary>
    private sealed class Exchange
    {
        public Exchange(Method method, string path, Uri url, string? body, string contentType, TimeSpan? timeout, bool safeToRepeat, TokenRequest? token)
        {
            Method = method;
            Path = path;
            Url = url;
            Body = body;
            ContentType = contentType;
            Timeout = timeout;
            SafeToRepeat = safeToRepeat;
            Token = token;
            Verb = method.ToString().ToUpperInvariant();
            Display = Verb + " " + WithoutQuery(path); // never a query string in traces and errors
        }

        public Method Method { get; }

        public string Verb { get; }

        public string Path { get; }

        public Uri Url { get; }

        public string? Body { get; }

        public string ContentType { get; }

        public TimeSpan? Timeout { get; }

        public bool SafeToRepeat { get; }

        /// <summary>Set for a request to the token endpoint: no Authorization header, its own DPoP proof, and its refusals returned.</summary>
        public TokenRequest? Token { get; }

        /// <summary>The method and path, as traces and errors show them.</summary>
        public string Display { get; }
    }
}
