using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Infrastructure;
using Xunit;

namespace OktaEventHooks.Sandbox.Tests;

/// <summary>Authentication, the headers every API response carries, and the rate limit.</summary>
public sealed class PipelineTests
{
    [Fact]
    public void ErrorIdsAreOaeAnd22UrlSafeCharactersDashAndUnderscoreIncludedLikeOktas()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => OktaIds.NewErrorId()).ToList();

        Assert.All(ids, id => Assert.Matches("^oae[A-Za-z0-9_-]{22}$", id));
        Assert.Contains(ids, id => id.Contains('-', StringComparison.Ordinal));
        Assert.Contains(ids, id => id.Contains('_', StringComparison.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("SSWS wrong-token")]
    [InlineData("Bearer {token}")]
    [InlineData("{token}")]
    [InlineData(null)]
    public async Task MissingOrWrongTokenIs401E0000011(string? authorization)
    {
        await using var sandbox = await SandboxClient.StartAsync();

        var response = await sandbox.SendAsync(
            HttpMethod.Get,
            SandboxClient.HooksPath,
            authorization: authorization?.Replace("{token}", sandbox.Host.ApiToken, StringComparison.Ordinal),
            withAuth: authorization is not null);

        var causes = response.AssertOktaError(HttpStatusCode.Unauthorized, "E0000011", "Invalid token provided");
        Assert.Empty(causes);
        Assert.NotEmpty(response.Header("X-Okta-Request-Id"));
        Assert.NotEmpty(response.Header("X-Rate-Limit-Remaining"));
    }

    [Fact]
    public async Task ConfiguredTokenIsTheOneAccepted()
    {
        await using var sandbox = await SandboxClient.StartAsync(new SandboxOptions { ApiToken = "00Tsandbox-token" });
        Assert.Equal("00Tsandbox-token", sandbox.Host.ApiToken);
        Assert.Equal(sandbox.Host.BaseAddress + "/", sandbox.Host.BaseUrl.ToString());
        Assert.Matches(@"^http://127\.0\.0\.1:[0-9]+$", sandbox.Host.BaseAddress);

        var ok = await sandbox.SendAsync(HttpMethod.Get, SandboxClient.HooksPath, authorization: "SSWS 00Tsandbox-token");
        var wrong = await sandbox.SendAsync(HttpMethod.Get, SandboxClient.HooksPath, authorization: "SSWS 00Tsandbox-tokeN");

        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
    }

    [Fact]
    public async Task EveryApiResponseCarriesRequestIdRateLimitAndDateHeaders()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var id = (string)(await sandbox.CreateHookAsync())["id"]!;
        await sandbox.LifecycleAsync(id, "deactivate");
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        ApiResponse[] responses =
        [
            await sandbox.SendAsync(HttpMethod.Get, SandboxClient.HooksPath),                          // 200
            await sandbox.CreateAsync(HookBodies.Minimal()),                                           // 200
            await sandbox.CreateAsync(new JsonObject()),                                               // 400 E0000001
            await sandbox.SendAsync(HttpMethod.Post, SandboxClient.HooksPath, rawBody: "{"),           // 400 E0000003
            await sandbox.GetAsync("whoNOPENOPENOPENOPE1"),                                            // 404
            await sandbox.SendAsync(HttpMethod.Get, SandboxClient.HooksPath, authorization: "SSWS x"), // 401
            await sandbox.SendAsync(HttpMethod.Patch, $"{SandboxClient.HooksPath}/{id}"),               // 405
            await sandbox.SendAsync(HttpMethod.Get, "/api/v1/nothing-here"),                           // 404
            await sandbox.SendAsync(HttpMethod.Delete, $"{SandboxClient.HooksPath}/{id}"),              // 204
        ];

        Assert.Equal(
            [200, 200, 400, 400, 404, 401, 405, 404, 204],
            responses.Select(r => (int)r.Status));
        var remaining = new List<int>();
        foreach (var response in responses)
        {
            Assert.Matches("^[A-Za-z0-9]{20,}$", response.Header("X-Okta-Request-Id"));
            Assert.Equal("600", response.Header("X-Rate-Limit-Limit"));
            remaining.Add(int.Parse(response.Header("X-Rate-Limit-Remaining"), CultureInfo.InvariantCulture));
            var reset = long.Parse(response.Header("X-Rate-Limit-Reset"), CultureInfo.InvariantCulture);
            Assert.InRange(reset, before, before + 62);
            Assert.NotNull(response.Headers.Date);
            if (response.Status != HttpStatusCode.NoContent)
            {
                Assert.Equal("application/json", response.ContentType);
                Assert.NotNull(response.Json);
            }
        }

        Assert.Equal(responses.Length, responses.Select(r => r.Header("X-Okta-Request-Id")).Distinct().Count());
        Assert.Equal(remaining.OrderDescending(), remaining);
        Assert.Equal(remaining.Count, remaining.Distinct().Count());
        responses[6].AssertOktaError(HttpStatusCode.MethodNotAllowed, "E0000022");
        responses[7].AssertOktaError(HttpStatusCode.NotFound, "E0000007");
    }

    [Fact]
    public async Task OverTheLimitIs429E0000047WithRateLimitHeaders()
    {
        await using var sandbox = await SandboxClient.StartAsync(new SandboxOptions { RateLimit = 3 });

        var allowed = new List<ApiResponse>();
        for (var i = 0; i < 3; i++)
        {
            allowed.Add(await sandbox.SendAsync(HttpMethod.Get, SandboxClient.HooksPath));
        }

        var limited = await sandbox.SendAsync(HttpMethod.Get, SandboxClient.HooksPath);

        Assert.All(allowed, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(["2", "1", "0"], allowed.Select(r => r.Header("X-Rate-Limit-Remaining")));
        limited.AssertOktaError((HttpStatusCode)429, "E0000047", "API call exceeded rate limit due to too many requests.");
        Assert.Equal("3", limited.Header("X-Rate-Limit-Limit"));
        Assert.Equal("0", limited.Header("X-Rate-Limit-Remaining"));
        Assert.Equal(allowed[0].Header("X-Rate-Limit-Reset"), limited.Header("X-Rate-Limit-Reset"));
        Assert.NotEmpty(limited.Header("X-Okta-Request-Id"));

        // The test reset endpoint starts a fresh window.
        await sandbox.Http.PostAsync("/sandbox/reset", null);
        Assert.Equal(HttpStatusCode.OK, (await sandbox.SendAsync(HttpMethod.Get, SandboxClient.HooksPath)).Status);
    }
}
