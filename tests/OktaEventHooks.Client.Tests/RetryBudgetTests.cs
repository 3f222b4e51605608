using System.Diagnostics;
using System.Text;
using OktaEventHooks.Client.Auth;
using OktaEventHooks.Client.Errors;
using OktaEventHooks.Client.EventHooks;
using OktaEventHooks.Client.Http;

namespace OktaEventHooks.Client.Tests;

/// <summary>
/// One budget per call: every attempt, every back-off and the client's own second tries end within the retry deadline,
/// against a sandbox that keeps failing.
/// </summary>
public sealed class RetryBudgetTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Room for the last answer to travel and the error to be built on a busy machine; far below what a fresh
    /// allowance per layer would add (each of these faults would otherwise keep a call busy for 20 s or more).
    /// </summary>
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(1500);

    private readonly SandboxFixture _fixture = new();
    private readonly HttpClient _admin = new();

    // A sandbox of its own per test: held requests of one test never slow another.
    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    public void Dispose() => _admin.Dispose();

    private async Task AddFaultAsync(string json)
    {
        using var body = new StringContent(json, Encoding.UTF8, "application/json");
        (await _admin.PostAsync($"{_fixture.Sandbox.BaseAddress}/sandbox/faults", body)).EnsureSuccessStatusCode();
    }

    private EventHookClient Client(TimeSpan timeout) =>
        new(new OktaClientOptions(_fixture.Sandbox.BaseUrl, new ApiTokenAuthorizer(_fixture.Sandbox.ApiToken))
        {
            Timeout = timeout,
            MaxRetries = 50,
            RetryDeadline = Deadline,
            TransientBackoff = TimeSpan.FromMilliseconds(300),
        });

    [Fact]
    public async Task A_read_under_repeated_503s_ends_within_the_deadline_with_many_retries_allowed()
    {
        await AddFaultAsync("""{ "mode": "status", "status": 503, "count": 1000, "method": "GET" }""");
        using var client = Client(TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.ListAsync(CancellationToken.None));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, Deadline + Slack);
        Assert.True(ex.Error.Attempts > 1, "the budget allowed retries before the deadline");
        Assert.Equal(503, (int?)ex.Error.StatusCode);
    }

    [Fact]
    public async Task A_read_whose_answers_are_unreadable_asks_again_only_within_the_same_deadline()
    {
        // Every answer is cut short: the transport takes it (200), the client cannot read it and asks again.
        await AddFaultAsync("""{ "mode": "truncated", "count": 1000, "method": "GET" }""");
        using var client = Client(TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.ListAsync(CancellationToken.None));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, Deadline + Slack);
        Assert.Contains(ex.Error.Kind, new[] { OktaFailureKind.UnexpectedResponse, OktaFailureKind.Timeout });
    }

    [Fact]
    public async Task An_attempt_that_hangs_is_cut_at_the_deadline_not_at_the_longer_timeout()
    {
        await AddFaultAsync("""{ "mode": "hang", "seconds": 30, "count": 1000, "method": "GET" }""");
        using var client = Client(TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.ListAsync(CancellationToken.None));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, Deadline + Slack);
        Assert.Equal(OktaFailureKind.Timeout, ex.Error.Kind);
    }

    [Fact]
    public async Task A_create_in_doubt_and_its_checks_share_one_deadline()
    {
        // The create's answer is lost (503 after processing) and every check of the org fails: the call still ends in time.
        await AddFaultAsync("""{ "mode": "status", "status": 503, "count": 1000, "method": "POST", "when": "after" }""");
        await AddFaultAsync("""{ "mode": "status", "status": 500, "count": 1000, "method": "GET" }""");
        using var client = Client(TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<OktaApiException>(() =>
            client.CreateAsync(SandboxFixture.Definition("in doubt", $"{_fixture.Sandbox.BaseAddress}/receiver/ok/doubt"), CancellationToken.None));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, Deadline + Slack);
        Assert.Equal(OktaFailureKind.OutcomeUnknown, ex.Error.Kind);
        Assert.Contains("may or may not have reached Okta", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_create_that_keeps_failing_before_Okta_and_its_slow_checks_end_within_one_deadline_together()
    {
        // Each create is refused before processing (so nothing is created) and each check of the org takes 0.4 s: with
        // 50 retries allowed, only the shared deadline can end the call in time (a fresh allowance per layer would not).
        await AddFaultAsync("""{ "mode": "status", "status": 503, "count": 1000, "method": "POST" }""");
        await AddFaultAsync("""{ "mode": "hang", "seconds": 0.4, "count": 1000, "method": "GET" }""");
        using var client = Client(TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<OktaApiException>(() =>
            client.CreateAsync(SandboxFixture.Definition("refused", $"{_fixture.Sandbox.BaseAddress}/receiver/ok/refused"), CancellationToken.None));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, Deadline + Slack);
        Assert.True(ex.Error.Attempts > 2, "the create was tried again while the deadline allowed");
    }
}
