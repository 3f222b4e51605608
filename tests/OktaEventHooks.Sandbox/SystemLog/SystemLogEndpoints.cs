using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Admin;
using OktaEventHooks.Sandbox.Api;
using OktaEventHooks.Sandbox.Infrastructure;

namespace OktaEventHooks.Sandbox.SystemLog;

/// <summary>
/// <c>GET /api/v1/logs</c> as Okta answers it (fact sheet: system-log.md): <c>since</c> (inclusive), <c>until</c>
/// (exclusive), <c>limit</c> (1-1000, default 100), <c>sortOrder</c>, <c>filter</c>, <c>q</c>, and the opaque
/// <c>after</c> cursor in <c>Link: rel="next"</c>. A bounded query (both times) ends with a page without a next link;
/// a polling query (no <c>until</c>) always has one, even on an empty page. Plus the test-only endpoints under
/// <c>/sandbox/logs</c>: the written records, posting records, synthetic ranges, a quota warning, the bucket and switches.
/// </summary>
internal static class SystemLogEndpoints
{
    public const string LogsPath = "/api/v1/logs";
    public const string AdminPath = AdminEndpoints.BasePath + "/logs";

    /// <summary>The OAuth scope that reads the System Log; the event-hook scopes do not cover it.</summary>
    public const string ReadScope = "okta.logs.read";

    public const int MaxLimit = 1000;
    public const int DefaultLimit = 100;
    public const int MaxSyntheticCount = 10_000_000;

    public static bool IsLogsPath(PathString path) => path.StartsWithSegments(LogsPath, StringComparison.OrdinalIgnoreCase);

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(LogsPath, List);

        routes.MapGet(AdminPath, (SystemLogStore store) =>
            new OktaJsonResult(200, new JsonArray(store.Records().Select(r => JsonNode.Parse(r.Text)).ToArray())));

        routes.MapDelete(AdminPath, (SystemLogStore store) =>
        {
            store.Clear();
            return Results.NoContent();
        });

        // One LogEvent object, or an array of them, stored as given: unknown fields stay, missing ones stay missing.
        routes.MapPost(AdminPath + "/records", async (HttpContext context, SystemLogStore store) =>
        {
            JsonNode? body;
            try
            {
                body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            }
            catch (System.Text.Json.JsonException ex)
            {
                return AdminJson.BadRequest("The body is not valid JSON: " + ex.Message);
            }

            var records = body switch
            {
                JsonObject one => [one],
                JsonArray many when many.All(n => n is JsonObject) => many.Select(n => n!.DeepClone().AsObject()).ToList(),
                _ => null,
            };
            if (records is null)
            {
                return AdminJson.BadRequest("The body must be a LogEvent object or an array of them.");
            }

            var added = records.Select(r => store.Add(r)).ToList();
            return new OktaJsonResult(201, new JsonArray(added.Select(r => (JsonNode)JsonNode.Parse(r.Text)!).ToArray()));
        });

        routes.MapPost(AdminPath + "/synthetic", async (HttpContext context, SystemLogStore store) =>
        {
            var (json, problem) = await AdminJson.ReadObjectAsync(context);
            if (json is null)
            {
                return AdminJson.BadRequest(problem!);
            }

            var (range, invalid) = SyntheticRangeRequest.Parse(json);
            if (range is null)
            {
                return AdminJson.BadRequest(invalid!);
            }

            var added = store.AddRange(range.Since, range.Until, range.Count, range.Template);
            return new OktaJsonResult(201, new JsonObject
            {
                ["count"] = added.Count,
                ["since"] = OktaTime.Format(added.From),
                ["until"] = OktaTime.Format(added.To),
                ["first"] = JsonNode.Parse(added.Render(0)),
                ["last"] = JsonNode.Parse(added.Render(added.Count - 1)),
            });
        });

        routes.MapPost(AdminPath + "/quota-warning", async (HttpContext context, SystemLogWriter writer) =>
        {
            var (json, problem) = await AdminJson.ReadObjectAsync(context);
            if (json is null)
            {
                return AdminJson.BadRequest(problem!);
            }

            var violation = false;
            if (json.ContainsKey("violation") && !AdminJson.TryGetBool(json["violation"], out violation))
            {
                return AdminJson.BadRequest("'violation' must be true or false.");
            }

            DateTimeOffset? published = null;
            if (json.ContainsKey("published"))
            {
                if (!AdminJson.TryGetString(json["published"], out var text) || !TryParseTime(text, out var at))
                {
                    return AdminJson.BadRequest("'published' must be an ISO 8601 time.");
                }

                published = at;
            }

            writer.DeliveryQuotaReached(violation, violation ? SystemLogEventTypes.DailyDeliveryQuota : SystemLogEventTypes.DailyDeliveryQuotaWarning, published);
            return Results.NoContent();
        });

        routes.MapGet(AdminPath + "/rate-limit", (SystemLogSettings settings) =>
            new OktaJsonResult(200, settings.Bucket.Status(DateTimeOffset.UtcNow).ToJson()));

        routes.MapPut(AdminPath + "/rate-limit", async (HttpContext context, SystemLogSettings settings) =>
        {
            var (changes, problem) = await AdminJson.ReadObjectAsync(context);
            if (changes is null)
            {
                return AdminJson.BadRequest(problem!);
            }

            var (updated, invalid) = settings.Bucket.Settings.With(changes);
            if (updated is null)
            {
                return AdminJson.BadRequest(invalid!);
            }

            settings.Bucket.Configure(updated);
            return new OktaJsonResult(200, settings.Bucket.Status(DateTimeOffset.UtcNow).ToJson());
        });

        routes.MapGet(AdminPath + "/behaviour", (SystemLogSettings settings) => new OktaJsonResult(200, settings.Behaviour.ToJson()));

        routes.MapPut(AdminPath + "/behaviour", async (HttpContext context, SystemLogSettings settings) =>
        {
            var (changes, problem) = await AdminJson.ReadObjectAsync(context);
            if (changes is null)
            {
                return AdminJson.BadRequest(problem!);
            }

            var (behaviour, invalid) = settings.Behaviour.With(changes);
            if (behaviour is null)
            {
                return AdminJson.BadRequest(invalid!);
            }

            settings.Behaviour = behaviour;
            return new OktaJsonResult(200, behaviour.ToJson());
        });
    }

    public static bool TryParseTime(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    private static IResult List(HttpContext context, SystemLogStore store, SystemLogSettings settings, SandboxState state)
    {
        var behaviour = settings.Behaviour;
        if (!behaviour.ApiTokenMayRead
            && string.Equals(ApiAuthenticator.SchemeOf(context.Request), ApiAuthenticator.SswsScheme, StringComparison.OrdinalIgnoreCase))
        {
            return OktaErrors.Create(403, "E0000006", "You do not have permission to perform the requested action");
        }

        var now = DateTimeOffset.UtcNow;
        var (query, polling, problem) = ReadQuery(context.Request.Query, now);
        if (query is null)
        {
            return problem!;
        }

        var page = store.Query(query);
        var linkBase = (behaviour.NextLinkBase ?? state.BaseAddress) + LogsPath;
        var response = context.Response;
        response.Headers.Append("Link", $"<{linkBase}{context.Request.QueryString}>; rel=\"self\"");

        // Bounded: a next link while records remain. Polling: always, from the last record read (or where it stood).
        var next = page.Last ?? query.After ?? LogPosition.Before(query.Since);
        if (polling || page.HasMore || behaviour.AlwaysNextLink)
        {
            response.Headers.Append("Link", $"<{linkBase}?{NextQuery(context.Request.QueryString, next)}>; rel=\"next\"");
        }

        return new PageResult(page.Records);
    }

    private static (LogQuery? Query, bool Polling, IResult? Problem) ReadQuery(IQueryCollection parameters, DateTimeOffset now)
    {
        var polling = !parameters.ContainsKey("until");
        var until = now;
        if (!polling && !TryParseTime(parameters["until"].ToString(), out until))
        {
            return Invalid("until", "'until' must be an ISO 8601 time such as 2026-01-31T23:59:59.000Z.");
        }

        var since = until - TimeSpan.FromDays(7);
        if (parameters.ContainsKey("since") && !TryParseTime(parameters["since"].ToString(), out since))
        {
            return Invalid("since", "'since' must be an ISO 8601 time such as 2026-01-01T00:00:00.000Z.");
        }

        if (since < now - SystemLogStore.Retention)
        {
            return Invalid("since", "'since' must be within the last 90 days: System Log records are kept for 90 days.");
        }

        if (since > until)
        {
            return Invalid("since", "'since' must not be later than 'until'.");
        }

        var limit = DefaultLimit;
        if (parameters.ContainsKey("limit")
            && (!int.TryParse(parameters["limit"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return Invalid("limit", $"'limit' must be a whole number from 1 to {MaxLimit}.");
        }

        var descending = false;
        if (parameters.ContainsKey("sortOrder"))
        {
            var order = parameters["sortOrder"].ToString();
            descending = order.Equals("DESCENDING", StringComparison.OrdinalIgnoreCase);
            if (!descending && !order.Equals("ASCENDING", StringComparison.OrdinalIgnoreCase))
            {
                return Invalid("sortOrder", "'sortOrder' must be ASCENDING or DESCENDING.");
            }
        }

        LogPosition? after = null;
        if (parameters.ContainsKey("after"))
        {
            if (!LogPosition.TryParseCursor(parameters["after"].ToString(), out var position))
            {
                return Invalid("after", "'after' is not a cursor this org issued; take it from the Link header's next URL.");
            }

            after = position;
        }

        SystemLogFilter? filter = null;
        if (parameters.ContainsKey("filter"))
        {
            (filter, var filterProblem) = SystemLogFilter.Parse(parameters["filter"].ToString());
            if (filter is null)
            {
                return Invalid("filter", $"Invalid filter expression: {filterProblem}");
            }
        }

        var keywords = parameters["q"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (new LogQuery(since, until, after, descending, limit, filter, keywords), polling, null);
    }

    private static (LogQuery?, bool, IResult?) Invalid(string parameter, string cause) =>
        (null, false, OktaErrors.Create(400, "E0000001", "Api validation failed: " + parameter, [cause]));

    // The request's own query, encoded as it came, with the cursor of where the next page starts.
    private static string NextQuery(QueryString query, LogPosition next)
    {
        var parts = (query.Value ?? string.Empty).TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("after=", StringComparison.OrdinalIgnoreCase) && !p.Equals("after", StringComparison.OrdinalIgnoreCase));
        return string.Join("&", parts.Append("after=" + next.ToCursor()));
    }

    /// <summary>A JSON array of records already rendered as JSON text.</summary>
    private sealed class PageResult(IReadOnlyList<string> records) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var text = new StringBuilder(records.Sum(r => r.Length + 1) + 2).Append('[');
            for (var i = 0; i < records.Count; i++)
            {
                text.Append(i == 0 ? string.Empty : ",").Append(records[i]);
            }

            httpContext.Response.StatusCode = 200;
            httpContext.Response.ContentType = "application/json";
            return httpContext.Response.WriteAsync(text.Append(']').ToString(), httpContext.RequestAborted);
        }
    }
}
