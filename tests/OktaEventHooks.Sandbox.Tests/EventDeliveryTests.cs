using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Hooks;
using OktaEventHooks.Sandbox.Verification;
using Xunit;

namespace OktaEventHooks.Sandbox.Tests;

/// <summary>
/// POST /sandbox/events: a synthetic System Log event delivered like Okta does to ACTIVE + VERIFIED subscribed
/// hooks, asserted from what the sandbox's own receiver was sent.
/// </summary>
public sealed class EventDeliveryTests
{
    private const string EventType = "user.lifecycle.create";
    private const string IsoMilliseconds = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$";

    private static readonly string[] LogEventProperties =
    [
        "uuid", "published", "eventType", "version", "displayMessage", "severity", "legacyEventType", "actor", "client",
        "device", "outcome", "target", "transaction", "debugContext", "authenticationContext", "securityContext", "request",
        "insertionTimestamp",
    ];

    [Fact]
    public async Task DeliveryIsAPostWithOktasEnvelopeTheLogEventAndTheHooksHeaders()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var id = await CreateVerifiedHookAsync(sandbox, "ok/hr-sync?tenant=emea", EventType);
        await sandbox.Http.DeleteAsync("/sandbox/receiver/requests");

        var response = await PostEventAsync(sandbox, """
            {"eventType":"user.lifecycle.create","displayMessage":"Create okta user",
             "target":[{"type":"User","alternateId":"jdoe@example.com","displayName":"John Doe"}]}
            """);

        var delivery = Assert.Single(response["deliveries"]!.AsArray())!;
        Assert.Equal(
            ["hookId", "hookName", "uri", "status", "attempts", "delivered", "skipped", "filter", "error", "envelopeEventId"],
            delivery.AsObject().Select(p => p.Key));
        Assert.Equal(id, (string?)delivery["hookId"]);
        Assert.Equal("HR offboarding sync", (string?)delivery["hookName"]);
        Assert.Equal(sandbox.ReceiverUri("ok/hr-sync?tenant=emea"), (string?)delivery["uri"]);
        Assert.Equal(200, (int)delivery["status"]!);
        Assert.Equal(1, (int)delivery["attempts"]!);
        Assert.True((bool)delivery["delivered"]!);
        Assert.Null(delivery["skipped"]);
        Assert.Null(delivery["filter"]);
        Assert.Null(delivery["error"]);

        var received = Assert.Single(await sandbox.ReceiverRequestsAsync())!;
        Assert.Equal("POST", (string?)received["method"]);
        Assert.Equal("/receiver/ok/hr-sync", (string?)received["path"]);
        Assert.Equal("tenant=emea", (string?)received["query"]);
        var headers = received["headers"]!.AsObject();
        Assert.Equal("application/json", (string?)headers["Accept"]);
        Assert.Equal("application/json", (string?)headers["Content-Type"]);
        Assert.Equal(HookBodies.Secret, (string?)headers["Authorization"]);
        Assert.Equal("emea-01", (string?)headers["X-Contoso-Tenant"]);
        Assert.Null(headers[HookVerifier.ChallengeHeader]);
        Assert.Equal("Okta-Integrations", (string?)headers["User-Agent"]);
        Assert.Matches("^[A-Za-z0-9]{27}$", (string)headers["X-Okta-Request-Id"]!);

        var envelope = JsonNode.Parse((string)received["body"]!)!.AsObject();
        Assert.Equal(
            ["eventType", "eventTypeVersion", "cloudEventsVersion", "source", "eventId", "eventTime", "contentType", "data"],
            envelope.Select(p => p.Key));
        Assert.Equal("com.okta.event_hook", (string?)envelope["eventType"]);
        Assert.Equal("1.0", (string?)envelope["eventTypeVersion"]);
        Assert.Equal("0.1", (string?)envelope["cloudEventsVersion"]);
        Assert.Equal($"{sandbox.Host.BaseAddress}/api/v1/eventHooks/{id}", (string?)envelope["source"]);
        Assert.Equal((string?)delivery["envelopeEventId"], (string?)envelope["eventId"]);
        Assert.True(Guid.TryParse((string?)envelope["eventId"], out _));
        Assert.Matches(IsoMilliseconds, (string)envelope["eventTime"]!);
        Assert.Equal("application/json", (string?)envelope["contentType"]);

        var logEvent = Assert.Single(envelope["data"]!["events"]!.AsArray())!.AsObject();
        Assert.Equal(LogEventProperties, logEvent.Select(p => p.Key));
        Assert.Equal((string?)response["eventId"], (string?)logEvent["uuid"]);
        Assert.NotEqual((string?)envelope["eventId"], (string?)logEvent["uuid"]);
        Assert.Equal(EventType, (string?)logEvent["eventType"]);
        Assert.Matches(IsoMilliseconds, (string)logEvent["published"]!);
        Assert.Equal("0", (string?)logEvent["version"]);
        Assert.Equal("Create okta user", (string?)logEvent["displayMessage"]);
        Assert.Equal("INFO", (string?)logEvent["severity"]);
        Assert.Null(logEvent["legacyEventType"]);
        Assert.Equal("User", (string?)logEvent["actor"]!["type"]);
        Assert.Equal("127.0.0.1", (string?)logEvent["client"]!["ipAddress"]);
        Assert.False(string.IsNullOrEmpty((string?)logEvent["client"]!["userAgent"]!["rawUserAgent"]));
        Assert.Equal("SUCCESS", (string?)logEvent["outcome"]!["result"]);
        var target = Assert.Single(logEvent["target"]!.AsArray())!;
        Assert.Equal("User", (string?)target["type"]);
        Assert.Equal("jdoe@example.com", (string?)target["alternateId"]);
        Assert.Equal("John Doe", (string?)target["displayName"]);
        Assert.StartsWith("00u", (string?)target["id"], StringComparison.Ordinal);
        Assert.Equal("WEB", (string?)logEvent["transaction"]!["type"]);
        Assert.Equal((string?)logEvent["transaction"]!["id"], (string?)logEvent["debugContext"]!["debugData"]!["requestId"]);
        Assert.Empty(logEvent["request"]!["ipChain"]!.AsArray());
        Assert.True(logEvent.ContainsKey("insertionTimestamp"));
        Assert.Null(logEvent["insertionTimestamp"]);

        // The admin call is sandbox plumbing: only the create and verify API calls are in the request log.
        Assert.Equal(2, (await sandbox.RequestLogAsync()).Count);
    }

    [Fact]
    public async Task ActorAndOutcomeCanBeChosen()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        await CreateVerifiedHookAsync(sandbox, "ok/x", EventType);

        var response = await PostEventAsync(sandbox, """
            {"eventType":"user.lifecycle.create","outcome":"FAILURE",
             "actor":{"id":"00uACTOR","alternateId":"ops@example.com","displayName":"Ops Robot"}}
            """);

        var logEvent = response["event"]!;
        Assert.Equal("FAILURE", (string?)logEvent["outcome"]!["result"]);
        Assert.Equal("00uACTOR", (string?)logEvent["actor"]!["id"]);
        Assert.Equal("User", (string?)logEvent["actor"]!["type"]);
        Assert.Equal("Ops Robot", (string?)logEvent["actor"]!["displayName"]);
        Assert.Empty(logEvent["target"]!.AsArray());
    }

    [Fact]
    public async Task OnlyActiveVerifiedSubscribedHooksAreCalledEachWithItsOwnEnvelopeEventId()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var first = await CreateVerifiedHookAsync(sandbox, "ok/first", EventType);
        var second = await CreateVerifiedHookAsync(sandbox, "ok/second", EventType);
        await CreateHookAsync(sandbox, "ok/unverified", EventType);
        var inactive = await CreateVerifiedHookAsync(sandbox, "ok/inactive", EventType);
        await sandbox.LifecycleAsync(inactive, "deactivate");
        await CreateVerifiedHookAsync(sandbox, "ok/other-type", "user.lifecycle.deactivate");
        await sandbox.Http.DeleteAsync("/sandbox/receiver/requests");

        var response = await PostEventAsync(sandbox, """{"eventType":"user.lifecycle.create"}""");

        var deliveries = response["deliveries"]!.AsArray();
        Assert.Equal([first, second], deliveries.Select(d => (string?)d!["hookId"]));
        Assert.All(deliveries, d => Assert.True((bool)d!["delivered"]!));
        var received = await sandbox.ReceiverRequestsAsync();
        Assert.Equal(["/receiver/ok/first", "/receiver/ok/second"], received.Select(r => (string?)r!["path"]).Order(StringComparer.Ordinal));
        Assert.All(received, r => Assert.Equal("POST", (string?)r!["method"]));
        var envelopes = received.Select(r => JsonNode.Parse((string)r!["body"]!)!).ToList();
        Assert.NotEqual((string?)envelopes[0]["eventId"], (string?)envelopes[1]["eventId"]);
        Assert.All(envelopes, e => Assert.Equal((string?)response["eventId"], (string?)e["data"]!["events"]![0]!["uuid"]));
    }

    [Fact]
    public async Task EventsPostedTogetherReachEachHookInOnePostInPostingOrderFilteredPerHook()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var all = await CreateVerifiedHookAsync(sandbox, "ok/all", EventType);
        var finance = await CreateVerifiedHookAsync(sandbox, "ok/finance", "group.user_membership.add",
            "event.target.?[displayName eq 'Finance'].size() > 0");
        await sandbox.Http.DeleteAsync("/sandbox/receiver/requests");

        var response = await sandbox.AdminSendAsync(HttpMethod.Post, "/sandbox/events", """
            {"events":[
              {"eventType":"user.lifecycle.create","displayMessage":"first"},
              {"eventType":"group.user_membership.add","target":[{"type":"UserGroup","displayName":"Marketing"}]},
              {"eventType":"user.lifecycle.create","displayMessage":"third"},
              {"eventType":"group.user_membership.add","target":[{"type":"UserGroup","displayName":"Finance"}]}
            ]}
            """);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var results = response.Object["events"]!.AsArray();
        Assert.Equal(4, results.Count);
        string[] eventIds = [.. results.Select(r => (string)r!["eventId"]!)];
        Assert.Equal(4, eventIds.Distinct().Count());

        var received = (await sandbox.ReceiverRequestsAsync()).ToDictionary(r => (string)r!["path"]!, r => JsonNode.Parse((string)r!["body"]!)!);
        Assert.Equal(["/receiver/ok/all", "/receiver/ok/finance"], received.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            [eventIds[0], eventIds[2]],
            received["/receiver/ok/all"]["data"]!["events"]!.AsArray().Select(e => (string?)e!["uuid"]));
        Assert.Equal(
            [eventIds[3]],
            received["/receiver/ok/finance"]["data"]!["events"]!.AsArray().Select(e => (string?)e!["uuid"]));

        // Per event: which hooks it went to, in one envelope per hook.
        var envelopeAll = (string?)received["/receiver/ok/all"]["eventId"];
        Assert.Equal([all], results[0]!["deliveries"]!.AsArray().Select(d => (string?)d!["hookId"]));
        Assert.Equal(envelopeAll, (string?)results[0]!["deliveries"]![0]!["envelopeEventId"]);
        Assert.Equal(envelopeAll, (string?)results[2]!["deliveries"]![0]!["envelopeEventId"]);
        var filteredOut = Assert.Single(results[1]!["deliveries"]!.AsArray())!;
        Assert.Equal(finance, (string?)filteredOut["hookId"]);
        Assert.Equal("filtered out", (string?)filteredOut["skipped"]);
        Assert.Equal((string?)received["/receiver/ok/finance"]["eventId"], (string?)results[3]!["deliveries"]![0]!["envelopeEventId"]);
        Assert.Equal(4, (await sandbox.AdminGetArrayAsync("/sandbox/deliveries")).Count);
    }

    [Fact]
    public async Task EventsPostedWithinTheWindowShareOnePostAndLaterOnesGetTheirOwn()
    {
        // A long window, so the two concurrent posts below fall into it even on a loaded machine.
        await using var sandbox = await SandboxClient.StartAsync(new SandboxOptions { DeliveryBatchWindowMilliseconds = 1500 });
        await CreateVerifiedHookAsync(sandbox, "ok/x", EventType);
        await sandbox.Http.DeleteAsync("/sandbox/receiver/requests");

        var together = await Task.WhenAll(
            PostEventAsync(sandbox, """{"eventType":"user.lifecycle.create","displayMessage":"a"}"""),
            PostEventAsync(sandbox, """{"eventType":"user.lifecycle.create","displayMessage":"b"}"""));
        var later = await PostEventAsync(sandbox, """{"eventType":"user.lifecycle.create","displayMessage":"c"}""");

        var bodies = (await sandbox.ReceiverRequestsAsync()).Select(r => JsonNode.Parse((string)r!["body"]!)!).ToList();
        Assert.Equal(2, bodies.Count);
        Assert.Equal(
            together.Select(t => (string?)t["eventId"]).Order(StringComparer.Ordinal),
            bodies[0]["data"]!["events"]!.AsArray().Select(e => (string?)e!["uuid"]).Order(StringComparer.Ordinal));
        Assert.Equal([(string?)later["eventId"]], bodies[1]["data"]!["events"]!.AsArray().Select(e => (string?)e!["uuid"]));
        Assert.Equal((string?)together[0]["deliveries"]![0]!["envelopeEventId"], (string?)together[1]["deliveries"]![0]!["envelopeEventId"]);
        Assert.NotEqual((string?)together[0]["deliveries"]![0]!["envelopeEventId"], (string?)later["deliveries"]![0]!["envelopeEventId"]);
    }

    [Theory]
    [InlineData("""{"events":[]}""", "'events' must be a non-empty array of events.")]
    [InlineData("""{"events":[1]}""", "'events' must be a non-empty array of events.")]
    [InlineData("""{"events":[{"eventType":"user.lifecycle.create"}],"eventType":"x"}""", "A body with 'events' must have no other field.")]
    [InlineData("""{"events":[{"eventType":"user.lifecycle.create"},{"outcome":"SUCCESS"}]}""", "events[1]: 'eventType' is required and must be a non-empty string.")]
    public async Task BadBatchBodyIsRefusedWithTheReasonAndDeliversNothing(string body, string error)
    {
        await using var sandbox = await SandboxClient.StartAsync();
        await CreateVerifiedHookAsync(sandbox, "ok/x", EventType);
        await sandbox.Http.DeleteAsync("/sandbox/receiver/requests");

        var response = await sandbox.AdminSendAsync(HttpMethod.Post, "/sandbox/events", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(error, (string?)response.Object["error"]);
        Assert.Empty(await sandbox.AdminGetArrayAsync("/sandbox/deliveries"));
        Assert.Empty(await sandbox.ReceiverRequestsAsync());
    }

    [Fact]
    public async Task NoSubscribedHookMeansNoDeliveries()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        await CreateVerifiedHookAsync(sandbox, "ok/x", "user.lifecycle.deactivate");
        await sandbox.Http.DeleteAsync("/sandbox/receiver/requests");

        var response = await PostEventAsync(sandbox, """{"eventType":"user.lifecycle.create"}""");

        Assert.Empty(response["deliveries"]!.AsArray());
        Assert.Empty(await sandbox.ReceiverRequestsAsync());
    }

    [Fact]
    public async Task FilterOnTargetDisplayNameDeliversOnlyMatchingEvents()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        await CreateVerifiedHookAsync(sandbox, "ok/finance", "group.user_membership.add",
            "event.target.?[displayName eq 'Finance'].size() > 0");
        await sandbox.Http.DeleteAsync("/sandbox/receiver/requests");

        var matching = await PostEventAsync(sandbox, """
            {"eventType":"group.user_membership.add","target":[{"type":"User","displayName":"John Doe"},{"type":"UserGroup","displayName":"Finance"}]}
            """);
        var other = await PostEventAsync(sandbox, """
            {"eventType":"group.user_membership.add","target":[{"type":"User","displayName":"John Doe"},{"type":"UserGroup","displayName":"Marketing"}]}
            """);

        var delivered = Assert.Single(matching["deliveries"]!.AsArray())!;
        Assert.True((bool)delivered["delivered"]!);
        Assert.Equal("matched", (string?)delivered["filter"]);
        var filtered = Assert.Single(other["deliveries"]!.AsArray())!;
        Assert.False((bool)filtered["delivered"]!);
        Assert.Equal("filtered out", (string?)filtered["skipped"]);
        Assert.Equal("not matched", (string?)filtered["filter"]);
        Assert.Equal(0, (int)filtered["attempts"]!);
        Assert.Null(filtered["envelopeEventId"]);

        var received = Assert.Single(await sandbox.ReceiverRequestsAsync())!;
        var logEvent = JsonNode.Parse((string)received["body"]!)!["data"]!["events"]![0]!;
        Assert.Equal((string?)matching["eventId"], (string?)logEvent["uuid"]);
    }

    [Fact]
    public async Task FilterTheSandboxCannotEvaluateStillDeliversAndSaysSo()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        await CreateVerifiedHookAsync(sandbox, "ok/x", EventType, "event.target.?[displayName.startsWith('Fin')].size() > 0");
        await sandbox.Http.DeleteAsync("/sandbox/receiver/requests");

        var response = await PostEventAsync(sandbox, """{"eventType":"user.lifecycle.create"}""");

        var delivery = Assert.Single(response["deliveries"]!.AsArray())!;
        Assert.True((bool)delivery["delivered"]!);
        Assert.Equal("not evaluated", (string?)delivery["filter"]);
        Assert.Single(await sandbox.ReceiverRequestsAsync());
    }

    [Theory]
    [InlineData("status/500", 500, 2)]
    [InlineData("status/503", 503, 2)]
    [InlineData("status/400", 400, 1)]
    [InlineData("status/401", 401, 1)]
    [InlineData("status/204", 204, 1)]
    public async Task FiveHundredsAreRetriedOnceFourHundredsNever(string behaviour, int status, int attempts)
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var id = await CreateHookAsync(sandbox, behaviour + "/x", EventType);
        ForceVerified(sandbox, id);

        var response = await PostEventAsync(sandbox, """{"eventType":"user.lifecycle.create"}""");

        var delivery = Assert.Single(response["deliveries"]!.AsArray())!;
        Assert.Equal(status, (int)delivery["status"]!);
        Assert.Equal(attempts, (int)delivery["attempts"]!);
        var delivered = status < 300;
        Assert.Equal(delivered, (bool)delivery["delivered"]!);
        Assert.Equal(delivered ? null : $"answered HTTP {status}", (string?)delivery["error"]);
        var received = await sandbox.ReceiverRequestsAsync();
        Assert.Equal(attempts, received.Count);
        // A retry is the same delivery: same envelope eventId, so the receiver can de-duplicate.
        Assert.Single(received.Select(r => (string?)JsonNode.Parse((string)r!["body"]!)!["eventId"]).Distinct());
    }

    [Fact]
    public async Task EndpointSlowerThanThreeSecondsIsTriedTwiceThenFails()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var id = await CreateHookAsync(sandbox, "slow/4000", EventType);
        ForceVerified(sandbox, id);

        var clock = Stopwatch.StartNew();
        var response = await PostEventAsync(sandbox, """{"eventType":"user.lifecycle.create"}""");
        clock.Stop();

        var delivery = Assert.Single(response["deliveries"]!.AsArray())!;
        Assert.Equal(0, (int)delivery["status"]!);
        Assert.Equal(2, (int)delivery["attempts"]!);
        Assert.False((bool)delivery["delivered"]!);
        Assert.Equal("no answer within 3 seconds", (string?)delivery["error"]);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(5.8), TimeSpan.FromSeconds(7.9));
        Assert.Equal(2, (await sandbox.ReceiverRequestsAsync()).Count);
    }

    [Fact]
    public async Task ClosedLoopbackPortIsTriedTwiceAndReportedAsAConnectionFailure()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var id = (string)(await sandbox.CreateHookAsync(Subscribed(HookBodies.Minimal($"http://127.0.0.1:{FindClosedPort()}/hook"), EventType)))["id"]!;
        ForceVerified(sandbox, id);

        var response = await PostEventAsync(sandbox, """{"eventType":"user.lifecycle.create"}""");

        var delivery = Assert.Single(response["deliveries"]!.AsArray())!;
        Assert.Equal(0, (int)delivery["status"]!);
        Assert.Equal(2, (int)delivery["attempts"]!);
        Assert.False((bool)delivery["delivered"]!);
        Assert.Equal("could not connect, or the connection broke", (string?)delivery["error"]);
        Assert.Null(delivery["skipped"]);
    }

    [Theory]
    [InlineData("https://hooks.example.com/x")]
    [InlineData("https://10.0.0.1/x")]
    [InlineData("https://[2001:db8::1]/x")]
    public async Task NonLoopbackHookIsNeverContacted(string uri)
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var id = (string)(await sandbox.CreateHookAsync(Subscribed(HookBodies.Minimal(uri), EventType)))["id"]!;
        ForceVerified(sandbox, id);
        Assert.Equal("VERIFIED", (string?)(await sandbox.GetAsync(id)).Object["verificationStatus"]);

        var clock = Stopwatch.StartNew();
        var response = await PostEventAsync(sandbox, """{"eventType":"user.lifecycle.create"}""");
        clock.Stop();

        var delivery = Assert.Single(response["deliveries"]!.AsArray())!;
        Assert.Equal("not loopback", (string?)delivery["skipped"]);
        Assert.Equal(0, (int)delivery["attempts"]!);
        Assert.Equal(0, (int)delivery["status"]!);
        Assert.False((bool)delivery["delivered"]!);
        Assert.Null(delivery["envelopeEventId"]);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"Took {clock.Elapsed}; a connection was probably attempted.");
        Assert.Empty(await sandbox.ReceiverRequestsAsync());
    }

    [Fact]
    public async Task DeliveryLogKeepsEveryRecordWithTimeAndEventIdUntilReset()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var id = await CreateVerifiedHookAsync(sandbox, "ok/x", EventType);

        var first = await PostEventAsync(sandbox, """{"eventType":"user.lifecycle.create"}""");
        var second = await PostEventAsync(sandbox, """{"eventType":"user.lifecycle.create"}""");

        var log = await sandbox.AdminGetArrayAsync("/sandbox/deliveries");
        Assert.Equal(2, log.Count);
        Assert.Equal(
            ["time", "eventId", "eventType", "hookId", "hookName", "uri", "status", "attempts", "delivered", "skipped", "filter", "error", "envelopeEventId"],
            log[0]!.AsObject().Select(p => p.Key));
        Assert.Equal([(string?)first["eventId"], (string?)second["eventId"]], log.Select(e => (string?)e!["eventId"]));
        Assert.All(log, e => Assert.Equal(id, (string?)e!["hookId"]));
        Assert.All(log, e => Assert.Matches(IsoMilliseconds, (string)e!["time"]!));
        Assert.Equal((string?)first["deliveries"]![0]!["envelopeEventId"], (string?)log[0]!["envelopeEventId"]);

        Assert.Equal(HttpStatusCode.NoContent, (await sandbox.AdminSendAsync(HttpMethod.Post, "/sandbox/reset")).Status);
        Assert.Empty(await sandbox.AdminGetArrayAsync("/sandbox/deliveries"));
    }

    [Theory]
    [InlineData("{}", "'eventType' is required and must be a non-empty string.")]
    [InlineData("""{"eventType":"  "}""", "'eventType' is required and must be a non-empty string.")]
    [InlineData("""{"eventType":"user.lifecycle.create","targets":[]}""", "Unknown field 'targets'.")]
    [InlineData("""{"eventType":"user.lifecycle.create","target":{"type":"User"}}""", "'target' must be an array of objects.")]
    [InlineData("""{"eventType":"user.lifecycle.create","actor":"me"}""", "'actor' must be an object.")]
    [InlineData("""{"eventType":"user.lifecycle.create","outcome":"success"}""", "'outcome' must be one of SUCCESS, FAILURE, SKIPPED, ALLOW, DENY, CHALLENGE, UNKNOWN.")]
    [InlineData("[]", "The body must be a JSON object.")]
    public async Task BadEventBodyIsRefusedWithTheReason(string body, string error)
    {
        await using var sandbox = await SandboxClient.StartAsync();

        var response = await sandbox.AdminSendAsync(HttpMethod.Post, "/sandbox/events", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(error, (string?)response.Object["error"]);
        Assert.Empty(await sandbox.AdminGetArrayAsync("/sandbox/deliveries"));
    }

    private static int FindClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    internal static async Task<JsonObject> PostEventAsync(SandboxClient sandbox, string body)
    {
        var response = await sandbox.AdminSendAsync(HttpMethod.Post, "/sandbox/events", body);
        Assert.True(response.Status == HttpStatusCode.OK, $"POST /sandbox/events failed: {(int)response.Status} {response.Body}");
        return response.Object;
    }

    private static JsonObject Subscribed(JsonObject body, string eventType, string? filter = null)
    {
        body["events"]!["items"] = new JsonArray(eventType);
        if (filter is not null)
        {
            body["events"]!["filter"] = new JsonObject
            {
                ["type"] = "EXPRESSION_LANGUAGE",
                ["eventFilterMap"] = new JsonArray(new JsonObject
                {
                    ["event"] = eventType,
                    ["condition"] = new JsonObject { ["expression"] = filter },
                }),
            };
        }

        return body;
    }

    /// <summary>A hook like <see cref="HookBodies.Valid"/> (custom header + authScheme) on the sandbox's receiver.</summary>
    private static async Task<string> CreateHookAsync(SandboxClient sandbox, string behaviour, string eventType, string? filter = null) =>
        (string)(await sandbox.CreateHookAsync(Subscribed(HookBodies.Valid(sandbox.ReceiverUri(behaviour)), eventType, filter)))["id"]!;

    internal static async Task<string> CreateVerifiedHookAsync(SandboxClient sandbox, string behaviour, string eventType, string? filter = null)
    {
        var id = await CreateHookAsync(sandbox, behaviour, eventType, filter);
        var verify = await sandbox.LifecycleAsync(id, "verify");
        Assert.True(verify.Status == HttpStatusCode.OK, $"Verify failed: {(int)verify.Status} {verify.Body}");
        return id;
    }

    /// <summary>
    /// VERIFIED without the verification call: the API cannot verify an endpoint that fails on purpose or is not
    /// loopback, and those are exactly the deliveries these tests are about.
    /// </summary>
    private static void ForceVerified(SandboxClient sandbox, string id)
    {
        var store = (EventHookStore)sandbox.Host.Services.GetService(typeof(EventHookStore))!;
        var hook = store.Find(id)!;
        Assert.Equal(StoreOutcome.Ok, store.MarkVerified(id, hook.Definition.Channel).Outcome);
    }
}
