using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Hooks;
using Xunit;

namespace OktaEventHooks.Sandbox.Tests;

/// <summary>
/// GET /api/v1/logs and the records the sandbox writes about event hooks: lifecycle changes with their actor,
/// verification attempts, failed deliveries, paging by Link headers in bounded and polling queries, the filter
/// subset, the 90-day limit, the System Log's own rate-limit bucket and scope.
/// </summary>
public sealed class SystemLogTests
{
    private const string LogsPath = "/api/v1/logs";
    private const string ClientId = "0oaSandboxLogReader01";

    [Fact]
    public async Task EveryLifecycleChangeIsLoggedWithTheAdminAsActorAndTheRequestAsTransaction()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var created = await sandbox.CreateAsync(HookBodies.Minimal());
        var id = (string)created.Object["id"]!;
        var renamed = HookBodies.Minimal();
        renamed["name"] = "Renamed hook";
        var replaced = await sandbox.ReplaceAsync(id, renamed);
        var deactivated = await sandbox.LifecycleAsync(id, "deactivate");
        var activated = await sandbox.LifecycleAsync(id, "activate");
        await sandbox.LifecycleAsync(id, "deactivate");
        var deleted = await sandbox.SendAsync(HttpMethod.Delete, $"{SandboxClient.HooksPath}/{id}");

        var records = await ReadAllAsync(sandbox, Window());

        Assert.Equal(
            ["event_hook.created", "event_hook.updated", "event_hook.deactivated", "event_hook.activated", "event_hook.deactivated", "event_hook.deleted"],
            records.Select(r => (string)r["eventType"]!));
        Assert.All(records, r =>
        {
            Assert.Equal("User", (string?)r["actor"]!["type"]);
            Assert.Equal("admin@sandbox.example", (string?)r["actor"]!["alternateId"]);
            Assert.Equal("SUCCESS", (string?)r["outcome"]!["result"]);
            var target = Assert.Single(r["target"]!.AsArray())!;
            Assert.Equal(id, (string?)target["id"]);
            Assert.Equal("EventHook", (string?)target["type"]);
        });
        Assert.Equal("Minimal hook", (string?)records[0]["target"]![0]!["displayName"]);
        Assert.Equal("Renamed hook", (string?)records[^1]["target"]![0]!["displayName"]);
        Assert.Equal(
            new[] { created, replaced, deactivated, activated }.Select(r => r.Header("X-Okta-Request-Id")),
            records.Take(4).Select(r => (string)r["transaction"]!["id"]!));
        Assert.Equal(deleted.Header("X-Okta-Request-Id"), (string?)records[^1]["debugContext"]!["debugData"]!["requestId"]);
    }

    [Fact]
    public async Task AnOAuthServiceAppIsTheActorOfTheChangesItMakes()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        using var key = TestKey.Rsa();
        await OAuthKit.RegisterAsync(sandbox, ClientId, key);
        var token = await OAuthKit.BearerTokenAsync(sandbox, key, ClientId);
        var created = await OAuthKit.CallAsync(sandbox, HttpMethod.Post, SandboxClient.HooksPath, "Bearer " + token, body: HookBodies.Minimal());
        Assert.Equal(HttpStatusCode.OK, created.Status);

        var record = Assert.Single(await ReadAllAsync(sandbox, Window()));

        Assert.Equal("event_hook.created", (string?)record["eventType"]);
        Assert.Equal(ClientId, (string?)record["actor"]!["id"]);
        Assert.Equal("PublicClientApp", (string?)record["actor"]!["type"]);
    }

    [Fact]
    public async Task EveryVerificationAttemptIsLoggedWithItsOutcomeAndReason()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var bad = (string)(await sandbox.CreateHookAsync(HookBodies.Minimal(sandbox.ReceiverUri("status/500/bad"))))["id"]!;
        var good = (string)(await sandbox.CreateHookAsync(HookBodies.Minimal(sandbox.ReceiverUri("ok/good"))))["id"]!;
        Assert.Equal(HttpStatusCode.BadRequest, (await sandbox.LifecycleAsync(bad, "verify")).Status);
        Assert.Equal(HttpStatusCode.OK, (await sandbox.LifecycleAsync(good, "verify")).Status);

        var verified = (await ReadAllAsync(sandbox, Window(), "eventType eq \"event_hook.verified\"")).ToList();

        Assert.Equal(2, verified.Count);
        Assert.Equal(bad, (string?)verified[0]["target"]![0]!["id"]);
        Assert.Equal("FAILURE", (string?)verified[0]["outcome"]!["result"]);
        Assert.Contains("HTTP 500", (string?)verified[0]["outcome"]!["reason"], StringComparison.Ordinal);
        Assert.Contains(bad, (string?)verified[0]["debugContext"]!["debugData"]!["webhooks"], StringComparison.Ordinal);
        Assert.Equal(good, (string?)verified[1]["target"]![0]!["id"]);
        Assert.Equal("SUCCESS", (string?)verified[1]["outcome"]!["result"]);
        Assert.Null(verified[1]["outcome"]!["reason"]);
        Assert.Equal("User", (string?)verified[1]["actor"]!["type"]);
    }

    [Fact]
    public async Task AFailedDeliveryIsLoggedOnceAfterItsRetryAndASuccessfulOneNot()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var failing = await CreateForcedVerifiedHookAsync(sandbox, "status/500/failing");
        var fine = await CreateForcedVerifiedHookAsync(sandbox, "ok/fine");
        var posted = await sandbox.AdminSendAsync(HttpMethod.Post, "/sandbox/events", """{"eventType":"user.lifecycle.deactivate"}""");
        Assert.Equal(HttpStatusCode.OK, posted.Status);

        var deliveries = await ReadAllAsync(sandbox, Window(), "eventType eq \"event_hook.delivery\"");

        var record = Assert.Single(deliveries);
        Assert.Equal("FAILURE", (string?)record["outcome"]!["result"]);
        Assert.Equal("Event delivery failed: the endpoint answered HTTP 500 (2 attempts)", (string?)record["outcome"]!["reason"]);
        Assert.Equal("SystemPrincipal", (string?)record["actor"]!["type"]);
        Assert.Empty(record["target"]!.AsArray());
        var debugData = record["debugContext"]!["debugData"]!;
        Assert.Contains(failing, (string?)debugData["webhooks"], StringComparison.Ordinal);
        Assert.DoesNotContain(fine, record.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal((string?)posted.Object["eventId"], (string?)debugData["eventIds"]);
        Assert.DoesNotContain(HookBodies.Secret, (await sandbox.AdminSendAsync(HttpMethod.Get, "/sandbox/logs")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABoundedQueryIsReadPageByPageThroughNextLinksAndItsLastPageHasNone()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var (since, until) = Window(TimeSpan.FromDays(7));
        await AddSyntheticAsync(sandbox, 2500, since.AddMinutes(1), until.AddMinutes(-1));

        var path = Query(since, until, limit: 1000);
        var sizes = new List<int>();
        var uuids = new List<string>();
        var published = new List<DateTimeOffset>();
        while (path is not null)
        {
            var page = await sandbox.SendAsync(HttpMethod.Get, path);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            var records = page.Json!.AsArray();
            sizes.Add(records.Count);
            uuids.AddRange(records.Select(r => (string)r!["uuid"]!));
            published.AddRange(records.Select(r => DateTimeOffset.Parse((string)r!["published"]!, CultureInfo.InvariantCulture)));
            Assert.Contains("rel=\"self\"", page.Header("Link"), StringComparison.Ordinal);
            path = NextLink(page);
            Assert.True(path is null || path.StartsWith(sandbox.Host.BaseAddress + LogsPath + "?", StringComparison.Ordinal), path);
        }

        Assert.Equal([1000, 1000, 500], sizes);
        Assert.Equal(2500, uuids.Distinct().Count());
        Assert.Equal(published.Order(), published);
    }

    [Fact]
    public async Task SinceIsInclusiveUntilExclusiveAndDescendingReadsNewestFirst()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var t0 = DateTimeOffset.UtcNow.AddHours(-1);
        var times = Enumerable.Range(0, 4).Select(i => t0.AddMinutes(i)).ToList();
        await PostRecordsAsync(sandbox, times.Select((t, i) => Record($"r{i}", t)).ToArray());

        var ascending = await ReadAllAsync(sandbox, (times[1], times[3]));
        var descending = await ReadAllAsync(sandbox, (times[0], times[3].AddTicks(TimeSpan.TicksPerMillisecond)), descending: true, limit: 2);

        Assert.Equal(["r1", "r2"], ascending.Select(r => (string)r["displayMessage"]!));
        Assert.Equal(["r3", "r2", "r1", "r0"], descending.Select(r => (string)r["displayMessage"]!));
    }

    [Fact]
    public async Task APollingQueryHasANextLinkEvenOnAnEmptyPage()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var since = DateTimeOffset.UtcNow.AddMinutes(-5);

        var first = await sandbox.SendAsync(HttpMethod.Get, $"{LogsPath}?since={Iso(since)}");
        var next = NextLink(first);
        var second = await sandbox.SendAsync(HttpMethod.Get, next!);

        Assert.Equal("[]", first.Body);
        Assert.Equal("[]", second.Body);
        Assert.NotNull(NextLink(second));
    }

    [Fact]
    public async Task WithAlwaysNextLinkABoundedQueryEndsOnAnEmptyPageThatStillLinksOn()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        await sandbox.AdminSendAsync(HttpMethod.Put, "/sandbox/logs/behaviour", """{"alwaysNextLink":true}""");
        var window = Window();
        await PostRecordsAsync(sandbox, Record("only", window.Since.AddMinutes(1)));

        var first = await sandbox.SendAsync(HttpMethod.Get, Query(window.Since, window.Until, 100));
        var second = await sandbox.SendAsync(HttpMethod.Get, NextLink(first)!);

        Assert.Single(first.Json!.AsArray());
        Assert.Equal("[]", second.Body);
        Assert.NotNull(NextLink(second));
    }

    [Fact]
    public async Task NextLinksCanBeMadeToPointAtAnotherOrigin()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        await sandbox.AdminSendAsync(HttpMethod.Put, "/sandbox/logs/behaviour", """{"nextLinkBase":"http://localhost:1"}""");
        var window = Window();
        await PostRecordsAsync(sandbox, Record("a", window.Since.AddMinutes(1)), Record("b", window.Since.AddMinutes(2)));

        var page = await sandbox.SendAsync(HttpMethod.Get, Query(window.Since, window.Until, 1));

        Assert.StartsWith("http://localhost:1/api/v1/logs?", NextLink(page), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eventType eq \"event_hook.delivery\"", "d")]
    [InlineData("eventType sw \"event_hook.\"", "c,d,v")]
    [InlineData("EVENTTYPE EQ \"EVENT_HOOK.CREATED\"", "c")]
    [InlineData("outcome.result eq \"FAILURE\"", "d,v")]
    [InlineData("target.id eq \"whoTargetTargetTarget\"", "c,v")]
    [InlineData("eventType sw \"event_hook.\" and outcome.result eq \"FAILURE\"", "d,v")]
    [InlineData("(eventType eq \"event_hook.created\" or eventType eq \"user.session.start\") and outcome.result eq \"SUCCESS\"", "c,u")]
    [InlineData("eventType sw \"event_hook.\" and not (eventType eq \"event_hook.delivery\")", "c,v")]
    [InlineData("debugContext.debugData.operationRateLimitType eq \"event_hook_delivery\"", "q")]
    [InlineData("displayMessage co \"quota\"", "q")]
    [InlineData("target pr", "c,v")]
    [InlineData("eventType ne \"event_hook.created\" and eventType sw \"event_hook.\"", "d,v")]
    public async Task TheFilterSubsetSelectsRecords(string filter, string expected)
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var window = Window();
        var at = window.Since.AddMinutes(1);
        await PostRecordsAsync(
            sandbox,
            Record("c", at, "event_hook.created", "SUCCESS", "whoTargetTargetTarget"),
            Record("d", at.AddSeconds(1), "event_hook.delivery", "FAILURE"),
            Record("v", at.AddSeconds(2), "event_hook.verified", "FAILURE", "whoTargetTargetTarget"),
            Record("u", at.AddSeconds(3), "user.session.start", "SUCCESS"),
            new JsonObject
            {
                ["published"] = Iso(at.AddSeconds(4)),
                ["eventType"] = "system.operation.rate_limit.warning",
                ["displayMessage"] = "q quota",
                ["debugContext"] = new JsonObject { ["debugData"] = new JsonObject { ["operationRateLimitType"] = "event_hook_delivery" } },
            });

        var records = await ReadAllAsync(sandbox, window, filter);

        Assert.Equal(expected, string.Join(",", records.Select(r => ((string)r["displayMessage"]!).Split(' ')[0])));
    }

    [Theory]
    [InlineData("filter=eventType%20eq", "filter")]
    [InlineData("filter=eventType%20gt%20%222%22", "filter")]
    [InlineData("filter=(eventType%20eq%20%22a%22", "filter")]
    [InlineData("since=yesterday", "since")]
    [InlineData("until=2026-13-45", "until")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("sortOrder=RANDOM", "sortOrder")]
    [InlineData("after=not-a-cursor", "after")]
    public async Task WhatTheSandboxCannotReadIsA400E0000001(string query, string parameter)
    {
        await using var sandbox = await SandboxClient.StartAsync();

        var response = await sandbox.SendAsync(HttpMethod.Get, $"{LogsPath}?{query}");

        response.AssertOktaError(HttpStatusCode.BadRequest, "E0000001", "Api validation failed: " + parameter);
    }

    [Fact]
    public async Task ASinceOlderThan90DaysOrLaterThanUntilIsRefused()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var now = DateTimeOffset.UtcNow;

        var old = await sandbox.SendAsync(HttpMethod.Get, $"{LogsPath}?since={Iso(now.AddDays(-90).AddMinutes(-1))}&until={Iso(now)}");
        var recent = await sandbox.SendAsync(HttpMethod.Get, $"{LogsPath}?since={Iso(now.AddDays(-89))}&until={Iso(now)}");
        var reversed = await sandbox.SendAsync(HttpMethod.Get, $"{LogsPath}?since={Iso(now)}&until={Iso(now.AddMinutes(-1))}");

        Assert.Contains("90 days", old.AssertOktaError(HttpStatusCode.BadRequest, "E0000001", "Api validation failed: since").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, recent.Status);
        reversed.AssertOktaError(HttpStatusCode.BadRequest, "E0000001", "Api validation failed: since");
    }

    [Fact]
    public async Task TheSystemLogHasARateLimitBucketOfItsOwn()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var configured = await sandbox.AdminSendAsync(HttpMethod.Put, "/sandbox/logs/rate-limit", """{"limit":2,"windowSeconds":60}""");
        Assert.Equal(HttpStatusCode.OK, configured.Status);

        var logs = new List<ApiResponse>();
        for (var i = 0; i < 3; i++)
        {
            logs.Add(await sandbox.SendAsync(HttpMethod.Get, LogsPath));
        }

        var hooks = await sandbox.ListAsync();

        Assert.Equal(["1", "0"], logs.Take(2).Select(r => r.Header("X-Rate-Limit-Remaining")));
        logs[2].AssertOktaError((HttpStatusCode)429, "E0000047");
        Assert.Equal("2", logs[2].Header("X-Rate-Limit-Limit"));
        Assert.Equal(HttpStatusCode.OK, hooks.Status);
        Assert.Equal("600", hooks.Header("X-Rate-Limit-Limit"));
        Assert.Equal("599", hooks.Header("X-Rate-Limit-Remaining"));
        Assert.Equal(1, (int)(await sandbox.RateLimitAsync())["used"]!);
        Assert.Equal(2, (int)JsonNode.Parse((await sandbox.AdminSendAsync(HttpMethod.Get, "/sandbox/logs/rate-limit")).Body)!["used"]!);
    }

    [Fact]
    public async Task ReadingTheLogWithOAuthNeedsOktaLogsReadWhichTheEventHookScopesDoNotCover()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        using var key = TestKey.Rsa();
        await OAuthKit.RegisterAsync(sandbox, ClientId, key, scopes: ["okta.eventHooks.read", "okta.eventHooks.manage", "okta.logs.read"]);
        var hooksOnly = await OAuthKit.BearerTokenAsync(sandbox, key, ClientId);
        var logs = await OAuthKit.BearerTokenAsync(sandbox, key, ClientId, "okta.logs.read");

        var refused = await OAuthKit.CallAsync(sandbox, HttpMethod.Get, LogsPath, "Bearer " + hooksOnly);
        var allowed = await OAuthKit.CallAsync(sandbox, HttpMethod.Get, LogsPath, "Bearer " + logs);
        var hooksWithLogScope = await OAuthKit.CallAsync(sandbox, HttpMethod.Get, SandboxClient.HooksPath, "Bearer " + logs);

        refused.AssertOktaError(HttpStatusCode.Forbidden, "E0000006");
        Assert.Contains("insufficient_scope", refused.Header("WWW-Authenticate"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.Status);
        hooksWithLogScope.AssertOktaError(HttpStatusCode.Forbidden, "E0000006");
    }

    [Fact]
    public async Task AnApiTokenWhoseAdminMayNotViewTheLogGetsA403()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        await sandbox.AdminSendAsync(HttpMethod.Put, "/sandbox/logs/behaviour", """{"apiTokenMayRead":false}""");

        var refused = await sandbox.SendAsync(HttpMethod.Get, LogsPath);
        var hooks = await sandbox.ListAsync();

        refused.AssertOktaError(HttpStatusCode.Forbidden, "E0000006");
        Assert.Equal(HttpStatusCode.OK, hooks.Status);
    }

    [Fact]
    public async Task AQuotaWarningNamesTheEventHookDeliveryQuota()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await sandbox.AdminSendAsync(HttpMethod.Post, "/sandbox/logs/quota-warning", "{}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await sandbox.AdminSendAsync(HttpMethod.Post, "/sandbox/logs/quota-warning", """{"violation":true}""")).Status);

        var records = await ReadAllAsync(sandbox, Window());

        Assert.Equal(["system.operation.rate_limit.warning", "system.operation.rate_limit.violation"], records.Select(r => (string)r["eventType"]!));
        Assert.All(records, r => Assert.Equal("event_hook_delivery", (string?)r["debugContext"]!["debugData"]!["operationRateLimitType"]));
        Assert.Equal("FAILURE", (string?)records[1]["outcome"]!["result"]);
    }

    [Fact]
    public async Task PostedRecordsAreServedAsGivenWithUnknownFieldsAndWithoutTarget()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        await PostRecordsAsync(sandbox, new JsonObject
        {
            ["uuid"] = "6f0b4c3a-0000-4000-8000-000000000001",
            ["published"] = Iso(at),
            ["eventType"] = "event_hook.delivery",
            ["brandNewField"] = new JsonObject { ["nested"] = new JsonArray(1, 2) },
        });

        var record = Assert.Single(await ReadAllAsync(sandbox, Window()));

        Assert.Equal(2, record["brandNewField"]!["nested"]!.AsArray().Count);
        Assert.False(record.ContainsKey("target"));
        Assert.False(record.ContainsKey("outcome"));
    }

    [Fact]
    public async Task ResetEmptiesTheLogAndRestoresItsBucketAndSwitches()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        await sandbox.CreateHookAsync(HookBodies.Minimal());
        await sandbox.AdminSendAsync(HttpMethod.Put, "/sandbox/logs/rate-limit", """{"limit":1}""");
        await sandbox.AdminSendAsync(HttpMethod.Put, "/sandbox/logs/behaviour", """{"apiTokenMayRead":false}""");

        await sandbox.AdminSendAsync(HttpMethod.Post, "/sandbox/reset");
        var page = await sandbox.SendAsync(HttpMethod.Get, Query(Window().Since, Window().Until, 100));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("[]", page.Body);
        Assert.Equal("120", page.Header("X-Rate-Limit-Limit"));
    }

    [Fact]
    public async Task ASyntheticRangeOfAHundredThousandRecordsCostsNothingUntilRead()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var (since, until) = Window(TimeSpan.FromDays(7));
        var added = await AddSyntheticAsync(sandbox, 100_000, since, until, "whoSyntheticSynthetic");

        var newest = await sandbox.SendAsync(HttpMethod.Get, Query(since, until, 1000, descending: true));
        var records = newest.Json!.AsArray();

        Assert.Equal(1000, records.Count);
        Assert.Equal((string?)added["last"]!["uuid"], (string?)records[0]!["uuid"]);
        Assert.Contains("whoSyntheticSynthetic", (string?)records[0]!["debugContext"]!["debugData"]!["webhooks"], StringComparison.Ordinal);
        Assert.Equal("event_hook.delivery", (string?)records[^1]!["eventType"]);
        Assert.NotNull(NextLink(newest));
    }

    // --- helpers ---

    private static (DateTimeOffset Since, DateTimeOffset Until) Window(TimeSpan? length = null)
    {
        var until = DateTimeOffset.UtcNow.AddMinutes(1);
        return (until - (length ?? TimeSpan.FromHours(2)), until);
    }

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Query(DateTimeOffset since, DateTimeOffset until, int limit, string? filter = null, bool descending = false) =>
        $"{LogsPath}?since={Iso(since)}&until={Iso(until)}&limit={limit}"
        + (filter is null ? string.Empty : "&filter=" + Uri.EscapeDataString(filter))
        + (descending ? "&sortOrder=DESCENDING" : string.Empty);

    private static string? NextLink(ApiResponse response)
    {
        var links = response.Headers.TryGetValues("Link", out var values) ? values : [];
        var next = links.SelectMany(l => l.Split(',')).FirstOrDefault(l => l.Contains("rel=\"next\"", StringComparison.Ordinal));
        return next is null ? null : next[(next.IndexOf('<', StringComparison.Ordinal) + 1)..next.IndexOf('>', StringComparison.Ordinal)];
    }

    private static async Task<List<JsonObject>> ReadAllAsync(
        SandboxClient sandbox, (DateTimeOffset Since, DateTimeOffset Until) window, string? filter = null, bool descending = false, int limit = 1000)
    {
        var records = new List<JsonObject>();
        string? path = Query(window.Since, window.Until, limit, filter, descending);
        while (path is not null)
        {
            var page = await sandbox.SendAsync(HttpMethod.Get, path);
            Assert.True(page.Status == HttpStatusCode.OK, $"GET {path}: {(int)page.Status} {page.Body}");
            records.AddRange(page.Json!.AsArray().Select(r => r!.AsObject()));
            path = NextLink(page);
        }

        return records;
    }

    private static JsonObject Record(string message, DateTimeOffset published, string eventType = "event_hook.created", string outcome = "SUCCESS", string? targetId = null)
    {
        var record = new JsonObject
        {
            ["published"] = Iso(published),
            ["eventType"] = eventType,
            ["displayMessage"] = message,
            ["outcome"] = new JsonObject { ["result"] = outcome, ["reason"] = null },
        };
        if (targetId is not null)
        {
            record["target"] = new JsonArray(new JsonObject { ["id"] = targetId, ["type"] = "EventHook" });
        }

        return record;
    }

    private static async Task PostRecordsAsync(SandboxClient sandbox, params JsonObject[] records)
    {
        var response = await sandbox.AdminSendAsync(HttpMethod.Post, "/sandbox/logs/records", new JsonArray(records).ToJsonString());
        Assert.True(response.Status == HttpStatusCode.Created, $"POST /sandbox/logs/records: {(int)response.Status} {response.Body}");
    }

    private static async Task<JsonObject> AddSyntheticAsync(SandboxClient sandbox, int count, DateTimeOffset since, DateTimeOffset until, string? hookId = null)
    {
        var body = new JsonObject { ["count"] = count, ["since"] = Iso(since), ["until"] = Iso(until), ["hookId"] = hookId };
        if (hookId is null)
        {
            body.Remove("hookId");
        }

        var response = await sandbox.AdminSendAsync(HttpMethod.Post, "/sandbox/logs/synthetic", body.ToJsonString());
        Assert.True(response.Status == HttpStatusCode.Created, $"POST /sandbox/logs/synthetic: {(int)response.Status} {response.Body}");
        return response.Object;
    }

    private static async Task<string> CreateForcedVerifiedHookAsync(SandboxClient sandbox, string behaviour)
    {
        var id = (string)(await sandbox.CreateHookAsync(HookBodies.Valid(sandbox.ReceiverUri(behaviour))))["id"]!;
        var store = (EventHookStore)sandbox.Host.Services.GetService(typeof(EventHookStore))!;
        Assert.Equal(StoreOutcome.Ok, store.MarkVerified(id, store.Find(id)!.Definition.Channel).Outcome);
        return id;
    }
}
