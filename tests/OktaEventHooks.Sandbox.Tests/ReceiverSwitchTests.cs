using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace OktaEventHooks.Sandbox.Tests;

/// <summary>
/// The receiver's switch (/receiver/switch/{name}): a hook endpoint a test can take down (5xx, any status, or a hang)
/// and bring back without touching the hook, that verifies throughout and keeps what it got with the answer it gave.
/// </summary>
public sealed class ReceiverSwitchTests
{
    [Fact]
    public async Task AnUnsetSwitchAcceptsDeliveriesAndVerifies()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var id = await EventDeliveryTests.CreateVerifiedHookAsync(sandbox, "switch/hr", "user.lifecycle.create");

        var posted = await EventDeliveryTests.PostEventAsync(sandbox, """{"eventType":"user.lifecycle.create"}""");

        Assert.True((bool)posted["deliveries"]![0]!["delivered"]!);
        var requests = await sandbox.ReceiverRequestsAsync();
        Assert.Equal(["GET", "POST"], requests.Select(r => (string)r!["method"]!));
        Assert.Equal([200, 200], requests.Select(r => (int)r!["answered"]!));
        Assert.Equal(id, (string?)JsonNode.Parse((string)requests[1]!["body"]!)!["source"]!.GetValue<string>().Split('/')[^1]);
    }

    [Fact]
    public async Task AnswersAreGivenInTurnAndTheLastOneStays()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        await SetSwitchAsync(sandbox, "hr", """{"answers":[200,503]}""");

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await sandbox.Http.PostAsync("/receiver/switch/hr", new StringContent("{}"));
            statuses.Add((int)response.StatusCode);
        }

        Assert.Equal([200, 503, 503], statuses);
        Assert.Equal([200, 503, 503], (await sandbox.ReceiverRequestsAsync()).Select(r => (int)r!["answered"]!));
    }

    [Fact]
    public async Task ADownReceiverFailsDeliveriesButStillVerifiesAndComesBack()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        await SetSwitchAsync(sandbox, "hr", """{"answers":[503]}""");
        var id = await EventDeliveryTests.CreateVerifiedHookAsync(sandbox, "switch/hr", "user.lifecycle.create");

        var down = await EventDeliveryTests.PostEventAsync(sandbox, """{"eventType":"user.lifecycle.create"}""");
        await SetSwitchAsync(sandbox, "hr", """{"answers":[200]}""");
        var back = await EventDeliveryTests.PostEventAsync(sandbox, """{"eventType":"user.lifecycle.create"}""");

        Assert.Equal(2, (int)down["deliveries"]![0]!["attempts"]!);
        Assert.False((bool)down["deliveries"]![0]!["delivered"]!);
        Assert.True((bool)back["deliveries"]![0]!["delivered"]!);
        var kept = (await sandbox.ReceiverRequestsAsync()).Where(r => (string?)r!["method"] == "POST" && (int?)r!["answered"] == 200).ToList();
        var uuid = (string?)JsonNode.Parse((string)Assert.Single(kept)!["body"]!)!["data"]!["events"]![0]!["uuid"];
        Assert.Equal((string?)back["eventId"], uuid);
        Assert.Equal(id, (string?)back["deliveries"]![0]!["hookId"]);
    }

    [Fact]
    public async Task AHangingReceiverAnswersNothingUntilTheCallerGivesUp()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        await SetSwitchAsync(sandbox, "hr", """{"answers":["hang"]}""");
        using var impatient = new HttpClient { BaseAddress = sandbox.Host.BaseUrl, Timeout = TimeSpan.FromMilliseconds(500) };

        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.PostAsync("/receiver/switch/hr", new StringContent("{}")));

        var request = Assert.Single(await sandbox.ReceiverRequestsAsync())!;
        Assert.Null(request["answered"]);
    }

    [Theory]
    [InlineData("""{"answers":[]}""", "answers")]
    [InlineData("""{"answers":[99]}""", "answers")]
    [InlineData("""{"answers":["later"]}""", "answers")]
    [InlineData("""{"answer":503}""", "answer")]
    public async Task ABadSwitchIsRefusedWithTheReason(string body, string named)
    {
        await using var sandbox = await SandboxClient.StartAsync();

        var response = await sandbox.AdminSendAsync(HttpMethod.Put, "/sandbox/receiver/switch/hr", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(named, (string)response.Object["error"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetTurnsEverySwitchBackOn()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        await SetSwitchAsync(sandbox, "hr", """{"answers":[500]}""");

        await sandbox.AdminSendAsync(HttpMethod.Post, "/sandbox/reset");
        using var response = await sandbox.Http.PostAsync("/receiver/switch/hr", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    internal static async Task SetSwitchAsync(SandboxClient sandbox, string name, string body)
    {
        var response = await sandbox.AdminSendAsync(HttpMethod.Put, "/sandbox/receiver/switch/" + name, body);
        Assert.True(response.Status == HttpStatusCode.OK, $"PUT switch failed: {(int)response.Status} {response.Body}");
    }

    /// <summary>Waits (at most 10 s) until the receiver has been sent <paramref name="count"/> POSTs.</summary>
    internal static async Task WaitForReceiverRequestsAsync(SandboxClient sandbox, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while ((await sandbox.ReceiverRequestsAsync()).Count(r => (string?)r!["method"] == "POST") < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The receiver did not get {count} POSTs within 10 s.");
            await Task.Delay(20);
        }
    }
}
