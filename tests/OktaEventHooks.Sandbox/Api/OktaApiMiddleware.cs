using OktaEventHooks.Sandbox.Faults;
using OktaEventHooks.Sandbox.Infrastructure;
using OktaEventHooks.Sandbox.OAuth;
using OktaEventHooks.Sandbox.RateLimiting;
using OktaEventHooks.Sandbox.SystemLog;

namespace OktaEventHooks.Sandbox.Api;

/// <summary>
/// The single pipeline every Okta API request goes through, in this order:
/// request id → rate limit → fault selection → authentication → endpoint → Okta-shaped 404/405/500
/// → fault applied to the answer → request log. The org authorization server (/oauth2) goes through it too,
/// minus the /api/v1 rate-limit bucket and the API-token check (its endpoint authenticates the client itself).
/// Anything that must hold for "every response" (headers, logging) belongs here, not in endpoints.
/// The endpoint's answer is buffered, so an "after" fault can replace it once the work is really done.
/// </summary>
internal sealed class OktaApiMiddleware(
    RequestDelegate next,
    ApiAuthenticator authenticator,
    RateLimitBucket rateLimit,
    SystemLogSettings systemLog,
    FaultInjector faults,
    RequestLog requestLog,
    IHostApplicationLifetime lifetime,
    ILogger<OktaApiMiddleware> logger)
{
    /// <summary>Paths that behave like Okta; everything else (/sandbox, /receiver) is sandbox plumbing.</summary>
    public static bool IsOktaApiPath(PathString path) =>
        path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase) || IsAuthorizationServerPath(path);

    public static bool IsAuthorizationServerPath(PathString path) =>
        path.StartsWithSegments("/oauth2", StringComparison.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsOktaApiPath(context.Request.Path))
        {
            await next(context);
            return;
        }

        var sequence = requestLog.NextSequence();
        var received = DateTimeOffset.UtcNow;
        var requestId = OktaIds.NewRequestId();
        var request = context.Request;
        var response = context.Response;
        var path = request.Path.Value ?? string.Empty;
        response.Headers["X-Okta-Request-Id"] = requestId;
        ApiResponseHeaders.StampDateWhenSent(response);

        string? body = null;
        var admitted = false;
        var bucket = SystemLogEndpoints.IsLogsPath(request.Path) ? systemLog.Bucket : rateLimit; // /api/v1/logs counts apart
        FaultSpec? fault = null;
        var answered = true;
        try
        {
            body = await RequestBody.ReadAsync(context);

            var headers = new ApiResponseHeaders(requestId, null);
            if (!IsAuthorizationServerPath(request.Path))
            {
                var quota = bucket.Acquire(DateTimeOffset.UtcNow);
                admitted = quota.Admitted; // only a request that took a slot gives one back
                headers = new ApiResponseHeaders(requestId, quota);
                headers.ApplyTo(response);

                if (!admitted)
                {
                    await OktaErrors.RateLimitExceeded().ExecuteAsync(context);
                    return;
                }
            }

            // Faulted requests were admitted like any other: they cost a request of the window.
            fault = faults.Select(request.Method, path);
            answered = await AnswerAsync(context, headers, fault);
        }
        catch (Exception ex) when (!response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(ex, "Unhandled error for {Method} {Path}", request.Method, path);
            await OktaErrors.InternalError().ExecuteAsync(context);
        }
        finally
        {
            if (admitted)
            {
                bucket.Release();
            }

            // A token request's assertion is a credential: the log shows the form with it blanked out.
            var isTokenRequest = IsAuthorizationServerPath(request.Path);
            var query = request.QueryString.Value?.TrimStart('?') ?? string.Empty;
            requestLog.Add(new RequestLogEntry(
                sequence,
                received,
                request.Method,
                path,
                isTokenRequest ? TokenEndpoint.RedactForLog(query)! : query,
                // 0: nothing was sent (dropped connection, abandoned hang). 499 (client closed request)
                // rather than a misleading default 200 when the caller gave up before the answer.
                !answered ? 0
                    : context.RequestAborted.IsCancellationRequested && !response.HasStarted ? 499
                    : response.StatusCode,
                fault?.ModeName,
                requestId,
                ApiAuthenticator.SchemeOf(request),
                request.Headers.UserAgent.Count > 0 ? request.Headers.UserAgent.ToString() : null,
                isTokenRequest ? TokenEndpoint.RedactForLog(body) : body,
                DpopProofValidator.PeekJti(request),
                RequestCaller.ClientIdOf(context)));
        }
    }

    /// <summary>Answers an admitted request, with or without its fault; false when no HTTP answer went out.</summary>
    private async Task<bool> AnswerAsync(HttpContext context, ApiResponseHeaders headers, FaultSpec? fault)
    {
        if (fault is { When: FaultTiming.Before } && await StrikeAsync(context, headers, fault, []) is bool before)
        {
            return before;
        }

        var realBody = await ProcessAsync(context, headers);

        if (fault is { When: FaultTiming.After } && await StrikeAsync(context, headers, fault, realBody) is bool after)
        {
            return after;
        }

        if (realBody.Length > 0)
        {
            context.Response.ContentLength = realBody.Length;
            await context.Response.Body.WriteAsync(realBody, context.RequestAborted);
        }

        return true;
    }

    /// <summary>
    /// Applies a fault at its moment: true when it wrote the answer, false when none went out (dropped
    /// connection, abandoned hold), null when the request goes on normally (a hold that ran its time).
    /// </summary>
    private async Task<bool?> StrikeAsync(HttpContext context, ApiResponseHeaders headers, FaultSpec fault, byte[] realBody)
    {
        switch (fault.Mode)
        {
            case FaultMode.Reset:
                context.Abort();
                return false;
            case FaultMode.Hang:
                return await HoldAsync(context, fault.Seconds!.Value) ? null : false;
            default:
                if (fault.When == FaultTiming.After)
                {
                    // The endpoint already wrote status and headers: start the answer over.
                    context.Response.Clear();
                    headers.ApplyTo(context.Response);
                }

                await FaultResponses.WriteAsync(context, fault, realBody);
                return true;
        }
    }

    /// <summary>Authenticates and runs the endpoint, capturing its answer (status and headers on the response, body returned).</summary>
    private async Task<byte[]> ProcessAsync(HttpContext context, ApiResponseHeaders headers)
    {
        var response = context.Response;
        var wire = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            var rejection = IsAuthorizationServerPath(context.Request.Path) ? null : authenticator.Authenticate(context);
            if (rejection is not null)
            {
                await rejection.ExecuteAsync(context);
            }
            else
            {
                await next(context);
                await ReplaceEmptyRoutingErrorAsync(context, bodyWritten: buffer.Length > 0);
            }
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(ex, "Unhandled error for {Method} {Path}", context.Request.Method, context.Request.Path);
            response.Clear(); // also empties the buffer
            headers.ApplyTo(response);
            await OktaErrors.InternalError().ExecuteAsync(context);
        }
        finally
        {
            response.Body = wire;
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Holds the request for a while; false when the client went away first. Sandbox shutdown ends the hold
    /// too (dropping the connection), so a long hang cannot keep a test host from stopping.
    /// </summary>
    private async Task<bool> HoldAsync(HttpContext context, double seconds)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            // Timers may fire a millisecond early; a hold promises at least the time asked for.
            var hold = TimeSpan.FromSeconds(seconds);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.Elapsed < hold)
            {
                await Task.Delay(hold - clock.Elapsed + TimeSpan.FromMilliseconds(1), stop.Token);
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            context.Abort();
            return false;
        }
    }

    // Routing answers unknown paths (404) and wrong verbs (405) with an empty body; Okta sends its error shape.
    // Endpoints always write a body, so an empty one here came from routing.
    private static async Task ReplaceEmptyRoutingErrorAsync(HttpContext context, bool bodyWritten)
    {
        var response = context.Response;
        if (bodyWritten)
        {
            return;
        }

        if (response.StatusCode == StatusCodes.Status405MethodNotAllowed)
        {
            await OktaErrors.MethodNotAllowed().ExecuteAsync(context);
        }
        else if (response.StatusCode == StatusCodes.Status404NotFound)
        {
            await OktaErrors.PathNotFound(context.Request.Path.Value ?? string.Empty).ExecuteAsync(context);
        }
    }
}
