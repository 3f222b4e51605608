using System.Globalization;

namespace OktaEventHooks.Sandbox;

/// <summary>
/// The single pipeline every Okta API request goes through, in this order:
/// request id → rate limit → authentication → endpoint → Okta-shaped 404/405/500 → request log.
/// Anything that must hold for "every response" (headers, logging) belongs here, not in endpoints,
/// so later additions (token endpoint, more buckets, fault injection) have one place to hook in.
/// </summary>
internal sealed class OktaApiMiddleware(
    RequestDelegate next,
    ApiAuthenticator authenticator,
    RateLimitWindow rateLimit,
    RequestLog requestLog,
    ILogger<OktaApiMiddleware> logger)
{
    /// <summary>Paths that behave like Okta; everything else (/sandbox, /receiver) is sandbox plumbing.</summary>
    public static bool IsOktaApiPath(PathString path) =>
        path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase);

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
        var response = context.Response;
        response.Headers["X-Okta-Request-Id"] = requestId;

        string? body = null;
        try
        {
            body = await RequestBody.ReadAsync(context);

            var quota = rateLimit.Acquire();
            response.Headers["X-Rate-Limit-Limit"] = quota.Limit.ToString(CultureInfo.InvariantCulture);
            response.Headers["X-Rate-Limit-Remaining"] = quota.Remaining.ToString(CultureInfo.InvariantCulture);
            response.Headers["X-Rate-Limit-Reset"] = quota.ResetEpochSeconds.ToString(CultureInfo.InvariantCulture);

            if (!quota.Allowed)
            {
                await OktaErrors.RateLimitExceeded().ExecuteAsync(context);
            }
            else if (!authenticator.IsAuthorized(context.Request))
            {
                await OktaErrors.InvalidToken().ExecuteAsync(context);
            }
            else
            {
                await next(context);
                await ReplaceEmptyRoutingErrorAsync(context);
            }
        }
        catch (Exception ex) when (!response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(ex, "Unhandled error for {Method} {Path}", context.Request.Method, context.Request.Path);
            await OktaErrors.InternalError().ExecuteAsync(context);
        }
        finally
        {
            requestLog.Add(new RequestLogEntry(
                sequence,
                received,
                context.Request.Method,
                context.Request.Path.Value ?? string.Empty,
                context.Request.QueryString.Value?.TrimStart('?') ?? string.Empty,
                // 499 (client closed request) rather than a misleading default 200 when the caller gave up.
                context.RequestAborted.IsCancellationRequested && !response.HasStarted ? 499 : response.StatusCode,
                requestId,
                ApiAuthenticator.SchemeOf(context.Request),
                context.Request.Headers.UserAgent.Count > 0 ? context.Request.Headers.UserAgent.ToString() : null,
                body));
        }
    }

    // Routing answers unknown paths (404) and wrong verbs (405) with an empty body; Okta sends its error shape.
    // Endpoints always write a body, so an unstarted response here came from routing.
    private static async Task ReplaceEmptyRoutingErrorAsync(HttpContext context)
    {
        var response = context.Response;
        if (response.HasStarted)
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
