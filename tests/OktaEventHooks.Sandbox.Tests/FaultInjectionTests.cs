using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace OktaEventHooks.Sandbox.Tests;

/// <summary>Injected faults: each mode, before/after timing, count and share selection, filters and scope.</summary>
public sealed class FaultInjectionTests
{
    [Fact]
    public async Task Status503AnswersWithAnEmptyBodyAndDoesNothing()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        await sandbox.AddFaultAsync(new JsonObject { ["mode"] = "status", ["status"] = 503 });

        var faulted = await sandbox.CreateAsync(HookBodies.Valid());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.Status);
        Assert.Equal(string.Empty, faulted.Body);
        Assert.NotEmpty(faulted.Header("X-Okta-Request-Id"));
        Assert.Equal("599", faulted.Header("X-Rate-Limit-Remaining")); // faulted requests still count
        Assert.Equal("[]", (await sandbox.ListAsync()).Body);             // "before": no side effect
        var entry = (await sandbox.RequestLogAsync())[0]!;
        Assert.Equal(503, (int)entry["status"]!);
        Assert.Equal("status", (string?)entry["fault"]);
    }

    [Fact]
    public async Task StatusWithOktaBodyAnswersE0000009()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        await sandbox.AddFaultAsync(new JsonObject { ["mode"] = "status", ["status"] = 500, ["oktaBody"] = true });

        var faulted = await sandbox.ListAsync();

        faulted.AssertOktaError(HttpStatusCode.InternalServerError, "E0000009", "Internal Server Error");
    }

    [Fact]
    public async Task HangLongerThanTheClientTimeoutIsATimeoutAndIsLogged()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        await sandbox.AddFaultAsync(new JsonObject { ["mode"] = "hang", ["seconds"] = 2 });
        using var impatient = new HttpClient { BaseAddress = sandbox.Host.BaseUrl, Timeout = TimeSpan.FromMilliseconds(500) };
        var clock = Stopwatch.StartNew();

        var timeout = await Assert.ThrowsAsync<TaskCanceledException>(() => sandbox.CreateAsync(HookBodies.Valid(), impatient));

        Assert.IsType<TimeoutException>(timeout.InnerException);
        var entry = Assert.Single(await sandbox.RequestLogAsync(1))!;
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5), "The hang did not stop when the client went away.");
        Assert.Equal(0, (int)entry["status"]!);
        Assert.Equal("hang", (string?)entry["fault"]);
        Assert.Equal("[]", (await sandbox.ListAsync()).Body); // held before processing, abandoned: nothing created
    }

    [Fact]
    public async Task RedirectAnswers307WithTheLocationAndDoesNothing()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        await sandbox.AddFaultAsync(new JsonObject { ["mode"] = "redirect", ["location"] = "http://127.0.0.1:9/elsewhere", ["method"] = "POST" });
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var noRedirects = new HttpClient(handler) { BaseAddress = sandbox.Http.BaseAddress };

        var redirected = await sandbox.CreateAsync(HookBodies.Minimal(), via: noRedirects);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.Status);
        Assert.Equal("http://127.0.0.1:9/elsewhere", redirected.Header("Location"));
        Assert.Equal("[]", (await sandbox.ListAsync()).Body);
        Assert.Equal("redirect", (string?)(await sandbox.RequestLogAsync())[0]!["fault"]);
    }

    [Fact]
    public async Task ShortHangAnswersNormallyButLate()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        await sandbox.AddFaultAsync(new JsonObject { ["mode"] = "hang", ["seconds"] = 0.3 });
        var clock = Stopwatch.StartNew();

        var late = await sandbox.ListAsync();

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.3));
        Assert.Equal(HttpStatusCode.OK, late.Status);
        Assert.Equal("[]", late.Body);
        var entry = (await sandbox.RequestLogAsync())[0]!;
        Assert.Equal(200, (int)entry["status"]!);
        Assert.Equal("hang", (string?)entry["fault"]);
    }

    [Fact]
    public async Task ResetDropsTheConnectionWithoutAnAnswer()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        await sandbox.ListAsync(); // the faulted request below reuses this kept-alive connection
        await sandbox.AddFaultAsync(new JsonObject { ["mode"] = "reset" });

        await Assert.ThrowsAsync<HttpRequestException>(() => sandbox.ListAsync());

        // Exactly one attempt reached the org: the client did not silently resend on a fresh connection.
        var log = await sandbox.RequestLogAsync(2);
        Assert.Equal(2, log.Count);
        var entry = log[1]!;
        Assert.Equal(0, (int)entry["status"]!);
        Assert.Equal("reset", (string?)entry["fault"]);
        Assert.Equal(HttpStatusCode.OK, (await sandbox.ListAsync()).Status);
    }

    [Fact]
    public async Task HtmlIsA502BadGatewayPage()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        await sandbox.AddFaultAsync(new JsonObject { ["mode"] = "html" });

        var page = await sandbox.ListAsync();

        Assert.Equal(HttpStatusCode.BadGateway, page.Status);
        Assert.Equal("text/html", page.ContentType);
        Assert.Equal("<html><body>Bad gateway</body></html>", page.Body);
    }

    [Fact]
    public async Task TruncatedIsA200WithHalfTheRealBodyAndTheWorkIsDone()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        await sandbox.AddFaultAsync(new JsonObject { ["mode"] = "truncated", ["method"] = "POST" });

        var truncated = await sandbox.CreateAsync(HookBodies.Valid());

        Assert.Equal(HttpStatusCode.OK, truncated.Status);
        Assert.Equal("application/json", truncated.ContentType);
        Assert.ThrowsAny<JsonException>(() => JsonNode.Parse(truncated.Body));
        var hook = Assert.Single((await sandbox.ListAsync()).Json!.AsArray())!;
        var full = JsonSerializer.Serialize(hook["id"]);
        Assert.StartsWith("{\"id\":" + full, truncated.Body, StringComparison.Ordinal);
        Assert.Equal(truncated.Body, (await sandbox.GetAsync((string)hook["id"]!)).Body[..truncated.Body.Length]);
        Assert.Equal("truncated", (string?)(await sandbox.RequestLogAsync())[0]!["fault"]);
    }

    [Fact]
    public async Task AfterFaultOnCreateLosesTheAnswerButTheHookExists()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        await sandbox.AddFaultAsync(new JsonObject { ["mode"] = "status", ["status"] = 503, ["when"] = "after", ["method"] = "POST" });

        var lost = await sandbox.CreateAsync(HookBodies.Valid());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, lost.Status);
        Assert.Equal(string.Empty, lost.Body);
        Assert.Null(lost.ContentType);
        var hooks = (await sandbox.ListAsync()).Json!.AsArray();
        Assert.Equal("HR offboarding sync", (string?)Assert.Single(hooks)!["name"]);
        var entry = (await sandbox.RequestLogAsync())[0]!;
        Assert.Equal(503, (int)entry["status"]!);
        Assert.Equal("status", (string?)entry["fault"]);
    }

    [Fact]
    public async Task AfterResetOnCreateDropsTheConnectionButTheHookExists()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        await sandbox.AddFaultAsync(new JsonObject { ["mode"] = "reset", ["when"] = "after" });

        await Assert.ThrowsAsync<HttpRequestException>(() => sandbox.CreateAsync(HookBodies.Valid()));

        Assert.Single((await sandbox.ListAsync()).Json!.AsArray());
    }

    [Fact]
    public async Task CountFaultsTheNextNMatchingRequestsThenTheRuleIsGone()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var added = await sandbox.AddFaultAsync(new JsonObject { ["mode"] = "status", ["status"] = 502, ["count"] = 2 });
        Assert.Equal(2, (int)added["remaining"]!);

        var first = await sandbox.ListAsync();
        var listed = Assert.Single(await sandbox.FaultsAsync())!;
        var second = await sandbox.ListAsync();
        var third = await sandbox.ListAsync();

        Assert.Equal([502, 502, 200], new[] { first, second, third }.Select(r => (int)r.Status));
        Assert.Equal(1, (int)listed["remaining"]!);
        Assert.Equal(1, (long)listed["applied"]!);
        Assert.Empty(await sandbox.FaultsAsync());
        Assert.Equal(["status", "status", null], (await sandbox.RequestLogAsync()).Select(e => (string?)e!["fault"]));
    }

    [Fact]
    public async Task ShareWithASeedGivesTheSamePatternEveryTime()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var rule = new JsonObject { ["mode"] = "status", ["status"] = 500, ["share"] = 0.5, ["seed"] = 42 };

        var firstRun = await PatternAsync(sandbox, rule);
        var rules = await sandbox.FaultsAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await sandbox.Http.DeleteAsync("/sandbox/faults")).StatusCode);
        Assert.Empty(await sandbox.FaultsAsync());
        var secondRun = await PatternAsync(sandbox, rule);

        Assert.Equal(firstRun, secondRun);
        Assert.Contains(500, firstRun);
        Assert.Contains(200, firstRun);
        var listed = Assert.Single(rules)!;
        Assert.Null(listed["remaining"]); // a share rule stays until cleared
        Assert.Equal(42, (int)listed["seed"]!);
        Assert.Equal(firstRun.Count(s => s == 500), (long)listed["applied"]!);

        static async Task<List<int>> PatternAsync(SandboxClient sandbox, JsonObject rule)
        {
            await sandbox.AddFaultAsync(rule.DeepClone().AsObject());
            var statuses = new List<int>();
            for (var i = 0; i < 12; i++)
            {
                statuses.Add((int)(await sandbox.ListAsync()).Status);
            }

            return statuses;
        }
    }

    [Fact]
    public async Task ShareWithoutASeedReportsTheSeedItDrew()
    {
        await using var sandbox = await SandboxClient.StartAsync();

        var rule = await sandbox.AddFaultAsync(new JsonObject { ["mode"] = "html", ["share"] = 0.25 });

        Assert.Equal(JsonValueKind.Number, rule["seed"]!.GetValueKind());
    }

    [Fact]
    public async Task MethodAndPathFiltersChooseWhichRequestsAreFaulted()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var id = (string)(await sandbox.CreateHookAsync())["id"]!;
        await sandbox.AddFaultAsync(new JsonObject { ["mode"] = "status", ["status"] = 504, ["method"] = "post", ["pathExact"] = "/api/v1/eventHooks", ["count"] = 5 });
        await sandbox.AddFaultAsync(new JsonObject { ["mode"] = "status", ["status"] = 502, ["pathPrefix"] = $"/api/v1/eventHooks/{id}/lifecycle", ["count"] = 5 });

        var list = await sandbox.ListAsync();
        var get = await sandbox.GetAsync(id);
        var create = await sandbox.CreateAsync(HookBodies.Minimal());
        var deactivate = await sandbox.LifecycleAsync(id, "deactivate");

        Assert.Equal([200, 200, 504, 502], new[] { list, get, create, deactivate }.Select(r => (int)r.Status));
        Assert.Equal([4, 4], (await sandbox.FaultsAsync()).Select(r => (int)r!["remaining"]!)); // non-matching requests cost nothing
    }

    [Fact]
    public async Task PathPrefixOfTheCollectionCoversEveryHookPath()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var id = (string)(await sandbox.CreateHookAsync())["id"]!;
        await sandbox.AddFaultAsync(new JsonObject { ["mode"] = "status", ["pathPrefix"] = "/api/v1/eventHooks", ["share"] = 1 });

        var responses = new[] { await sandbox.ListAsync(), await sandbox.GetAsync(id), await sandbox.LifecycleAsync(id, "deactivate") };
        var elsewhere = await sandbox.SendAsync(HttpMethod.Get, "/api/v1/users");

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.ServiceUnavailable, r.Status)); // status defaults to 503
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.Status);
    }

    [Fact]
    public async Task FaultsNeverTouchSandboxOrReceiverPaths()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        await sandbox.AddFaultAsync(new JsonObject { ["mode"] = "reset", ["count"] = 3 });

        Assert.Equal(HttpStatusCode.OK, (await sandbox.Http.GetAsync("/sandbox/requests")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sandbox.Http.GetAsync("/sandbox/rate-limit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sandbox.Http.GetAsync("/receiver/ok/x")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sandbox.Http.PostAsync("/receiver/ok/events", new StringContent("{}"))).StatusCode);

        Assert.Equal(3, (int)Assert.Single(await sandbox.FaultsAsync())!["remaining"]!);
    }

    [Fact]
    public async Task RejectedByTheRateLimitNeitherTriggersNorConsumesAFault()
    {
        await using var sandbox = await SandboxClient.StartAsync(new SandboxOptions { RateLimit = 1 });
        await sandbox.ListAsync();
        await sandbox.AddFaultAsync(new JsonObject { ["mode"] = "html" });

        var limited = await sandbox.ListAsync();

        limited.AssertOktaError((HttpStatusCode)429, "E0000047");
        Assert.Single(await sandbox.FaultsAsync());
    }

    [Fact]
    public async Task ResetEndpointClearsFaults()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        await sandbox.AddFaultAsync(new JsonObject { ["mode"] = "html", ["share"] = 1 });

        await sandbox.Http.PostAsync("/sandbox/reset", null);

        Assert.Empty(await sandbox.FaultsAsync());
        Assert.Equal(HttpStatusCode.OK, (await sandbox.ListAsync()).Status);
    }

    [Theory]
    [InlineData("""{"mode":"teapot"}""")]
    [InlineData("""{"mode":"1"}""")]
    [InlineData("""{"status":503}""")]
    [InlineData("""{"mode":"status","status":200}""")]
    [InlineData("""{"mode":"status","oktaBody":"yes"}""")]
    [InlineData("""{"mode":"hang"}""")]
    [InlineData("""{"mode":"hang","seconds":0}""")]
    [InlineData("""{"mode":"html","seconds":1}""")]
    [InlineData("""{"mode":"truncated","when":"before"}""")]
    [InlineData("""{"mode":"reset","when":"later"}""")]
    [InlineData("""{"mode":"reset","count":0}""")]
    [InlineData("""{"mode":"reset","count":1,"share":0.5}""")]
    [InlineData("""{"mode":"reset","share":1.5}""")]
    [InlineData("""{"mode":"reset","seed":3}""")]
    [InlineData("""{"mode":"reset","pathPrefix":"api/v1"}""")]
    [InlineData("""{"mode":"reset","path":"/api/v1"}""")]
    [InlineData("""not json""")]
    public async Task InvalidRuleIs400AndNothingIsAdded(string body)
    {
        await using var sandbox = await SandboxClient.StartAsync();

        var response = await sandbox.AdminSendAsync(HttpMethod.Post, "/sandbox/faults", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.NotEmpty((string)response.Object["error"]!);
        Assert.Empty(await sandbox.FaultsAsync());
    }

    [Fact]
    public async Task ListedRuleShowsEveryFieldWithDefaults()
    {
        await using var sandbox = await SandboxClient.StartAsync();

        var rule = await sandbox.AddFaultAsync(new JsonObject { ["mode"] = "status" });

        Assert.Equal(
            """{"id":1,"mode":"status","when":"before","status":503,"oktaBody":false,"seconds":null,"location":null,"method":null,"pathPrefix":null,"pathExact":null,"count":1,"remaining":1,"share":null,"seed":null,"applied":0}""",
            rule.ToJsonString());
        Assert.Equal(rule.ToJsonString(), Assert.Single(await sandbox.FaultsAsync())!.ToJsonString());
    }
}
