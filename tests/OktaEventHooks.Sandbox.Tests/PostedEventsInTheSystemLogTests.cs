using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace OktaEventHooks.Sandbox.Tests;

/// <summary>
/// Events posted to /sandbox/events are System Log events first, as at Okta: readable through GET /api/v1/logs with the
/// hooks they were routed to in <c>debugContext.debugData</c>, whatever becomes of their delivery, and delivered
/// exactly as the System Log returns them.
/// </summary>
public sealed class PostedEventsInTheSystemLogTests
{
    [Fact]
    public async Task APostedEventIsInTheSystemLogNamingTheHooksItIsRoutedTo()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var subscribed = await EventDeliveryTests.CreateVerifiedHookAsync(sandbox, "ok/hr", "user.lifecycle.deactivate");
        var other = await EventDeliveryTests.CreateVerifiedHookAsync(sandbox, "ok/other", "user.lifecycle.create");

        var posted = await EventDeliveryTests.PostEventAsync(sandbox, """{"eventType":"user.lifecycle.deactivate"}""");

        var logged = Assert.Single(await ReadLogAsync(sandbox, "user.lifecycle.deactivate"))!.AsObject();
        Assert.Equal((string?)posted["eventId"], (string?)logged["uuid"]);
        var routedTo = JsonNode.Parse((string)logged["debugContext"]!["debugData"]!["webhooks"]!)!.AsArray();
        Assert.Equal([subscribed], routedTo.Select(h => (string)h!["id"]!));
        Assert.DoesNotContain(other, (string)logged["debugContext"]!["debugData"]!["webhooks"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDeliveredEventIsTheSystemLogEventAsTheLogReturnsIt()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        await EventDeliveryTests.CreateVerifiedHookAsync(sandbox, "ok/hr", "user.lifecycle.deactivate");
        await sandbox.Http.DeleteAsync("/sandbox/receiver/requests");

        await EventDeliveryTests.PostEventAsync(sandbox, """{"eventType":"user.lifecycle.deactivate","target":[{"type":"User","displayName":"Jo"}]}""");

        var logged = Assert.Single(await ReadLogAsync(sandbox, "user.lifecycle.deactivate"))!;
        var received = Assert.Single(await sandbox.ReceiverRequestsAsync())!;
        var delivered = JsonNode.Parse((string)received["body"]!)!["data"]!["events"]![0]!;
        Assert.True(JsonNode.DeepEquals(logged, delivered), $"delivered {delivered.ToJsonString()}\nlogged {logged.ToJsonString()}");
    }

    [Fact]
    public async Task AnEventWhoseDeliveryIsStillHangingIsAlreadyInTheSystemLog()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        await EventDeliveryTests.CreateVerifiedHookAsync(sandbox, "switch/down", "user.lifecycle.deactivate");
        await ReceiverSwitchTests.SetSwitchAsync(sandbox, "down", """{"answers":["hang"]}""");

        var posting = EventDeliveryTests.PostEventAsync(sandbox, """{"eventType":"user.lifecycle.deactivate"}""");
        await ReceiverSwitchTests.WaitForReceiverRequestsAsync(sandbox, 1);

        Assert.False(posting.IsCompleted);
        Assert.Single(await ReadLogAsync(sandbox, "user.lifecycle.deactivate"));
        var posted = await posting;
        Assert.False((bool)posted["deliveries"]![0]!["delivered"]!);
    }

    [Fact]
    public async Task EventsNoHookSubscribesToAreLoggedWithNoHookNamed()
    {
        await using var sandbox = await SandboxClient.StartAsync();

        await EventDeliveryTests.PostEventAsync(sandbox, """{"events":[{"eventType":"user.session.start"},{"eventType":"user.session.start"}]}""");

        var logged = await ReadLogAsync(sandbox, "user.session.start");
        Assert.Equal(2, logged.Count);
        Assert.All(logged, e => Assert.Null(e!["debugContext"]!["debugData"]!["webhooks"]));
    }

    private static async Task<JsonArray> ReadLogAsync(SandboxClient sandbox, string eventType)
    {
        var now = DateTimeOffset.UtcNow;
        var path = "/api/v1/logs?since=" + Uri.EscapeDataString(now.AddMinutes(-5).ToString("o", CultureInfo.InvariantCulture))
                   + "&until=" + Uri.EscapeDataString(now.AddMinutes(5).ToString("o", CultureInfo.InvariantCulture))
                   + "&filter=" + Uri.EscapeDataString($"eventType eq \"{eventType}\"");
        var response = await sandbox.SendAsync(HttpMethod.Get, path);
        Assert.True(response.Status == HttpStatusCode.OK, $"GET /api/v1/logs failed: {(int)response.Status} {response.Body}");
        return Assert.IsType<JsonArray>(response.Json);
    }
}
