using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using System.Threading;
using System;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json;
using OktaEventHooks.Client.EventHooks;
using OktaEventHooks.Client.Http;

namespace OktaEventHooks.Client.Probe;

/// <summary>
/// Calls a hook endpoint the way Okta does: before Okta does (the one-time verification GET, then a sample event
/// delivery POST in Okta's envelope), or for Okta (a resend of events it did not deliver), each with Okta's
/// 3-second limit and one retry. It leaves through the module's one HTTP stack (<see cref="HttpStack"/>: no redirects,
/// no cookies, TLS 1.2+ on .NET Framework, a size cap) and names failures as the transport does
/// (<see cref="NetworkFailure"/>); its send loop is its own because it follows Okta's delivery rules, not the API's,
/// and it carries no Okta credentials, only the endpoint's own headers. Trace lines and problems never contain header
/// values.
/// </summary>
public sealed class EventHookEndpointProbe : IDisposable
{
    public const string ChallengeHeader = "X-Okta-Verification-Challenge";

    /// <summary>How long Okta waits for the endpoint, per attempt.</summary>
    public static readonly TimeSpan OktaTimeout = TimeSpan.FromSeconds(3);

    private const int MaxAttempts = 2;
    private const int MaxBodyChars = 64 * 1024;

    private readonly HttpClient _http;

    /// <summary>An endpoint's answer larger than this is not read: Okta reads only a status and a short JSON body.</summary>
    private const long MaxAnswerBytes = 1024 * 1024;

    public EventHookEndpointProbe()
    {
        // Okta follows no redirect and keeps no cookies; neither does the stack.
        _http = HttpStack.NewClient(MaxAnswerBytes);
    }

    /// <summary>
    /// How long an attempt is watched beyond Okta's limit, so a slow answer can be reported as "took 4.1 s"
    /// instead of only "no answer".
    /// </summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Tests the endpoint of <paramref name="endpoint"/>: its Uri, custom headers and auth header.</summary>
    public async Task<EventHookEndpointTestResult> TestAsync(EventHookDefinition endpoint, CancellationToken cancellationToken)
    {
        if (endpoint == null)
        {
            throw new ArgumentNullException(nameof(endpoint));
        }

        ThrowIfInvalid(endpoint);
        var uri = new Uri(endpoint.Uri, UriKind.Absolute);
        var problems = new List<string>();

        var challenge = NewChallenge();
        var verification = await SendWithRetryAsync("Verification", () =>
        {
            var request = NewRequest(HttpMethod.Get, uri, endpoint);
            request.Headers.TryAddWithoutValidation(ChallengeHeader, challenge);
            return request;
        }, cancellationToken).ConfigureAwait(false);
        foreach (var problem in VerificationProblems(verification, challenge, endpoint))
        {
            problems.Add("Verification: " + problem);
        }

        var delivery = await SendWithRetryAsync("Delivery", () =>
        {
            var request = NewRequest(HttpMethod.Post, uri, endpoint);
            request.Content = new StringContent(SampleDelivery(uri), Encoding.UTF8, "application/json");
            return request;
        }, cancellationToken).ConfigureAwait(false);
        foreach (var problem in DeliveryProblems(delivery, endpoint))
        {
            problems.Add("Delivery: " + problem);
        }

        return new EventHookEndpointTestResult
        {
            Uri = endpoint.Uri,
            Passed = problems.Count == 0,
            VerificationStatusCode = verification.StatusCode,
            VerificationLatency = verification.Answered ? verification.Elapsed : (TimeSpan?)null,
            DeliveryStatusCode = delivery.StatusCode,
            DeliveryLatency = delivery.Answered ? delivery.Elapsed : (TimeSpan?)null,
            Problems = problems.ToArray(),
        };
    }

    /// <summary>
    /// Delivers <paramref name="body"/> (an envelope of events, JSON) to the endpoint of <paramref name="endpoint"/> as
    /// Okta delivers: a POST with Okta's headers, the hook's custom headers and auth header, and
    /// <paramref name="extraHeaders"/>; a timeout, a failed or broken connection or a 5xx is tried once more, anything
    /// else is not. An answer in the 2xx range is a delivery, however slow.
    /// </summary>
    public async Task<EndpointDelivery> DeliverAsync(
        EventHookDefinition endpoint, byte[] body, IEnumerable<KeyValuePair<string, string>> extraHeaders, CancellationToken cancellationToken)
    {
        if (endpoint == null)
        {
            throw new ArgumentNullException(nameof(endpoint));
        }

        ThrowIfInvalid(endpoint);
        var uri = new Uri(endpoint.Uri, UriKind.Absolute);
        var attempts = 0;
        var attempt = await SendWithRetryAsync("Delivery", () =>
        {
            attempts++;
            var request = NewRequest(HttpMethod.Post, uri, endpoint);
            foreach (var header in extraHeaders)
            {
                Add(request, header.Key, header.Value);
            }

            // Exactly "application/json", no charset parameter: what Okta's deliveries carry.
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return request;
        }, a => !a.Answered || a.StatusCode >= 500, cancellationToken).ConfigureAwait(false);

        var delivered = attempt.StatusCode >= 200 && attempt.StatusCode < 300;
        return new EndpointDelivery(
            delivered,
            attempt.StatusCode,
            attempts,
            delivered ? null : attempt.TimedOut
                ? string.Format(CultureInfo.InvariantCulture, "no answer within {0:0} s", (OktaTimeout + Grace).TotalSeconds)
                : attempt.Answered ? $"answered {attempt.StatusCode}" : attempt.Failure);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The cmdlets check these first; checked again here so that no caller can inject a header through a value.</summary>
    /// <summary>The cmdlets check these first; checked again here so that no caller can inject a header through a value.</summary>
    private static void ThrowIfInvalid(EventHookDefinition endpoint)
    {
        var invalid = EventHookRules.UriProblem(endpoint.Uri)
            ?? EventHookRules.HeadersProblem(endpoint.Headers, endpoint.AuthHeaderName)
            ?? (endpoint.AuthHeaderName == null ? null : EventHookRules.AuthHeaderNameProblem(endpoint.AuthHeaderName) ?? EventHookRules.SecretProblem(endpoint.AuthHeaderValue));
        if (invalid != null)
        {
            throw new ArgumentException(invalid, nameof(endpoint));
        }
    }

    /// <summary>Okta tries again once after a timeout, a failed connection or a 5xx; so does the probe.</summary>
    private Task<Attempt> SendWithRetryAsync(string step, Func<HttpRequestMessage> newRequest, CancellationToken cancellationToken) =>
        SendWithRetryAsync(step, newRequest, a => !a.Answered || a.Elapsed > OktaTimeout || a.StatusCode >= 500, cancellationToken);

    private async Task<Attempt> SendWithRetryAsync(string step, Func<HttpRequestMessage> newRequest, Func<Attempt, bool> retry, CancellationToken cancellationToken)
    {
        Attempt attempt = null!;
        for (var number = 1; number <= MaxAttempts; number++)
        {
            using (var request = newRequest())
            {
                attempt = await SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
            }

            RequestTrace.Write($"{step} {(number == 1 ? string.Empty : "retry ")}{attempt.Method} {attempt.Uri} -> {attempt.Summary}");
            if (!retry(attempt))
            {
                break;
            }
        }

        return attempt;
    }

    private async Task<Attempt> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var attempt = new Attempt(request.Method.Method, request.RequestUri!);
        var watch = Stopwatch.StartNew();
        var headersArrived = false;
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        window.CancelAfter(OktaTimeout + Grace);

        // A slow endpoint keeps the caller waiting up to OktaTimeout + Grace: after a second, say so.
        _ = Task.Delay(TimeSpan.FromSeconds(1), window.Token).ContinueWith(
            _ => RequestTrace.Waiting($"{attempt.Method} {attempt.Uri} to answer (Okta would give up at {OktaTimeout.TotalSeconds:0} s)", OktaTimeout + Grace - TimeSpan.FromSeconds(1)),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion,
            TaskScheduler.Default);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, window.Token).ConfigureAwait(false);
            headersArrived = true;

            // The body is read under the same window and Ctrl+C: an endpoint that sends its headers and then stalls
            // mid-body must not hold the command. Disposing the answer ends a read that ignores the token.
            using (window.Token.Register(response.Dispose))
            {
                attempt.Body = response.Content == null ? string.Empty : await ReadLimitedAsync(response.Content, window.Token).ConfigureAwait(false);
            }

            window.Token.ThrowIfCancellationRequested();
            attempt.StatusCode = (int)response.StatusCode;
            attempt.ContentType = response.Content?.Headers.ContentType?.MediaType;
            // Only where a redirect leads, never its path or query: they can carry tokens.
            attempt.Location = response.Headers.Location is Uri location
                ? location.IsAbsoluteUri ? location.GetLeftPart(UriPartial.Authority) : "another path on the same host"
                : null;
            attempt.Elapsed = watch.Elapsed;
        }
        catch (Exception ex) when (ex is OperationCanceledException || ex is ObjectDisposedException || ((ex is IOException || ex is HttpRequestException) && window.IsCancellationRequested))
        {
            cancellationToken.ThrowIfCancellationRequested();
            attempt.Elapsed = watch.Elapsed;
            attempt.TimedOut = true;
            attempt.Failure = headersArrived
                ? $"sent its headers but not the whole body within {(OktaTimeout + Grace).TotalSeconds:0} s (the test waited that long); Okta gives up after {OktaTimeout.TotalSeconds:0} s, so it would have failed"
                : $"no answer within {(OktaTimeout + Grace).TotalSeconds:0} s (the test waited that long); Okta gives up after {OktaTimeout.TotalSeconds:0} s, so it would have failed";
        }
        catch (Exception ex) when (AnswerTooLarge(ex) is AnswerTooLargeException tooLarge)
        {
            attempt.Elapsed = watch.Elapsed;
            attempt.Failure = $"answered with a body that was not read: {tooLarge.Message}; Okta expects a short answer";
        }
        catch (HttpRequestException ex)
        {
            attempt.Elapsed = watch.Elapsed;
            attempt.Failure = DescribeConnectionFailure(ex);
        }
        catch (IOException ex)
        {
            attempt.Elapsed = watch.Elapsed;
            attempt.Failure = "the connection broke: " + ex.Message;
        }

        return attempt;
    }

    private static IEnumerable<string> VerificationProblems(Attempt attempt, string challenge, EventHookDefinition endpoint)
    {
        if (!attempt.Answered)
        {
            yield return attempt.Failure!;
            yield break;
        }

        var status = attempt.StatusCode!.Value;
        if (status != 200)
        {
            yield return CommonStatusProblem(attempt, endpoint)
                         ?? $"answered {status}; Okta expects 200 with {{\"verification\": \"<the challenge>\"}}";
        }
        else if (!TryReadObject(attempt.Body, out var body))
        {
            yield return $"answered 200 but the body is not JSON ({attempt.ContentType ?? "no content type"})";
        }
        else if (body!["verification"] == null)
        {
            yield return "answered 200 but the body has no `verification` field";
        }
        else if (!(body["verification"] is JValue value && value.Type == JTokenType.String && (string?)value == challenge))
        {
            yield return $"answered 200 but `verification` is not the value of the {ChallengeHeader} header that was sent";
        }

        if (attempt.Elapsed > OktaTimeout)
        {
            yield return SlowProblem(attempt);
        }
    }

    private static IEnumerable<string> DeliveryProblems(Attempt attempt, EventHookDefinition endpoint)
    {
        if (!attempt.Answered)
        {
            yield return attempt.Failure!;
            yield break;
        }

        var status = attempt.StatusCode!.Value;
        if (status != 200 && status != 204)
        {
            yield return CommonStatusProblem(attempt, endpoint) ?? (status >= 500
                ? $"answered {status}; Okta retries once and then drops the event"
                : $"answered {status}; Okta expects 200 or 204 and does not retry a {status}, so the event is lost");
        }

        if (attempt.Elapsed > OktaTimeout)
        {
            yield return SlowProblem(attempt);
        }
    }

    /// <summary>Answers whose meaning is the same for both steps: redirects and refused credentials.</summary>
    private static string? CommonStatusProblem(Attempt attempt, EventHookDefinition endpoint)
    {
        var status = attempt.StatusCode!.Value;
        if (status >= 300 && status < 400)
        {
            return $"answered {status}, a redirect{(attempt.Location == null ? string.Empty : " to " + attempt.Location)}; Okta does not follow redirects";
        }

        if (status == 401 || status == 403)
        {
            return endpoint.AuthHeaderName == null
                ? $"answered {status}: it requires a header that was not sent (add -AuthHeaderValue, or -Header)"
                : $"answered {status}: it refused the {endpoint.AuthHeaderName} header that was sent (check its name and value)";
        }

        return null;
    }

    private static string SlowProblem(Attempt attempt) =>
        string.Format(
            CultureInfo.InvariantCulture,
            "answered after {0:0.0} s; Okta gives up after {1:0} s, so it would have failed",
            attempt.Elapsed.TotalSeconds,
            OktaTimeout.TotalSeconds);

    private static HttpRequestMessage NewRequest(HttpMethod method, Uri uri, EventHookDefinition endpoint)
    {
        // The headers Okta's own calls carry (seen in recorded verification requests), then the hook's.
        var request = new HttpRequestMessage(method, uri);
        request.Headers.TryAddWithoutValidation("User-Agent", OktaUserAgent);
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        request.Headers.TryAddWithoutValidation("X-Okta-Request-Id", NewRequestId());
        foreach (var header in endpoint.Headers)
        {
            Add(request, header.Key, header.Value);
        }

        if (endpoint.AuthHeaderName != null && endpoint.AuthHeaderValue != null)
        {
            Add(request, endpoint.AuthHeaderName, endpoint.AuthHeaderValue);
        }

        return request;
    }

    /// <summary>The User-Agent of Okta's calls to hook endpoints.</summary>
    public const string OktaUserAgent = "Okta-Integrations";

    /// <summary>Adds a header; a name or value HTTP does not allow is an error, never silently dropped.</summary>
    private static void Add(HttpRequestMessage request, string name, string value)
    {
        var added = request.Content != null && name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)
            ? request.Content.Headers.TryAddWithoutValidation(name, value)
            : request.Headers.TryAddWithoutValidation(name, value);
        if (!added)
        {
            throw new ArgumentException($"The header '{name}' cannot be sent as given.", nameof(name));
        }
    }

    /// <summary>An X-Okta-Request-Id like Okta's: 27 letters and digits.</summary>
    private static string NewRequestId()
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var bytes = new byte[27];
        using (var random = RandomNumberGenerator.Create())
        {
            random.GetBytes(bytes);
        }

        return new string(bytes.Select(b => Alphabet[b % Alphabet.Length]).ToArray());
    }

    /// <summary>One delivery in Okta's envelope with a System Log event of a user being created, clearly marked as a test.</summary>
    private static string SampleDelivery(Uri endpoint)
    {
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var transaction = Guid.NewGuid().ToString("N").Substring(0, 20);
        var logEvent = new JObject
        {
            ["uuid"] = Guid.NewGuid().ToString(),
            ["published"] = now,
            ["eventType"] = "user.lifecycle.create",
            ["version"] = "0",
            ["displayMessage"] = "Create Okta user",
            ["severity"] = "INFO",
            ["legacyEventType"] = "core.user.config.user_creation.success",
            ["actor"] = new JObject
            {
                ["id"] = "00u1preflight0admin0",
                ["type"] = "User",
                ["alternateId"] = "admin@example.com",
                ["displayName"] = "Test-OktaEventHookEndpoint",
            },
            ["client"] = new JObject
            {
                ["userAgent"] = new JObject { ["rawUserAgent"] = "OktaEventHooks preflight", ["os"] = "Unknown", ["browser"] = "UNKNOWN" },
                ["zone"] = "null",
                ["device"] = "Unknown",
                ["ipAddress"] = "127.0.0.1",
            },
            ["device"] = null,
            ["outcome"] = new JObject { ["result"] = "SUCCESS", ["reason"] = null },
            ["target"] = new JArray(new JObject
            {
                ["id"] = "00u1preflight0target",
                ["type"] = "User",
                ["alternateId"] = "preflight.test@example.com",
                ["displayName"] = "Preflight Test",
                ["detailEntry"] = null,
            }),
            ["transaction"] = new JObject { ["type"] = "WEB", ["id"] = transaction, ["detail"] = new JObject() },
            ["debugContext"] = new JObject
            {
                ["debugData"] = new JObject
                {
                    ["requestId"] = transaction,
                    ["requestUri"] = "/api/v1/users",
                    ["url"] = "/api/v1/users?activate=true",
                    ["preflight"] = "sent by Test-OktaEventHookEndpoint; not a real event",
                },
            },
            ["authenticationContext"] = new JObject
            {
                ["authenticationProvider"] = null,
                ["credentialProvider"] = null,
                ["credentialType"] = null,
                ["issuer"] = null,
                ["interface"] = null,
                ["authenticationStep"] = 0,
                ["externalSessionId"] = "trs" + transaction,
            },
            ["securityContext"] = new JObject { ["asNumber"] = null, ["asOrg"] = null, ["isp"] = null, ["domain"] = null, ["isProxy"] = null },
            ["request"] = new JObject
            {
                ["ipChain"] = new JArray(new JObject { ["ip"] = "127.0.0.1", ["version"] = "V4", ["source"] = null }),
            },

            // Okta's deliveries carry it, always null.
            ["insertionTimestamp"] = null,
        };
        RequestTrace.Write($"Delivery body: one sample user.lifecycle.create event for {endpoint.GetLeftPart(UriPartial.Path)}.");
        return Encoding.UTF8.GetString(Envelope("https://preflight.okta.example/api/v1/eventHooks/who1preflight0000000", new[] { logEvent.ToString(Formatting.None) }));
    }

    /// <summary>
    /// Okta's delivery envelope around <paramref name="logEvents"/>, each the JSON text of a System Log LogEvent, written
    /// into <c>data.events</c> exactly as given: <c>eventType</c> com.okta.event_hook, <c>eventTypeVersion</c> 1.0,
    /// <c>cloudEventsVersion</c> 0.1, <c>source</c> (the hook's URL at the org), a fresh <c>eventId</c>, <c>eventTime</c>
    /// now, <c>contentType</c> application/json. UTF-8, compact.
    /// </summary>
    public static byte[] Envelope(string source, IEnumerable<string> logEvents)
    {
        using var buffer = new MemoryStream();
        using (var text = new StreamWriter(buffer, new UTF8Encoding(false)))
        using (var writer = new JsonTextWriter(text) { Formatting = Formatting.None })
        {
            writer.WriteStartObject();
            writer.WritePropertyName("eventType");
            writer.WriteValue(EnvelopeEventType);
            writer.WritePropertyName("eventTypeVersion");
            writer.WriteValue("1.0");
            writer.WritePropertyName("cloudEventsVersion");
            writer.WriteValue("0.1");
            writer.WritePropertyName("source");
            writer.WriteValue(source);
            writer.WritePropertyName("eventId");
            writer.WriteValue(Guid.NewGuid().ToString());
            writer.WritePropertyName("eventTime");
            writer.WriteValue(DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WritePropertyName("contentType");
            writer.WriteValue("application/json");
            writer.WritePropertyName("data");
            writer.WriteStartObject();
            writer.WritePropertyName("events");
            writer.WriteStartArray();
            foreach (var logEvent in logEvents)
            {
                writer.WriteRawValue(logEvent);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The <c>eventType</c> of Okta's delivery envelope.</summary>
    public const string EnvelopeEventType = "com.okta.event_hook";

    /// <summary>Okta's challenge is an opaque random token; this is as unguessable.</summary>
    private static string NewChallenge()
    {
        var bytes = new byte[30];
        using (var random = RandomNumberGenerator.Create())
        {
            random.GetBytes(bytes);
        }

        return Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
    }

    /// <summary>
    /// Why an endpoint gave no answer, in the same words on both runtimes: .NET names it with SocketException codes and
    /// AuthenticationException, .NET Framework (Windows PowerShell 5.1) with a WebException's status; both are read by
    /// <see cref="NetworkFailure"/>, as the transport reads a failed Okta call.
    /// </summary>
    internal static string DescribeConnectionFailure(Exception ex)
    {
        var innermost = ex.GetBaseException().Message.Trim().TrimEnd('.');
        var refused = false;
        for (Exception? inner = ex; inner != null; inner = inner.InnerException)
        {
            if (inner is AuthenticationException)
            {
                return "TLS certificate not trusted (" + inner.Message + "); Okta accepts only certificates from a public certificate authority";
            }

            refused |= inner is SocketException socket && socket.SocketErrorCode == SocketError.ConnectionRefused;
        }

        switch (NetworkFailure.Classify(ex))
        {
            case NetworkFailureKind.TlsHandshake:
                return "the TLS (https) handshake failed (" + innermost + "); Okta accepts only TLS 1.2 or later with a certificate from a public certificate authority";
            case NetworkFailureKind.ConnectionReset:
                return "the connection broke: " + innermost;
            default:
                return refused ? "could not connect: nothing is listening at that address and port" : "could not connect: " + innermost;
        }
    }

    private static AnswerTooLargeException? AnswerTooLarge(Exception? exception)
    {
        for (var e = exception; e != null; e = e.InnerException)
        {
            if (e is AnswerTooLargeException tooLarge)
            {
                return tooLarge;
            }
        }

        return null;
    }

    /// <summary>At most <see cref="MaxBodyChars"/> bytes of the body, each read under <paramref name="cancellationToken"/>.</summary>
    private static async Task<string> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
        var buffer = new byte[MaxBodyChars];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer, total, buffer.Length - total, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, total);
    }

    private static bool TryReadObject(string? body, out JObject? result)
    {
        try
        {
            result = JsonConvert.DeserializeObject<JToken>(body ?? string.Empty, JsonSettings.Reading) as JObject;
        }
        catch (JsonException)
        {
            result = null;
        }

        return result != null;
    }

    private sealed class Attempt
    {
        public Attempt(string method, Uri uri)
        {
            Method = method;
            Uri = uri.GetLeftPart(UriPartial.Path);
        }

        public string Method { get; }

        /// <summary>Without the query: a query string may carry a token.</summary>
        public string Uri { get; }

        public int? StatusCode { get; set; }
        public string? ContentType { get; set; }
        public string? Location { get; set; }
        public string? Body { get; set; }
        public TimeSpan Elapsed { get; set; }
        public string? Failure { get; set; }
        public bool TimedOut { get; set; }

        public bool Answered => StatusCode.HasValue;

        public string Summary => Answered
            ? string.Format(CultureInfo.InvariantCulture, "{0} in {1:0} ms", StatusCode, Elapsed.TotalMilliseconds)
            : Failure + string.Format(CultureInfo.InvariantCulture, " (after {0:0} ms)", Elapsed.TotalMilliseconds);
    }
}

/// <summary>
/// How one delivery to an endpoint ended: <see cref="Delivered"/> (a 2xx answer), the last status (null when none came),
/// how many attempts were made, and otherwise in words what went wrong ("answered 503", "no answer within 5 s").
/// </summary>
public sealed class EndpointDelivery
{
    public EndpointDelivery(bool delivered, int? statusCode, int attempts, string? failure)
    {
        Delivered = delivered;
        StatusCode = statusCode;
        Attempts = attempts;
        Failure = failure;
    }

    public bool Delivered { get; }

    public int? StatusCode { get; }

    public int Attempts { get; }

    public string? Failure { get; }
}
