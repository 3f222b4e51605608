using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace OktaEventHooks.Sandbox.Tests;

/// <summary>The configurable /api/v1 bucket: fixed window, headers, concurrent limit and the admin endpoint.</summary>
public sealed class RateLimitTests
{
    private const string RateLimitSummary = "API call exceeded rate limit due to too many requests.";

    [Fact]
    public async Task FiveRequestsPerTwoSecondsThenA429UntilTheWindowResets()
    {
        await using var sandbox = await SandboxClient.StartAsync(new SandboxOptions { RateLimit = 5, RateLimitWindowSeconds = 2 });

        var allowed = new List<ApiResponse>();
        for (var i = 0; i < 5; i++)
        {
            allowed.Add(await sandbox.ListAsync());
        }

        var limited = await sandbox.ListAsync();
        var limitedAt = DateTimeOffset.UtcNow;

        Assert.All(allowed, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(["4", "3", "2", "1", "0"], allowed.Select(r => r.Header("X-Rate-Limit-Remaining")));
        Assert.All(allowed, r => Assert.Equal("5", r.Header("X-Rate-Limit-Limit")));
        Assert.Single(allowed.Append(limited).Select(r => r.Header("X-Rate-Limit-Reset")).Distinct());

        limited.AssertOktaError((HttpStatusCode)429, "E0000047", RateLimitSummary);
        Assert.Equal("5", limited.Header("X-Rate-Limit-Limit"));
        Assert.Equal("0", limited.Header("X-Rate-Limit-Remaining"));
        var reset = ResetOf(limited);
        var date = limited.Headers.Date!.Value;
        Assert.True(reset > limitedAt.ToUnixTimeMilliseconds() / 1000.0, $"Reset {reset} is not in the future.");
        Assert.True(reset >= date.ToUnixTimeSeconds(), $"Reset {reset} is before Date {date:r}.");
        Assert.InRange((limitedAt - date).TotalSeconds, -0.1, 1.1); // a real clock reading, whole seconds
        Assert.InRange(reset - date.ToUnixTimeSeconds(), 1, 3);

        var status = await sandbox.RateLimitAsync();
        Assert.Equal(["limit", "windowSeconds", "concurrentLimit", "used", "remaining", "resetEpochSeconds", "rejected", "inFlight"], status.Select(p => p.Key));
        Assert.Equal(5, (int)status["used"]!);
        Assert.Equal(0, (int)status["remaining"]!);
        Assert.Equal(1, (long)status["rejected"]!);
        Assert.Equal(reset, (long)status["resetEpochSeconds"]!);

        // A client that sleeps until Reset (the SDK recipe) is never early.
        await WaitUntilEpochSecondAsync(reset);
        var afterReset = await sandbox.ListAsync();

        Assert.Equal(HttpStatusCode.OK, afterReset.Status);
        Assert.Equal("4", afterReset.Header("X-Rate-Limit-Remaining"));
        Assert.True(ResetOf(afterReset) > reset);
    }

    [Fact]
    public async Task RejectedRequestsDoNotEatIntoTheNextWindow()
    {
        await using var sandbox = await SandboxClient.StartAsync(new SandboxOptions { RateLimit = 2, RateLimitWindowSeconds = 1 });

        // Windows start on whole seconds: begin right after one, so all seven requests share a window.
        await WaitUntilEpochSecondAsync(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        await sandbox.ListAsync();
        await sandbox.ListAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal((HttpStatusCode)429, (await sandbox.ListAsync()).Status);
        }

        var stillLimited = await sandbox.ListAsync();
        await WaitUntilEpochSecondAsync(ResetOf(stillLimited));

        var fresh = await sandbox.ListAsync();
        Assert.Equal(HttpStatusCode.OK, fresh.Status);
        Assert.Equal("1", fresh.Header("X-Rate-Limit-Remaining"));
        Assert.Equal(6, (long)(await sandbox.RateLimitAsync())["rejected"]!);
    }

    [Fact]
    public async Task UnauthorizedAndNotFoundAnswersCountAndCarryTheHeaders()
    {
        await using var sandbox = await SandboxClient.StartAsync(new SandboxOptions { RateLimit = 10 });

        var unauthorized = await sandbox.SendAsync(HttpMethod.Get, SandboxClient.HooksPath, withAuth: false);
        var notFound = await sandbox.GetAsync("whoMISSINGMISSING123");

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.Status);
        Assert.Equal("9", unauthorized.Header("X-Rate-Limit-Remaining"));
        Assert.Equal(HttpStatusCode.NotFound, notFound.Status);
        Assert.Equal("8", notFound.Header("X-Rate-Limit-Remaining"));
        Assert.NotNull(notFound.Headers.Date);
    }

    [Fact]
    public async Task PutChangesTheBucketKeepsUnnamedFieldsAndStartsAFreshWindow()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        await sandbox.ListAsync();

        var changed = await sandbox.PutRateLimitAsync(new JsonObject { ["limit"] = 2 });

        Assert.Equal(2, (int)changed["limit"]!);
        Assert.Equal(60, (int)changed["windowSeconds"]!);
        Assert.Equal(0, (int)changed["concurrentLimit"]!);
        Assert.Equal(0, (int)changed["used"]!);
        Assert.Null(changed["resetEpochSeconds"]);
        var responses = new[] { await sandbox.ListAsync(), await sandbox.ListAsync(), await sandbox.ListAsync() };
        Assert.Equal([200, 200, 429], responses.Select(r => (int)r.Status));
        Assert.All(responses, r => Assert.Equal("2", r.Header("X-Rate-Limit-Limit")));

        var shorter = await sandbox.PutRateLimitAsync(new JsonObject { ["windowSeconds"] = 1 });
        Assert.Equal(2, (int)shorter["limit"]!);
        Assert.Equal(1, (int)shorter["windowSeconds"]!);
        Assert.Equal(1, (long)shorter["rejected"]!);
        var fresh = await sandbox.ListAsync();
        Assert.Equal(HttpStatusCode.OK, fresh.Status);
        Assert.InRange(ResetOf(fresh) - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 0, 2);
    }

    [Theory]
    [InlineData("""{"limit":0}""")]
    [InlineData("""{"limit":"3"}""")]
    [InlineData("""{"limit":2.5}""")]
    [InlineData("""{"windowSeconds":0}""")]
    [InlineData("""{"concurrentLimit":-1}""")]
    [InlineData("""{"window":5}""")]
    [InlineData("""[1]""")]
    [InlineData("""{"limit":""")]
    public async Task InvalidPutIs400AndChangesNothing(string body)
    {
        await using var sandbox = await SandboxClient.StartAsync(new SandboxOptions { RateLimit = 7 });

        var response = await sandbox.AdminSendAsync(HttpMethod.Put, "/sandbox/rate-limit", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.NotEmpty((string)response.Object["error"]!);
        Assert.Equal(7, (int)(await sandbox.RateLimitAsync())["limit"]!);
    }

    [Fact]
    public async Task ResetRestoresStartupSettingsAndZeroesCounters()
    {
        await using var sandbox = await SandboxClient.StartAsync(new SandboxOptions { RateLimit = 3, RateLimitWindowSeconds = 30 });
        await sandbox.PutRateLimitAsync(new JsonObject { ["limit"] = 1, ["windowSeconds"] = 5, ["concurrentLimit"] = 2 });
        await sandbox.ListAsync();
        Assert.Equal((HttpStatusCode)429, (await sandbox.ListAsync()).Status);

        await sandbox.Http.PostAsync("/sandbox/reset", null);

        var status = await sandbox.RateLimitAsync();
        Assert.Equal(
            """{"limit":3,"windowSeconds":30,"concurrentLimit":0,"used":0,"remaining":3,"resetEpochSeconds":null,"rejected":0,"inFlight":0}""",
            status.ToJsonString());
    }

    [Fact]
    public async Task ConcurrentLimitRejectsTheSecondInFlightRequestWithLimitAndRemainingZero()
    {
        await using var sandbox = await SandboxClient.StartAsync(new SandboxOptions { ConcurrentLimit = 1 });
        // Every request is held 1 s after it was processed, so the two below overlap.
        await sandbox.AddFaultAsync(new JsonObject { ["mode"] = "hang", ["seconds"] = 1, ["when"] = "after", ["share"] = 1 });

        var responses = await Task.WhenAll(sandbox.ListAsync(), sandbox.ListAsync());

        var ok = Assert.Single(responses, r => r.Status == HttpStatusCode.OK);
        var limited = Assert.Single(responses, r => r.Status == (HttpStatusCode)429);
        limited.AssertOktaError((HttpStatusCode)429, "E0000047", RateLimitSummary);
        Assert.Equal("0", limited.Header("X-Rate-Limit-Limit"));
        Assert.Equal("0", limited.Header("X-Rate-Limit-Remaining"));
        Assert.True(ResetOf(limited) >= limited.Headers.Date!.Value.ToUnixTimeSeconds());
        Assert.Equal("600", ok.Header("X-Rate-Limit-Limit"));
        Assert.Equal("599", ok.Header("X-Rate-Limit-Remaining"));

        // The concurrent refusal did not cost a request of the window.
        var status = await sandbox.RateLimitAsync();
        Assert.Equal(1, (int)status["used"]!);
        Assert.Equal(1, (long)status["rejected"]!);
        Assert.Equal(0, (int)status["inFlight"]!);
    }

    [Fact]
    public async Task ParallelClientsGetExactlyTheLimit()
    {
        await using var sandbox = await SandboxClient.StartAsync(new SandboxOptions { RateLimit = 20 });

        // 8 clients × 6 requests at once against a bucket of 20.
        var clients = Enumerable.Range(0, 8).Select(async _ =>
        {
            var statuses = new List<ApiResponse>();
            for (var i = 0; i < 6; i++)
            {
                statuses.Add(await sandbox.ListAsync());
            }

            return statuses;
        });
        var responses = (await Task.WhenAll(clients)).SelectMany(r => r).ToList();

        var ok = responses.Where(r => r.Status == HttpStatusCode.OK).ToList();
        Assert.Equal(20, ok.Count);
        Assert.Equal(28, responses.Count(r => r.Status == (HttpStatusCode)429));
        Assert.Equal(Enumerable.Range(0, 20), ok.Select(r => int.Parse(r.Header("X-Rate-Limit-Remaining"), CultureInfo.InvariantCulture)).Order());
        var status = await sandbox.RateLimitAsync();
        Assert.Equal(20, (int)status["used"]!);
        Assert.Equal(28, (long)status["rejected"]!);
        Assert.Equal(0, (int)status["inFlight"]!);
    }

    [Fact]
    public async Task AdminAndReceiverRequestsAreNeverRateLimited()
    {
        await using var sandbox = await SandboxClient.StartAsync(new SandboxOptions { RateLimit = 1 });
        await sandbox.ListAsync();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await sandbox.Http.GetAsync("/sandbox/requests")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await sandbox.Http.GetAsync("/receiver/ok/x")).StatusCode);
        }

        Assert.Equal(0, (long)(await sandbox.RateLimitAsync())["rejected"]!);
    }

    private static long ResetOf(ApiResponse response) =>
        long.Parse(response.Header("X-Rate-Limit-Reset"), CultureInfo.InvariantCulture);

    private static async Task WaitUntilEpochSecondAsync(long epochSeconds)
    {
        var wait = DateTimeOffset.FromUnixTimeSeconds(epochSeconds) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        // Task.Delay may wake a hair early on a coarse timer; the contract is about the clock, so wait for it.
        while (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() < epochSeconds * 1000)
        {
            await Task.Delay(5);
        }
    }
}
