using OktaEventHooks.Client.Errors;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text;
using Newtonsoft.Json.Linq;
using OktaEventHooks.Client.Http;
using OktaEventHooks.Client.SystemLog;

namespace OktaEventHooks.Client.Tests;

/// <summary>Link headers, loose reading of LogEvents, the System Log query, and the page reader against the sandbox.</summary>
public sealed class SystemLogTests : IClassFixture<SandboxFixture>, IDisposable
{
    private static readonly Uri Org = new("https://contoso.okta.com/api/v1/logs?since=x");

    private readonly SandboxFixture _fixture;
    private readonly HttpClient _admin = new();

    public SystemLogTests(SandboxFixture fixture) => _fixture = fixture;

    public void Dispose() => _admin.Dispose();

    // --- Link headers ---

    [Theory]
    [InlineData("<https://contoso.okta.com/api/v1/logs?after=1>; rel=\"self\"|<https://contoso.okta.com/api/v1/logs?after=2>; rel=\"next\"", "https://contoso.okta.com/api/v1/logs?after=2")]
    [InlineData("<https://contoso.okta.com/a?x=1,2>; rel=\"self\", <https://contoso.okta.com/b?after=3>; rel=next", "https://contoso.okta.com/b?after=3")]
    [InlineData("</api/v1/logs?after=4>; rel=\"next\"", "https://contoso.okta.com/api/v1/logs?after=4")]
    [InlineData("<https://contoso.okta.com/c>; title=\"a, b\"; rel=\"last next\"", "https://contoso.okta.com/c")]
    [InlineData("<https://contoso.okta.com/d>; REL=\"Next\"", "https://contoso.okta.com/d")]
    public void TheNextLinkIsFoundInSeparateOrJoinedHeaders(string headers, string expected)
    {
        Assert.Equal(new Uri(expected), LinkHeader.Find(headers.Split('|'), "next", Org));
    }

    [Theory]
    [InlineData("<https://contoso.okta.com/api/v1/logs>; rel=\"self\"")]
    [InlineData("")]
    [InlineData("not a link header")]
    public void NoNextRelationMeansTheLastPage(string header)
    {
        Assert.Null(LinkHeader.Find([header], "next", Org));
    }

    // --- LogEvents read loosely ---

    [Fact]
    public void AnEmptyRecordIsReadWithoutError()
    {
        var (record, published) = SystemLogJson.Read(new JObject());

        Assert.Null(published);
        Assert.Null(record.Published);
        Assert.Equal(string.Empty, record.EventType);
        Assert.Null(record.HookId);
        Assert.Empty(record.HookIds);
        Assert.Null(record.Actor);
        Assert.Empty(record.Raw);
        Assert.Equal("{}", record.RawJson);
    }

    [Fact]
    public void FieldsOfTheWrongTypeOrUnknownAreKeptNotFailedOn()
    {
        var (record, _) = SystemLogJson.Read(JObject.Parse("""
            {"published":"not a time","eventType":17,"actor":"someone","outcome":["x"],"target":{"id":"whoAAAAAAAAAAAAAAAAA"},
             "transaction":null,"debugContext":{"debugData":"text"},"severity":true,
             "futureField":{"list":[1,2.5,"three",null,{"deep":false}]}}
            """));

        Assert.Null(record.Published);
        Assert.Equal("17", record.EventType);
        Assert.Null(record.Actor);
        Assert.Null(record.Outcome);
        Assert.Null(record.HookId);
        Assert.Equal("True", record.Severity);
        var list = Assert.IsType<object?[]>(((IDictionary<string, object?>)record.Raw["FUTUREFIELD"]!)["list"]);
        Assert.Equal([1L, 2.5, "three", null], list.Take(4));
        Assert.Equal(false, ((IDictionary<string, object?>)list[4]!)["deep"]);
    }

    [Fact]
    public void TheHookIsFoundInTargetByTypeOrIdShape()
    {
        var (record, published) = SystemLogJson.Read(JObject.Parse("""
            {"published":"2026-03-01T10:00:00.123Z","eventType":"event_hook.updated",
             "target":[{"id":"00uUser","type":"User","displayName":"Jo"},
                       {"id":"custom-id","type":"EventHook","displayName":"HR sync"},
                       {"id":"whoBBBBBBBBBBBBBBBBB","type":"ResourceDetails","alternateId":"Audit"}],
             "actor":{"id":"00uAdmin","type":"User","alternateId":"admin@contoso.com","displayName":"Ada Admin"},
             "outcome":{"result":"SUCCESS","reason":null},"transaction":{"id":"tx1"},"debugContext":{"debugData":{"requestId":"rq1"}}}
            """));

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 0, 0, 123, TimeSpan.Zero), published);
        Assert.Equal(published!.Value.LocalDateTime, record.Published);
        Assert.Equal(["custom-id", "whoBBBBBBBBBBBBBBBBB"], record.HookIds);
        Assert.Equal("custom-id", record.HookId);
        Assert.Equal("HR sync", record.HookName);
        Assert.Equal("Ada Admin (admin@contoso.com)", record.Actor!.ToString());
        Assert.Equal("tx1", record.TransactionId);
        Assert.Equal("rq1", record.RequestId);
    }

    [Fact]
    public void TheHookIsFoundInDebugDataAsJsonTextOrPlainText()
    {
        var (fromList, _) = SystemLogJson.Read(JObject.Parse("""
            {"eventType":"event_hook.delivery","target":[],
             "debugContext":{"debugData":{"webhooks":"[{\"id\":\"whoCCCCCCCCCCCCCCCCC\",\"name\":\"Badge sync\"}]"}}}
            """));
        var (fromText, _) = SystemLogJson.Read(JObject.Parse("""
            {"eventType":"event_hook.delivery",
             "debugContext":{"debugData":{"eventHookIds":"whoDDDDDDDDDDDDDDDDD,whoEEEEEEEEEEEEEEEEE","notAnId":"xwhoFFFFFFFFFFFFFFFFF"}}}
            """));
        var (byKey, _) = SystemLogJson.Read(JObject.Parse("""
            {"debugContext":{"debugData":{"eventHookId":"whoGGGGGGGGGGGGGGGGG","eventHookName":"Mail routing"}}}
            """));

        Assert.Equal("whoCCCCCCCCCCCCCCCCC", fromList.HookId);
        Assert.Equal("Badge sync", fromList.HookName);
        Assert.Equal(["whoDDDDDDDDDDDDDDDDD", "whoEEEEEEEEEEEEEEEEE"], fromText.HookIds);
        Assert.Null(fromText.HookName);
        Assert.Equal("Mail routing", byKey.HookName);
    }

    [Fact]
    public void APageThatIsNotAnArrayIsRefusedAndElementsThatAreNotObjectsSkipped()
    {
        Assert.Throws<Newtonsoft.Json.JsonSerializationException>(() => SystemLogJson.ReadPage("""{"errorCode":"E0000001"}"""));
        Assert.Single(SystemLogJson.ReadPage("""[1, "two", {"eventType":"event_hook.created"}, null]"""));
    }

    [Fact]
    public void APageIsCutIntoRecordsWhateverTheirStringsHoldAndEachKeepsItsOwnText()
    {
        const string First = """{"eventType":"event_hook.delivery","displayMessage":"a \"quoted\" ], {comma}, [bracket]","outcome":{"reason":"x\\"}}""";
        const string Second = """
            {
              "eventType": "event_hook.verified",
              "target": [ { "id": "whoKKKKKKKKKKKKKKKKK", "type": "ResourceDetails" } ]
            }
            """;
        var page = "\n[ " + First + " ,\n  " + Second + "\n]\n";

        var records = SystemLogJson.ReadPage(page);

        Assert.Equal(2, records.Count);
        Assert.Equal(First, records[0].Record.RawJson);
        Assert.Equal("a \"quoted\" ], {comma}, [bracket]", records[0].Record.DisplayMessage);
        Assert.Equal("x\\", records[0].Record.Reason);
        Assert.Equal(Second, records[1].Record.RawJson);
        Assert.Equal("whoKKKKKKKKKKKKKKKKK", records[1].Record.HookId);
        Assert.Empty(SystemLogJson.ReadPage(" [ ] "));
    }

    [Theory]
    [InlineData("[{\"eventType\":\"a\"}")]
    [InlineData("[{\"eventType\":\"a\"},")]
    [InlineData("")]
    [InlineData("<html>gateway</html>")]
    public void AnIncompleteOrForeignPageIsRefused(string page)
    {
        Assert.ThrowsAny<Newtonsoft.Json.JsonException>(() => SystemLogJson.ReadPage(page));
    }

    // --- The query ---

    [Fact]
    public void TheFilterNamesEventTypesAndOutcomeButNeverHooks()
    {
        var now = DateTimeOffset.UtcNow;
        var all = new SystemLogQuery(now.AddDays(-1), now);
        var chosen = new SystemLogQuery(now.AddDays(-1), now) { FailureOnly = true };
        chosen.HookIds.Add("whoHHHHHHHHHHHHHHHHH");
        var typed = new SystemLogQuery(now.AddDays(-1), now);
        typed.EventTypes.Add("event_hook.verified");
        typed.EventTypes.Add("event_hook.*");

        Assert.Equal("(eventType sw \"event_hook.\" or eventType eq \"system.operation.rate_limit.warning\" or eventType eq \"system.operation.rate_limit.violation\")", all.Filter());
        Assert.Equal("eventType sw \"event_hook.\" and outcome.result eq \"FAILURE\"", chosen.Filter());
        Assert.Equal("(eventType eq \"event_hook.verified\" or eventType sw \"event_hook.\")", typed.Filter());
    }

    [Fact]
    public void TheFirstPageAsksForTheWholeWindowInMillisecondsWithTheUntilRoundedUp()
    {
        var since = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1234);
        var until = new DateTimeOffset(2026, 3, 2, 10, 0, 0, 500, TimeSpan.Zero).AddTicks(1);
        var query = new SystemLogQuery(since, until) { Newest = true, First = 10 };
        query.EventTypes.Add("event_hook.delivery");

        Assert.Equal(
            "api/v1/logs?since=2026-03-01T10:00:00.000Z&until=2026-03-02T10:00:00.501Z&limit=10&sortOrder=DESCENDING&filter=eventType%20eq%20%22event_hook.delivery%22",
            query.FirstPagePath());
    }

    [Theory]
    [InlineData(-91, 0, null, "Since")]
    [InlineData(-1, -2, null, "Until")]
    [InlineData(-1, 0, "event_hook.delivery\" or \"", "EventType")]
    [InlineData(-1, 0, "*", "EventType")]
    [InlineData(-89, 0, "event_hook.*", null)]
    public void AQueryOktaWouldRefuseOrThatIsNotAnEventTypeIsRefusedFirst(int sinceDays, int untilDays, string? eventType, string? parameter)
    {
        var now = DateTimeOffset.UtcNow;
        var query = new SystemLogQuery(now.AddDays(sinceDays), now.AddDays(untilDays));
        if (eventType != null)
        {
            query.EventTypes.Add(eventType);
        }

        Assert.Equal(parameter, query.Problem(now)?.Parameter);
    }

    [Fact]
    public void RecordsAreKeptByWindowQuotaTypeOutcomeAndHook()
    {
        var since = DateTimeOffset.UtcNow.AddHours(-1);
        var until = since.AddMinutes(30);
        var query = new SystemLogQuery(since, until) { FailureOnly = true };
        query.HookIds.Add("whoIIIIIIIIIIIIIIIII");
        query.HookNameMatches = name => name.StartsWith("HR", StringComparison.Ordinal);
        var named = Record("""{"eventType":"event_hook.delivery","outcome":{"result":"FAILURE"},"target":[{"id":"x","type":"EventHook","displayName":"HR old"}]}""");
        var byId = Record("""{"eventType":"event_hook.delivery","outcome":{"result":"FAILURE"},"debugContext":{"debugData":{"w":"whoIIIIIIIIIIIIIIIII"}}}""");
        var other = Record("""{"eventType":"event_hook.delivery","outcome":{"result":"FAILURE"},"debugContext":{"debugData":{"w":"whoJJJJJJJJJJJJJJJJJ"}}}""");
        var success = Record("""{"eventType":"event_hook.verified","outcome":{"result":"SUCCESS"},"debugContext":{"debugData":{"w":"whoIIIIIIIIIIIIIIIII"}}}""");

        Assert.True(query.Matches(named, since));
        Assert.True(query.Matches(byId, until.AddTicks(-1)));
        Assert.False(query.Matches(byId, until));
        Assert.False(query.Matches(byId, since.AddTicks(-1)));
        Assert.False(query.Matches(other, since));
        Assert.False(query.Matches(success, since));

        var org = new SystemLogQuery(since, until);
        Assert.True(org.Matches(Record("""{"eventType":"system.operation.rate_limit.warning","debugContext":{"debugData":{"operationRateLimitType":"event_hook_delivery"}}}"""), since));
        Assert.False(org.Matches(Record("""{"eventType":"system.operation.rate_limit.warning","debugContext":{"debugData":{"operationRateLimitType":"api"}}}"""), since));
    }

    // --- Reading pages from the sandbox ---

    [Fact]
    public async Task AllPagesOfTheWindowAreReadThenNoMore()
    {
        await ResetAsync();
        var (since, until) = Window();
        await AddSyntheticAsync(2500, since.AddMinutes(1), until.AddMinutes(-1));
        using var client = _fixture.CreateClient();
        var reader = client.ReadSystemLog(new SystemLogQuery(since, until));

        var sizes = new List<int>();
        var covered = new List<double>();
        while (await reader.ReadPageAsync(CancellationToken.None) is { } page)
        {
            sizes.Add(page.Count);
            covered.Add(reader.Covered);
        }

        Assert.Equal([1000, 1000, 500], sizes);
        Assert.True(covered[0] > 0.3 && covered[0] < covered[1] && covered[1] < 1, string.Join(", ", covered));
        Assert.Equal(1, covered[2]);
        Assert.True(reader.Done);
        Assert.Equal("the last page of the window was read", reader.EndReason);
        Assert.Equal(3, (await LogRequestsAsync()).Count);
    }

    [Fact]
    public async Task FirstStopsReadingOnceItHasEnough()
    {
        await ResetAsync();
        var (since, until) = Window();
        await AddSyntheticAsync(2500, since.AddMinutes(1), until.AddMinutes(-1));
        using var client = _fixture.CreateClient();
        var reader = client.ReadSystemLog(new SystemLogQuery(since, until) { First = 1001 });

        var total = 0;
        while (await reader.ReadPageAsync(CancellationToken.None) is { } page)
        {
            total += page.Count;
        }

        Assert.Equal(1001, total);
        Assert.Equal(2, (await LogRequestsAsync()).Count);
    }

    [Fact]
    public async Task AnEmptyPageEndsTheReadEvenWhenItLinksOn()
    {
        await ResetAsync();
        await PutAsync("/sandbox/logs/behaviour", """{"alwaysNextLink":true}""");
        var (since, until) = Window();
        await AddSyntheticAsync(3, since.AddMinutes(1), until.AddMinutes(-1));
        using var client = _fixture.CreateClient();
        var reader = client.ReadSystemLog(new SystemLogQuery(since, until));

        var pages = 0;
        while (await reader.ReadPageAsync(CancellationToken.None) is not null)
        {
            pages++;
        }

        Assert.Equal(2, pages);
        Assert.Equal("an empty page ends the window, though it linked to another", reader.EndReason);
    }

    [Theory]
    [InlineData("http://localhost:{port}")]
    [InlineData("https://127.0.0.1:{port}")]
    [InlineData("http://127.0.0.1:1")]
    public async Task ANextLinkToAnotherOriginIsNotFollowed(string linkBase)
    {
        await ResetAsync();
        var port = _fixture.Sandbox.BaseUrl.Port.ToString(CultureInfo.InvariantCulture);
        await PutAsync("/sandbox/logs/behaviour", new JsonObject { ["alwaysNextLink"] = true, ["nextLinkBase"] = linkBase.Replace("{port}", port, StringComparison.Ordinal) }.ToJsonString());
        var (since, until) = Window();
        await AddSyntheticAsync(2, since.AddMinutes(1), until.AddMinutes(-1));
        using var client = _fixture.CreateClient();
        var reader = client.ReadSystemLog(new SystemLogQuery(since, until));

        var first = await reader.ReadPageAsync(CancellationToken.None);
        var refused = await Assert.ThrowsAsync<OktaApiException>(() => reader.ReadPageAsync(CancellationToken.None));

        Assert.Equal(2, first!.Count);
        Assert.Equal(OktaFailureKind.UntrustedLink, refused.Error.Kind);
        Assert.False(refused.Error.MayHaveReachedOkta);
        Assert.DoesNotContain(_fixture.Sandbox.ApiToken, refused.Message, StringComparison.Ordinal);
        Assert.Single(await LogRequestsAsync());
    }

    [Fact]
    public async Task ACancelledReadSendsNothing()
    {
        await ResetAsync();
        using var client = _fixture.CreateClient();
        var (since, until) = Window();
        var reader = client.ReadSystemLog(new SystemLogQuery(since, until));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.ReadPageAsync(cancelled.Token));

        Assert.Empty(await LogRequestsAsync());
    }

    // --- helpers ---

    private static EventHookLogRecord Record(string json) => SystemLogJson.Read(JObject.Parse(json)).Record;

    private static (DateTimeOffset Since, DateTimeOffset Until) Window() => (DateTimeOffset.UtcNow.AddHours(-12), DateTimeOffset.UtcNow.AddMinutes(1));

    private string Admin(string path) => _fixture.Sandbox.BaseAddress + path;

    private async Task ResetAsync() => (await _admin.PostAsync(Admin("/sandbox/reset"), null)).EnsureSuccessStatusCode();

    private async Task PutAsync(string path, string json) =>
        (await _admin.PutAsync(Admin(path), new StringContent(json, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

    private async Task AddSyntheticAsync(int count, DateTimeOffset since, DateTimeOffset until)
    {
        var body = new JsonObject { ["count"] = count, ["since"] = SystemLogQuery.Iso(since), ["until"] = SystemLogQuery.Iso(until) };
        (await _admin.PostAsync(Admin("/sandbox/logs/synthetic"), new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
    }

    private async Task<List<JsonNode?>> LogRequestsAsync() =>
        JsonNode.Parse(await _admin.GetStringAsync(Admin("/sandbox/requests")))!.AsArray().Where(r => (string?)r!["path"] == "/api/v1/logs").ToList();
}
