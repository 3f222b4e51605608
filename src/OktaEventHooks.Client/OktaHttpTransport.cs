using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using RestSharp;

namespace OktaEventHooks.Client
{
    /// <summary>
    /// The one place that talks HTTP to Okta: authorisation, user agent, timeouts, 429 retries and
    /// turning every failure into an <see cref="OktaApiException"/>.
    /// </summary>
    public sealed class OktaHttpTransport : IDisposable
    {
        private readonly RestClient rest;
        private readonly OktaClientOptions options;

        public OktaHttpTransport(OktaClientOptions options)
        {
            this.options = options ?? throw new ArgumentNullException(nameof(options));
            var restOptions = new RestClientOptions(options.OrgUrl)
            {
                UserAgent = options.UserAgent,
                Timeout = options.Timeout,
                // Never follow a redirect: the Authorization header must not reach another host.
                FollowRedirects = false,
                ThrowOnAnyError = false,
            };
            rest = new RestClient(restOptions);
        }

        public OktaClientOptions Options => options;

        /// <summary>Sends one request, retrying only on 429, and returns a 2xx answer or throws <see cref="OktaApiException"/>.</summary>
        public async Task<OktaResponse> SendAsync(
            Method method, string path, string? jsonBody, TimeSpan? timeout, CancellationToken cancellationToken)
        {
            var display = method.ToString().ToUpperInvariant() + " " + path;
            string? retryFor = null;
            for (var attempt = 1; ; attempt++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var request = new RestRequest(path, method);
                if (timeout != null)
                {
                    request.Timeout = timeout;
                }

                request.AddHeader("Accept", "application/json");
                request.AddHeader("Authorization", await options.Authorizer.GetAuthorizationAsync(cancellationToken).ConfigureAwait(false));
                if (retryFor != null)
                {
                    request.AddHeader("X-Okta-Retry-For", retryFor);
                    request.AddHeader("X-Okta-Retry-Count", (attempt - 1).ToString(CultureInfo.InvariantCulture));
                }

                if (jsonBody != null)
                {
                    request.AddStringBody(jsonBody, ContentType.Json);
                }

                var clock = Stopwatch.StartNew();
                var response = await rest.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                var requestId = Header(response, "X-Okta-Request-Id");

                if (response.ResponseStatus == ResponseStatus.TimedOut)
                {
                    var seconds = (timeout ?? options.Timeout).TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
                    Trace($"{display} timed out after {seconds} s");
                    throw new OktaApiException(new OktaApiError
                    {
                        Kind = OktaFailureKind.Timeout,
                        ErrorSummary = $"Okta did not answer within {seconds} seconds",
                        Request = display,
                        Attempts = attempt,
                    });
                }

                // RestSharp marks some HTTP error answers as ResponseStatus.Error; a status code means an answer arrived.
                if (response.StatusCode == 0)
                {
                    Trace($"{display} failed: {response.ErrorMessage}");
                    throw new OktaApiException(
                        new OktaApiError
                        {
                            Kind = OktaFailureKind.Network,
                            ErrorSummary = NetworkReason(response),
                            Request = display,
                            Attempts = attempt,
                        },
                        response.ErrorException);
                }

                Trace(string.Format(
                    CultureInfo.InvariantCulture,
                    "{0} -> {1} {2} in {3} ms (X-Okta-Request-Id {4})",
                    display, (int)response.StatusCode, response.StatusCode, clock.ElapsedMilliseconds, requestId ?? "none"));

                var status = (int)response.StatusCode;
                if (status >= 200 && status < 300)
                {
                    return new OktaResponse(response.StatusCode, response.Content, requestId);
                }

                if (status == 429 && attempt <= options.MaxRetries)
                {
                    var wait = RateLimitWait(response);
                    Trace(string.Format(
                        CultureInfo.InvariantCulture,
                        "Rate limited (429). Waiting {0:0.0} s for the window to reset, then retry {1} of {2}.",
                        wait.TotalSeconds, attempt, options.MaxRetries));
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
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

        /// <summary>Reset time measured against the server's own Date header, plus one second, capped.</summary>
        private TimeSpan RateLimitWait(RestResponse response)
        {
            var wait = TimeSpan.FromSeconds(1);
            if (long.TryParse(Header(response, "X-Rate-Limit-Reset"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var reset))
            {
                var now = DateTimeOffset.TryParse(Header(response, "Date"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var serverNow)
                    ? serverNow
                    : DateTimeOffset.UtcNow;
                var untilReset = DateTimeOffset.FromUnixTimeSeconds(reset) - now;
                if (untilReset > TimeSpan.Zero)
                {
                    wait = untilReset + TimeSpan.FromSeconds(1);
                }
            }

            return wait > options.MaxRateLimitWait ? options.MaxRateLimitWait : wait;
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
            options.Trace?.Invoke(line);
            RequestTrace.Write(line);
        }

        public void Dispose() => rest.Dispose();
    }
}
