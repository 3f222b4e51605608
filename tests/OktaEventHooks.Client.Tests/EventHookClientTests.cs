using OktaEventHooks.Client.Http;
using System.Net.Sockets;
using System.Net;
using System.Text.Json.Nodes;
using OktaEventHooks.Client.Errors;
using OktaEventHooks.Client.EventHooks;

namespace OktaEventHooks.Client.Tests;

public sealed class EventHookClientTests : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly SandboxFixture _fixture;
    private readonly HttpClient _admin = new();

    public EventHookClientTests(SandboxFixture fixture) => _fixture = fixture;

    public void Dispose() => _admin.Dispose();

    private string Receiver(string behaviour = "ok") => $"{_fixture.Sandbox.BaseAddress}/receiver/{behaviour}/client-tests";

    private async Task<JsonArray> RequestLogAsync() =>
        JsonNode.Parse(await _admin.GetStringAsync($"{_fixture.Sandbox.BaseAddress}/sandbox/requests"))!.AsArray();

    [Fact]
    public async Task Runs_the_whole_lifecycle_of_a_hook()
    {
        using var client = _fixture.CreateClient();
        var created = await client.CreateAsync(SandboxFixture.Definition("lifecycle", Receiver()), CancellationToken.None);
        Assert.Matches("^who[A-Za-z0-9]{17}$", created.Id);
        Assert.Equal("ACTIVE", created.Status);
        Assert.Equal("UNVERIFIED", created.VerificationStatus);

        var verified = await client.VerifyAsync(created.Id, CancellationToken.None);
        Assert.Equal("VERIFIED", verified.VerificationStatus);

        var definition = EventHookDefinition.From(verified);
        definition.Name = "lifecycle renamed";
        var replaced = await client.ReplaceAsync(created.Id, definition, CancellationToken.None);
        Assert.Equal("lifecycle renamed", replaced.Name);

        Assert.Equal("INACTIVE", (await client.DeactivateAsync(created.Id, CancellationToken.None)).Status);
        Assert.Equal("ACTIVE", (await client.ActivateAsync(created.Id, CancellationToken.None)).Status);
        await client.DeactivateAsync(created.Id, CancellationToken.None);
        await client.DeleteAsync(created.Id, CancellationToken.None);

        Assert.DoesNotContain(await client.ListAsync(CancellationToken.None), h => h.Id == created.Id);
    }

    [Fact]
    public async Task Sends_the_token_as_SSWS_and_a_user_agent()
    {
        using var client = _fixture.CreateClient();
        await client.ListAsync(CancellationToken.None);
        var last = (await RequestLogAsync()).Last()!;
        Assert.Equal("SSWS", (string?)last["authorizationScheme"]);
        Assert.Equal("OktaEventHooks/9.9.9 (tests)", (string?)last["userAgent"]);
    }

    [Fact]
    public async Task Parses_Okta_errors_into_a_typed_error()
    {
        using var client = _fixture.CreateClient();
        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.GetAsync("whoZZZZZZZZZZZZZZZZZ", CancellationToken.None));
        Assert.Equal(OktaFailureKind.OktaError, ex.Error.Kind);
        Assert.Equal(HttpStatusCode.NotFound, ex.Error.StatusCode);
        Assert.Equal("E0000007", ex.Error.ErrorCode);
        Assert.StartsWith("oae", ex.Error.ErrorId);
        Assert.False(string.IsNullOrEmpty(ex.Error.RequestId));
        Assert.Contains(ex.Error.RequestId!, ex.Message);
        Assert.Contains("Not found", ex.Message);
    }

    [Fact]
    public async Task Carries_Okta_error_causes_and_never_the_secret_in_the_message()
    {
        using var client = _fixture.CreateClient();
        var definition = SandboxFixture.Definition("bad", Receiver(), secret: "Bearer CANARY-client-secret");
        definition.EventTypes = ["not.an.event.type"];
        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.CreateAsync(definition, CancellationToken.None));
        Assert.Equal("E0000001", ex.Error.ErrorCode);
        Assert.Contains(ex.Error.ErrorCauses, c => c.Contains("not.an.event.type", StringComparison.Ordinal));
        Assert.DoesNotContain("CANARY", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_token_is_a_401_E0000011()
    {
        using var client = _fixture.CreateClient(token: "wrong-token");
        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.ListAsync(CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, ex.Error.StatusCode);
        Assert.Equal("E0000011", ex.Error.ErrorCode);
        Assert.DoesNotContain("wrong-token", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_error_body_is_a_clear_unexpected_response()
    {
        using var client = _fixture.CreateClient(orgUrl: new Uri($"{_fixture.Sandbox.BaseAddress}/receiver/status/502/"));
        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.ListAsync(CancellationToken.None));
        Assert.Equal(OktaFailureKind.UnexpectedResponse, ex.Error.Kind);
        Assert.Equal(HttpStatusCode.BadGateway, ex.Error.StatusCode);
        Assert.Contains("HTTP 502", ex.Message);
        Assert.Contains("empty body", ex.Message);
    }

    [Fact]
    public async Task An_html_page_instead_of_json_is_a_clear_unexpected_response()
    {
        using var client = _fixture.CreateClient(orgUrl: new Uri($"{_fixture.Sandbox.BaseAddress}/receiver/html/"));
        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.ListAsync(CancellationToken.None));
        Assert.Equal(OktaFailureKind.UnexpectedResponse, ex.Error.Kind);
        Assert.Contains("not the JSON Okta sends", ex.Message);
    }

    [Fact]
    public async Task A_silent_server_is_a_timeout()
    {
        using var client = _fixture.CreateClient(orgUrl: new Uri($"{_fixture.Sandbox.BaseAddress}/receiver/slow/10000/"), timeout: TimeSpan.FromSeconds(1));
        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.ListAsync(CancellationToken.None));
        Assert.Equal(OktaFailureKind.Timeout, ex.Error.Kind);
        Assert.Contains("1 seconds", ex.Message);
    }

    [Fact]
    public async Task Cancellation_stops_the_call_in_flight()
    {
        using var client = _fixture.CreateClient(orgUrl: new Uri($"{_fixture.Sandbox.BaseAddress}/receiver/slow/10000/"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ListAsync(cancel.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_refused_connection_is_a_network_error()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = _fixture.CreateClient(orgUrl: new Uri($"http://127.0.0.1:{port}"));
        var ex = await Assert.ThrowsAsync<OktaApiException>(() => client.ListAsync(CancellationToken.None));
        Assert.Equal(OktaFailureKind.Network, ex.Error.Kind);
    }

    [Fact]
    public async Task Traces_requests_without_headers_or_bodies()
    {
        var lines = new List<string>();
        using var client = _fixture.CreateClient();
        using var trace = RequestTrace.To(lines.Add);
        await client.CreateAsync(SandboxFixture.Definition("traced", Receiver(), secret: "Bearer CANARY-trace"), CancellationToken.None);
        var line = Assert.Single(lines);
        Assert.Matches(@"^POST api/v1/eventHooks -> 200 OK in \d+ ms \(X-Okta-Request-Id \S+\)$", line);
        Assert.DoesNotContain("CANARY", line, StringComparison.Ordinal);
        Assert.DoesNotContain(_fixture.Sandbox.ApiToken, line, StringComparison.Ordinal);
    }
}
