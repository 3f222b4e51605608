using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Xunit;

namespace OktaEventHooks.Sandbox.Tests;

/// <summary>
/// POST …/lifecycle/verify: a real GET to the hook URI with a challenge, 3-s timeout, one retry,
/// and never a connection to anything but loopback.
/// </summary>
public sealed class VerificationTests
{
    private const string ValidationSummary = "Api validation failed: eventHook";

    /// <summary>A real org's one cause for any failed verification: the hook's name and no reason.</summary>
    private static string ExecutionFailed(string hookName) => $"Unable to verify event hook. Hook {hookName} execution failed";

    /// <summary>Asserts the failed verification a real org answers, and returns the sandbox's own record of why.</summary>
    private static async Task<JsonNode> AssertVerificationFailedAsync(SandboxClient sandbox, ApiResponse response, string hookName)
    {
        var causes = response.AssertOktaError(HttpStatusCode.BadRequest, "E0000001", ValidationSummary);
        Assert.Equal([ExecutionFailed(hookName)], causes);
        var record = Assert.Single(await sandbox.AdminGetArrayAsync("/sandbox/verifications"))!;
        Assert.False((bool)record["verified"]!);
        return record;
    }

    [Fact]
    public async Task VerifyAgainstOkReceiverMarksVerifiedAndSendsChallengeCustomHeadersAndSecret()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var id = (string)(await sandbox.CreateHookAsync(HookBodies.Valid(sandbox.ReceiverUri("ok/hr-sync?tenant=emea"))))["id"]!;

        var response = await sandbox.LifecycleAsync(id, "verify");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("VERIFIED", (string?)response.Object["verificationStatus"]);
        Assert.Equal("ACTIVE", (string?)response.Object["status"]);
        Assert.DoesNotContain(HookBodies.Secret, response.Body, StringComparison.Ordinal);
        Assert.Equal("VERIFIED", (string?)(await sandbox.GetAsync(id)).Object["verificationStatus"]);

        var received = Assert.Single(await sandbox.ReceiverRequestsAsync())!;
        Assert.Equal("GET", (string?)received["method"]);
        Assert.Equal("/receiver/ok/hr-sync", (string?)received["path"]);
        Assert.Equal("tenant=emea", (string?)received["query"]);
        var headers = received["headers"]!.AsObject();
        var challenge = (string?)headers["X-Okta-Verification-Challenge"];
        Assert.False(string.IsNullOrWhiteSpace(challenge));
        Assert.Equal(HookBodies.Secret, (string?)headers["Authorization"]);
        Assert.Equal("emea-01", (string?)headers["X-Contoso-Tenant"]);
        // What Okta's verification GET carries besides the challenge and the hook's own headers.
        Assert.Equal("Okta-Integrations", (string?)headers["User-Agent"]);
        Assert.Equal("application/json", (string?)headers["Accept"]);
        Assert.Matches("^[A-Za-z0-9]{27}$", (string)headers["X-Okta-Request-Id"]!);

        var record = Assert.Single(await sandbox.AdminGetArrayAsync("/sandbox/verifications"))!;
        Assert.Equal(
            ["time", "hookId", "hookName", "uri", "verified", "attempts", "reason"],
            record.AsObject().Select(p => p.Key));
        Assert.Equal(id, (string?)record["hookId"]);
        Assert.True((bool)record["verified"]!);
        Assert.Equal(1, (int)record["attempts"]!);
        Assert.Null(record["reason"]);
    }

    [Fact]
    public async Task EachAttemptCarriesItsOwnRequestId()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var id = (string)(await sandbox.CreateHookAsync(HookBodies.Minimal(sandbox.ReceiverUri("status/500/x"))))["id"]!;

        await sandbox.LifecycleAsync(id, "verify");

        var ids = (await sandbox.ReceiverRequestsAsync()).Select(r => (string?)r!["headers"]!["X-Okta-Request-Id"]).ToList();
        Assert.Equal(2, ids.Count);
        Assert.NotEqual(ids[0], ids[1]);
    }

    [Fact]
    public async Task EachVerificationUsesAFreshChallenge()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var id = (string)(await sandbox.CreateHookAsync(HookBodies.Minimal(sandbox.ReceiverUri("ok/x"))))["id"]!;

        await sandbox.LifecycleAsync(id, "verify");
        await sandbox.LifecycleAsync(id, "verify");

        var challenges = (await sandbox.ReceiverRequestsAsync()).Select(r => (string?)r!["headers"]!["X-Okta-Verification-Challenge"]).ToList();
        Assert.Equal(2, challenges.Count);
        Assert.NotEqual(challenges[0], challenges[1]);
    }

    [Fact]
    public async Task SlowButInTimeEndpointIsVerified()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var id = (string)(await sandbox.CreateHookAsync(HookBodies.Minimal(sandbox.ReceiverUri("slow/500"))))["id"]!;

        var response = await sandbox.LifecycleAsync(id, "verify");

        Assert.Equal("VERIFIED", (string?)response.Object["verificationStatus"]);
        Assert.Single(await sandbox.ReceiverRequestsAsync());
    }

    [Theory]
    [InlineData("wrong", "Verification failed: the response body did not contain the verification value.", 1)]
    [InlineData("nofield", "Verification failed: the response body did not contain the verification value.", 1)]
    [InlineData("html", "Verification failed: the response body did not contain the verification value.", 1)]
    [InlineData("status/500", "Verification failed: the endpoint answered HTTP 500.", 2)]
    [InlineData("status/401", "Verification failed: the endpoint answered HTTP 401.", 2)]
    [InlineData("status/204", "Verification failed: the endpoint answered HTTP 204.", 2)]
    public async Task FailedVerificationIsOktasGeneric400WithTheReasonKeptInTheSandboxAndRetriesOnlyNon200Answers(string behaviour, string expectedReason, int expectedGets)
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var id = (string)(await sandbox.CreateHookAsync(HookBodies.Minimal(sandbox.ReceiverUri(behaviour + "/x"))))["id"]!;

        var response = await sandbox.LifecycleAsync(id, "verify");

        var record = await AssertVerificationFailedAsync(sandbox, response, "Minimal hook");
        Assert.Equal(expectedReason, (string?)record["reason"]);
        Assert.Equal(expectedGets, (int)record["attempts"]!);
        Assert.Equal(id, (string?)record["hookId"]);
        Assert.Equal(sandbox.ReceiverUri(behaviour + "/x"), (string?)record["uri"]);
        Assert.DoesNotContain(expectedReason, response.Body, StringComparison.Ordinal);
        var received = await sandbox.ReceiverRequestsAsync();
        Assert.Equal(expectedGets, received.Count);
        Assert.All(received, r => Assert.Equal("GET", (string?)r!["method"]));
        Assert.Equal("UNVERIFIED", (string?)(await sandbox.GetAsync(id)).Object["verificationStatus"]);
    }

    [Fact]
    public async Task EndpointSlowerThanThreeSecondsTimesOutTwice()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var id = (string)(await sandbox.CreateHookAsync(HookBodies.Minimal(sandbox.ReceiverUri("slow/4000"))))["id"]!;

        var clock = Stopwatch.StartNew();
        var response = await sandbox.LifecycleAsync(id, "verify");
        clock.Stop();

        var record = await AssertVerificationFailedAsync(sandbox, response, "Minimal hook");
        Assert.Equal("Verification failed: the endpoint did not answer within 3 seconds.", (string?)record["reason"]);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(5.8), TimeSpan.FromSeconds(7.9));
        Assert.Equal(2, (await sandbox.ReceiverRequestsAsync()).Count);
    }

    [Theory]
    [InlineData("https://hooks.example.com/x")]
    [InlineData("https://10.0.0.1/x")]
    [InlineData("https://[2001:db8::1]/x")]
    public async Task NonLoopbackEndpointFailsAtOnceWithoutAnyConnection(string uri)
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var id = (string)(await sandbox.CreateHookAsync(HookBodies.Minimal(uri)))["id"]!;
        await sandbox.Http.DeleteAsync("/sandbox/requests");

        var clock = Stopwatch.StartNew();
        var response = await sandbox.LifecycleAsync(id, "verify");
        clock.Stop();

        var record = await AssertVerificationFailedAsync(sandbox, response, "Minimal hook");
        Assert.Equal("Verification failed: could not connect to the endpoint.", (string?)record["reason"]);
        Assert.Equal(0, (int)record["attempts"]!);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"Took {clock.Elapsed}; a connection was probably attempted.");
        Assert.Empty(await sandbox.ReceiverRequestsAsync());
        // Nothing but the verify call itself reached the sandbox either.
        Assert.Single(await sandbox.RequestLogAsync());
    }

    [Fact]
    public async Task ClosedLoopbackPortIsCouldNotConnect()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var id = (string)(await sandbox.CreateHookAsync(HookBodies.Minimal($"http://127.0.0.1:{FindClosedPort()}/hook")))["id"]!;

        var response = await sandbox.LifecycleAsync(id, "verify");

        var record = await AssertVerificationFailedAsync(sandbox, response, "Minimal hook");
        Assert.Equal("Verification failed: could not connect to the endpoint.", (string?)record["reason"]);
        Assert.Equal(2, (int)record["attempts"]!);
    }

    [Fact]
    public async Task TheFailureNamesTheHookItWasAbout()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var body = HookBodies.Minimal(sandbox.ReceiverUri("wrong/x"));
        body["name"] = "Payroll feed";
        var id = (string)(await sandbox.CreateHookAsync(body))["id"]!;

        var response = await sandbox.LifecycleAsync(id, "verify");

        await AssertVerificationFailedAsync(sandbox, response, "Payroll feed");
    }

    [Fact]
    public async Task VerificationLogIsClearedByResetAndByItsDeleteEndpoint()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var id = (string)(await sandbox.CreateHookAsync(HookBodies.Minimal(sandbox.ReceiverUri("ok/x"))))["id"]!;
        await sandbox.LifecycleAsync(id, "verify");
        Assert.Single(await sandbox.AdminGetArrayAsync("/sandbox/verifications"));

        Assert.Equal(HttpStatusCode.NoContent, (await sandbox.AdminSendAsync(HttpMethod.Delete, "/sandbox/verifications")).Status);
        Assert.Empty(await sandbox.AdminGetArrayAsync("/sandbox/verifications"));

        await sandbox.LifecycleAsync(id, "verify");
        Assert.Equal(HttpStatusCode.NoContent, (await sandbox.AdminSendAsync(HttpMethod.Post, "/sandbox/reset")).Status);
        Assert.Empty(await sandbox.AdminGetArrayAsync("/sandbox/verifications"));
    }

    [Fact]
    public async Task InactiveHookCannotBeVerified()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var id = (string)(await sandbox.CreateHookAsync(HookBodies.Minimal(sandbox.ReceiverUri("ok/x"))))["id"]!;
        await sandbox.LifecycleAsync(id, "deactivate");

        var response = await sandbox.LifecycleAsync(id, "verify");

        var causes = response.AssertOktaError(HttpStatusCode.BadRequest, "E0000001", "Api validation failed: eventHook");
        Assert.Equal(["The event hook must be ACTIVE to be verified."], causes);
        Assert.Empty(await sandbox.ReceiverRequestsAsync());
        Assert.Empty(await sandbox.AdminGetArrayAsync("/sandbox/verifications"));
    }

    private static int FindClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
