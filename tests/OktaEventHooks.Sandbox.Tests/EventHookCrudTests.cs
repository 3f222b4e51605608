using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace OktaEventHooks.Sandbox.Tests;

/// <summary>Create, list, get, replace, delete and the lifecycle calls, compared with Okta's documented behaviour.</summary>
public sealed class EventHookCrudTests
{
    /// <summary>Okta writes a hook's created and lastUpdated in whole seconds (every recording: <c>…:SS.000Z</c>).</summary>
    private const string TimestampPattern = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$";

    [Fact]
    public async Task CreateAnswers200WithActiveUnverifiedHookInOktaShapeAndNoSecret()
    {
        await using var sandbox = await SandboxClient.StartAsync();

        var response = await sandbox.CreateAsync(HookBodies.Valid());

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/json", response.ContentType);
        var hook = response.Object;
        Assert.Equal(
            ["id", "status", "verificationStatus", "name", "description", "created", "createdBy", "lastUpdated", "events", "channel", "_links"],
            hook.Select(p => p.Key));
        var id = (string)hook["id"]!;
        Assert.Matches("^who[A-Za-z0-9]{17}$", id);
        Assert.Equal("ACTIVE", (string?)hook["status"]);
        Assert.Equal("UNVERIFIED", (string?)hook["verificationStatus"]);
        Assert.Equal("HR offboarding sync", (string?)hook["name"]);
        Assert.Equal("Tells HR when a user leaves", (string?)hook["description"]);
        Assert.Matches(TimestampPattern, (string)hook["created"]!);
        Assert.Equal((string?)hook["created"], (string?)hook["lastUpdated"]);
        Assert.Matches("^00u[A-Za-z0-9]{17}$", (string)hook["createdBy"]!);

        Assert.Equal(
            """{"type":"EVENT_TYPE","items":["user.lifecycle.deactivate","user.lifecycle.suspend"],"filter":null}""",
            hook["events"]!.ToJsonString());
        Assert.Equal(
            """{"type":"HTTP","version":"1.0.0","config":{"uri":"https://hooks.contoso.example/okta/offboarding","headers":[{"key":"X-Contoso-Tenant","value":"emea-01"}],"method":"POST","authScheme":{"type":"HEADER","key":"Authorization"}}}""",
            hook["channel"]!.ToJsonString());

        // The write-only secret must not appear anywhere in the response.
        Assert.DoesNotContain("\"value\":\"Basic", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(HookBodies.Secret, response.Body, StringComparison.Ordinal);

        var self = $"{sandbox.Host.BaseAddress}/api/v1/eventHooks/{id}";
        Assert.Equal(
            """{"self":{"href":"SELF"},"verify":{"href":"SELF/lifecycle/verify","hints":{"allow":["POST"]}},"deactivate":{"href":"SELF/lifecycle/deactivate","hints":{"allow":["POST"]}}}""".Replace("SELF", self, StringComparison.Ordinal),
            hook["_links"]!.ToJsonString());
    }

    [Fact]
    public async Task MinimalCreateRendersNullDescriptionEmptyHeadersAndNoAuthScheme()
    {
        await using var sandbox = await SandboxClient.StartAsync();

        var hook = await sandbox.CreateHookAsync(HookBodies.Minimal());

        Assert.Null(hook["description"]);
        Assert.True(hook.ContainsKey("description"));
        Assert.Null(hook["events"]!["filter"]);
        Assert.True(hook["events"]!.AsObject().ContainsKey("filter"));
        var config = hook["channel"]!["config"]!.AsObject();
        Assert.Equal("[]", config["headers"]!.ToJsonString());
        Assert.Equal("POST", (string?)config["method"]);
        Assert.Null(config["authScheme"]);
    }

    [Fact]
    public async Task FilterIsRenderedWithTypeAndNullConditionVersion()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var body = HookBodies.WithFilter(HookBodies.Valid());
        body["events"]!["filter"]!.AsObject().Remove("type"); // read-only; may be omitted

        var response = await sandbox.CreateAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains(
            """
            "filter":{"type":"EXPRESSION_LANGUAGE","eventFilterMap":[{"event":"user.lifecycle.deactivate","condition":{"version":null,"expression":"event.target.?[type eq 'User'].size() > 0 && true"}}]}
            """,
            response.Body,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadOnlyFieldsInTheBodyAreIgnored()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var body = HookBodies.Valid();
        body["id"] = "whoAAAAAAAAAAAAAAAAA";
        body["status"] = "INACTIVE"; // a create makes an ACTIVE hook whatever it is sent (OktaAssumptions A6)
        body["verificationStatus"] = "VERIFIED";
        body["created"] = "2001-01-01T00:00:00.000Z";
        body["createdBy"] = "00uAAAAAAAAAAAAAAAAA";
        HookBodies.Config(body)["method"] = "GET";

        var hook = await sandbox.CreateHookAsync(body);

        Assert.NotEqual("whoAAAAAAAAAAAAAAAAA", (string?)hook["id"]);
        Assert.Equal("ACTIVE", (string?)hook["status"]);
        Assert.Equal("UNVERIFIED", (string?)hook["verificationStatus"]);
        Assert.StartsWith(DateTime.UtcNow.Year.ToString(CultureInfo.InvariantCulture), (string?)hook["created"], StringComparison.Ordinal);
        Assert.NotEqual("00uAAAAAAAAAAAAAAAAA", (string?)hook["createdBy"]);
        Assert.Equal("POST", (string?)hook["channel"]!["config"]!["method"]);
    }

    [Fact]
    public async Task ListIsABareArrayInCreationOrderAndGetReturnsTheSameHook()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var empty = await sandbox.SendAsync(HttpMethod.Get, SandboxClient.HooksPath);
        Assert.Equal("[]", empty.Body);

        var first = await sandbox.CreateHookAsync();
        var second = await sandbox.CreateHookAsync(HookBodies.Minimal());

        var list = await sandbox.SendAsync(HttpMethod.Get, SandboxClient.HooksPath);
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.False(list.Headers.Contains("Link"));
        var hooks = Assert.IsType<JsonArray>(list.Json);
        Assert.Equal([(string?)first["id"], (string?)second["id"]], hooks.Select(h => (string?)h!["id"]));
        Assert.NotEqual((string?)first["id"], (string?)second["id"]);

        var get = await sandbox.GetAsync((string)first["id"]!);
        Assert.Equal(HttpStatusCode.OK, get.Status);
        Assert.Equal(first.ToJsonString(), get.Body);
        Assert.DoesNotContain("\"value\":\"Basic", list.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutReplacesEverythingAndClearsOmittedOptionalFields()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var created = await sandbox.CreateHookAsync(HookBodies.WithFilter(HookBodies.Valid()));
        var id = (string)created["id"]!;

        var replacement = HookBodies.Minimal(uri: "https://hooks.contoso.example/okta/offboarding");
        var response = await sandbox.ReplaceAsync(id, replacement);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var hook = response.Object;
        Assert.Equal(id, (string?)hook["id"]);
        Assert.Equal("ACTIVE", (string?)hook["status"]);
        Assert.Equal("Minimal hook", (string?)hook["name"]);
        Assert.Null(hook["description"]);
        Assert.Null(hook["events"]!["filter"]);
        Assert.Equal("""["user.lifecycle.create"]""", hook["events"]!["items"]!.ToJsonString());
        Assert.Equal("[]", hook["channel"]!["config"]!["headers"]!.ToJsonString());
        Assert.Null(hook["channel"]!["config"]!["authScheme"]);
        Assert.Equal((string?)created["created"], (string?)hook["created"]);

        // The stored hook is the answer, except that the answer kept the previous lastUpdated (see below).
        var stored = (await sandbox.GetAsync(id)).Object;
        Assert.True(string.CompareOrdinal((string)stored["lastUpdated"]!, (string)created["lastUpdated"]!) > 0);
        stored["lastUpdated"] = (string?)hook["lastUpdated"];
        Assert.Equal(hook.ToJsonString(), stored.ToJsonString());
    }

    [Fact]
    public async Task PutThatKeepsTheStatusAnswersWithThePreviousLastUpdatedAndTheNextGetHasTheNewOne()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var created = await sandbox.CreateHookAsync();
        var id = (string)created["id"]!;

        // Recorded on real orgs: every PUT that did not change status (sent ACTIVE again, or no status).
        var body = HookBodies.Valid("https://hooks.contoso.example/okta/moved");
        var withoutStatus = await sandbox.ReplaceAsync(id, body);
        var afterFirst = (await sandbox.GetAsync(id)).Object;
        body["status"] = "ACTIVE";
        body["name"] = "Renamed";
        var sameStatus = await sandbox.ReplaceAsync(id, body);
        var afterSecond = (await sandbox.GetAsync(id)).Object;

        Assert.Equal((string?)created["lastUpdated"], (string?)withoutStatus.Object["lastUpdated"]);
        Assert.Equal("https://hooks.contoso.example/okta/moved", (string?)withoutStatus.Object["channel"]!["config"]!["uri"]);
        Assert.True(string.CompareOrdinal((string)afterFirst["lastUpdated"]!, (string)created["lastUpdated"]!) > 0);
        Assert.Equal((string?)afterFirst["lastUpdated"], (string?)sameStatus.Object["lastUpdated"]);
        Assert.Equal("Renamed", (string?)sameStatus.Object["name"]);
        Assert.True(string.CompareOrdinal((string)afterSecond["lastUpdated"]!, (string)afterFirst["lastUpdated"]!) > 0);
        Assert.Matches(TimestampPattern, (string)afterSecond["lastUpdated"]!);
    }

    [Fact]
    public async Task PutHonoursStatusInactiveAndActiveWithTheMatchingLinksAndAFreshLastUpdated()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var body = HookBodies.Valid(sandbox.ReceiverUri("ok/status"));
        var created = await sandbox.CreateHookAsync(body);
        var id = (string)created["id"]!;
        Assert.Equal("VERIFIED", (string?)(await sandbox.LifecycleAsync(id, "verify")).Object["verificationStatus"]);
        var before = (await sandbox.GetAsync(id)).Object;

        body["status"] = "INACTIVE";
        var off = await sandbox.ReplaceAsync(id, body);
        var offStored = (await sandbox.GetAsync(id)).Object;
        body["status"] = "ACTIVE";
        var on = await sandbox.ReplaceAsync(id, body);
        var onStored = (await sandbox.GetAsync(id)).Object;

        Assert.Equal(HttpStatusCode.OK, off.Status);
        Assert.Equal("INACTIVE", (string?)off.Object["status"]);
        Assert.Equal(["activate", "self", "delete"], off.Object["_links"]!.AsObject().Select(p => p.Key));
        Assert.Equal("VERIFIED", (string?)off.Object["verificationStatus"]); // same channel: still verified (OktaAssumptions A5)
        Assert.Equal("ACTIVE", (string?)on.Object["status"]);
        Assert.Equal(["self", "verify", "deactivate"], on.Object["_links"]!.AsObject().Select(p => p.Key));

        // Recorded: a PUT that changes the status answers with the new lastUpdated, the one the next GET shows.
        Assert.Equal(offStored.ToJsonString(), off.Body);
        Assert.Equal(onStored.ToJsonString(), on.Body);
        Assert.True(string.CompareOrdinal((string)off.Object["lastUpdated"]!, (string)before["lastUpdated"]!) > 0);
        Assert.True(string.CompareOrdinal((string)on.Object["lastUpdated"]!, (string)off.Object["lastUpdated"]!) > 0);
    }

    [Theory]
    [InlineData("\"DISABLED\"", "status: The only supported values are ACTIVE and INACTIVE.")]
    [InlineData("\"active\"", "status: The only supported values are ACTIVE and INACTIVE.")]
    [InlineData("1", "status: The field must be a string.")]
    public async Task PutWithAStatusOtherThanActiveOrInactiveIsRefused(string status, string cause)
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var created = await sandbox.CreateHookAsync();
        var id = (string)created["id"]!;
        var body = HookBodies.Valid();
        body["status"] = JsonNode.Parse(status);

        var response = await sandbox.ReplaceAsync(id, body);

        Assert.Equal([cause], response.AssertOktaError(HttpStatusCode.BadRequest, "E0000001", "Api validation failed: eventHook"));
        Assert.Equal(created.ToJsonString(), (await sandbox.GetAsync(id)).Body);
    }

    [Fact]
    public async Task EventTypesComeBackInTheOrderSentByDefault()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var body = HookBodies.Minimal();
        body["events"]!["items"] = new JsonArray("user.lifecycle.create", "user.lifecycle.delete.initiated", "user.account.update_profile");

        var created = await sandbox.CreateHookAsync(body);

        Assert.Equal(
            """["user.lifecycle.create","user.lifecycle.delete.initiated","user.account.update_profile"]""",
            created["events"]!["items"]!.ToJsonString());
    }

    [Fact]
    public async Task ReversedOrderAnswersEventTypesInAnotherOrderThanSentOnCreatePutAndGet()
    {
        // Recorded: Okta may answer events.items in another order than sent; this makes the sandbox always do so.
        await using var sandbox = await SandboxClient.StartAsync(new SandboxOptions { EventTypeOrder = EventTypeOrder.Reversed });
        var body = HookBodies.Minimal();
        body["events"]!["items"] = new JsonArray("user.lifecycle.create", "user.lifecycle.delete.initiated");

        var created = await sandbox.CreateHookAsync(body);
        var id = (string)created["id"]!;
        body["events"]!["items"] = new JsonArray("user.lifecycle.create", "user.lifecycle.delete.initiated", "user.account.update_profile");
        var replaced = await sandbox.ReplaceAsync(id, body);

        Assert.Equal("""["user.lifecycle.delete.initiated","user.lifecycle.create"]""", created["events"]!["items"]!.ToJsonString());
        Assert.Equal(
            """["user.account.update_profile","user.lifecycle.delete.initiated","user.lifecycle.create"]""",
            replaced.Object["events"]!["items"]!.ToJsonString());
        Assert.Equal(replaced.Object["events"]!.ToJsonString(), (await sandbox.GetAsync(id)).Object["events"]!.ToJsonString());
    }

    [Fact]
    public async Task EventTypeOrderCanBeSwitchedAtRunTimeAndResetRestoresTheStartValue()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var body = HookBodies.Valid(); // two event types: user.lifecycle.deactivate, user.lifecycle.suspend
        Assert.Equal("as-sent", (string?)JsonNode.Parse(await sandbox.Http.GetStringAsync("/sandbox/event-type-order"))!["order"]);

        var set = await sandbox.AdminSendAsync(HttpMethod.Put, "/sandbox/event-type-order", """{"order":"reversed"}""");
        var reversed = await sandbox.CreateHookAsync(body);
        await sandbox.AdminSendAsync(HttpMethod.Post, "/sandbox/reset");
        var afterReset = await sandbox.CreateHookAsync(body);

        Assert.Equal(HttpStatusCode.OK, set.Status);
        Assert.Equal("reversed", (string?)set.Object["order"]);
        Assert.Equal("""["user.lifecycle.suspend","user.lifecycle.deactivate"]""", reversed["events"]!["items"]!.ToJsonString());
        Assert.Equal("""["user.lifecycle.deactivate","user.lifecycle.suspend"]""", afterReset["events"]!["items"]!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"order":"sorted"}""")]
    [InlineData("""{"order":"reversed","extra":1}""")]
    [InlineData("""{}""")]
    public async Task UnknownEventTypeOrderIsRefused(string body)
    {
        await using var sandbox = await SandboxClient.StartAsync();

        var response = await sandbox.AdminSendAsync(HttpMethod.Put, "/sandbox/event-type-order", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("""The body must be {"order": "as-sent"} or {"order": "reversed"}.""", (string?)response.Object["error"]);
        Assert.Equal("as-sent", (string?)JsonNode.Parse(await sandbox.Http.GetStringAsync("/sandbox/event-type-order"))!["order"]);
    }

    [Fact]
    public async Task PutKeepsVerificationWhenChannelIsUnchangedAndResetsItWhenChannelChanges()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var body = HookBodies.Valid(sandbox.ReceiverUri("ok/crm"));
        var id = (string)(await sandbox.CreateHookAsync(body))["id"]!;
        Assert.Equal("VERIFIED", (string?)(await sandbox.LifecycleAsync(id, "verify")).Object["verificationStatus"]);

        body["name"] = "Renamed";
        var renamed = await sandbox.ReplaceAsync(id, body);
        Assert.Equal("VERIFIED", (string?)renamed.Object["verificationStatus"]);
        Assert.Equal("Renamed", (string?)renamed.Object["name"]);

        HookBodies.Config(body)["uri"] = sandbox.ReceiverUri("ok/other");
        var moved = await sandbox.ReplaceAsync(id, body);
        Assert.Equal("UNVERIFIED", (string?)moved.Object["verificationStatus"]);

        Assert.Equal("VERIFIED", (string?)(await sandbox.LifecycleAsync(id, "verify")).Object["verificationStatus"]);
        HookBodies.Config(body)["authScheme"]!["value"] = "Bearer rotated-secret";
        var rotated = await sandbox.ReplaceAsync(id, body);
        Assert.Equal("UNVERIFIED", (string?)rotated.Object["verificationStatus"]);
        var admin = JsonNode.Parse(await sandbox.Http.GetStringAsync($"/sandbox/eventHooks/{id}"))!;
        Assert.Equal("Bearer rotated-secret", (string?)admin["channel"]!["config"]!["authScheme"]!["value"]);
    }

    [Fact]
    public async Task PutWithAuthSchemeButNoSecretIsRefusedAndTheOldSecretIsKept()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var id = (string)(await sandbox.CreateHookAsync())["id"]!;
        var body = HookBodies.Valid();
        HookBodies.Config(body)["authScheme"]!.AsObject().Remove("value");

        var response = await sandbox.ReplaceAsync(id, body);

        var causes = response.AssertOktaError(HttpStatusCode.BadRequest, "E0000001", "Api validation failed: eventHook");
        Assert.Equal(["channel.config.authScheme.value: The field cannot be left blank."], causes);
        var admin = JsonNode.Parse(await sandbox.Http.GetStringAsync($"/sandbox/eventHooks/{id}"))!;
        Assert.Equal(HookBodies.Secret, (string?)admin["channel"]!["config"]!["authScheme"]!["value"]);
    }

    [Fact]
    public async Task DeleteIsRefusedWhileActiveAndAllowedAfterDeactivate()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var id = (string)(await sandbox.CreateHookAsync())["id"]!;

        var refused = await sandbox.SendAsync(HttpMethod.Delete, $"{SandboxClient.HooksPath}/{id}");
        var causes = refused.AssertOktaError(HttpStatusCode.BadRequest, "E0000001", "Api validation failed: eventHook");
        Assert.Equal(["Cannot delete an ACTIVE event hook; deactivate it first."], causes);
        Assert.Equal(HttpStatusCode.OK, (await sandbox.GetAsync(id)).Status);

        var deactivated = await sandbox.LifecycleAsync(id, "deactivate");
        Assert.Equal("INACTIVE", (string?)deactivated.Object["status"]);

        var deleted = await sandbox.SendAsync(HttpMethod.Delete, $"{SandboxClient.HooksPath}/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(string.Empty, deleted.Body);
        Assert.Equal(HttpStatusCode.NotFound, (await sandbox.GetAsync(id)).Status);
        Assert.Equal("[]", (await sandbox.SendAsync(HttpMethod.Get, SandboxClient.HooksPath)).Body);
    }

    [Fact]
    public async Task ActivateAndDeactivateAreIdempotentKeepVerificationAndSwitchLinks()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var created = await sandbox.CreateHookAsync(HookBodies.Valid(sandbox.ReceiverUri("ok/x")));
        var id = (string)created["id"]!;
        var verified = (await sandbox.LifecycleAsync(id, "verify")).Object;

        var off1 = await sandbox.LifecycleAsync(id, "deactivate");
        var off2 = await sandbox.LifecycleAsync(id, "deactivate");
        Assert.Equal(HttpStatusCode.OK, off2.Status);
        Assert.Equal("INACTIVE", (string?)off2.Object["status"]);
        Assert.Equal("VERIFIED", (string?)off2.Object["verificationStatus"]);
        var self = $"{sandbox.Host.BaseAddress}/api/v1/eventHooks/{id}";
        Assert.Equal(
            """{"activate":{"href":"SELF/lifecycle/activate","hints":{"allow":["POST"]}},"self":{"href":"SELF"},"delete":{"href":"SELF","hints":{"allow":["DELETE"]}}}""".Replace("SELF", self, StringComparison.Ordinal),
            off2.Object["_links"]!.ToJsonString());

        var on1 = await sandbox.LifecycleAsync(id, "activate");
        var on2 = await sandbox.LifecycleAsync(id, "activate");
        Assert.Equal(HttpStatusCode.OK, on2.Status);
        Assert.Equal("ACTIVE", (string?)on2.Object["status"]);
        Assert.Equal("VERIFIED", (string?)on2.Object["verificationStatus"]);
        Assert.Equal(["self", "verify", "deactivate"], on2.Object["_links"]!.AsObject().Select(p => p.Key));

        // lastUpdated moves forward on every lifecycle call.
        string[] stamps = [.. new[] { verified, off1.Object, off2.Object, on1.Object, on2.Object }.Select(h => (string)h["lastUpdated"]!)];
        Assert.Equal(stamps.Order(StringComparer.Ordinal), stamps);
        Assert.Equal(stamps.Length, stamps.Distinct().Count());
    }

    [Fact]
    public async Task A26thActiveHookIsRefusedByCreateAndByActivate()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var ids = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            ids.Add((string)(await sandbox.CreateHookAsync(HookBodies.Minimal()))["id"]!);
        }

        var refused = await sandbox.CreateAsync(HookBodies.Minimal());
        var causes = refused.AssertOktaError(HttpStatusCode.BadRequest, "E0000001", "Api validation failed: eventHook");
        Assert.Contains(causes, c => c.Contains("limit of 25 active event hooks", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, (await sandbox.LifecycleAsync(ids[0], "deactivate")).Status);
        var replacement = await sandbox.CreateHookAsync(HookBodies.Minimal());
        Assert.Equal("ACTIVE", (string?)replacement["status"]);

        var reactivate = await sandbox.LifecycleAsync(ids[0], "activate");
        var activateCauses = reactivate.AssertOktaError(HttpStatusCode.BadRequest, "E0000001");
        Assert.Contains(activateCauses, c => c.Contains("limit of 25 active event hooks", StringComparison.Ordinal));
        Assert.Equal("INACTIVE", (string?)(await sandbox.GetAsync(ids[0])).Object["status"]);

        // A PUT that asks for ACTIVE is an activation too.
        var body = HookBodies.Minimal();
        body["status"] = "ACTIVE";
        var put = await sandbox.ReplaceAsync(ids[0], body);
        var putCauses = put.AssertOktaError(HttpStatusCode.BadRequest, "E0000001");
        Assert.Contains(putCauses, c => c.Contains("limit of 25 active event hooks", StringComparison.Ordinal));
        Assert.Equal("INACTIVE", (string?)(await sandbox.GetAsync(ids[0])).Object["status"]);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("PUT", "")]
    [InlineData("DELETE", "")]
    [InlineData("POST", "/lifecycle/activate")]
    [InlineData("POST", "/lifecycle/deactivate")]
    [InlineData("POST", "/lifecycle/verify")]
    public async Task UnknownIdIs404WithE0000007OnEveryIdRoute(string method, string suffix)
    {
        await using var sandbox = await SandboxClient.StartAsync();
        const string Id = "whoZZZZZZZZZZZZZZZZZ";

        var response = await sandbox.SendAsync(
            new HttpMethod(method), $"{SandboxClient.HooksPath}/{Id}{suffix}", method == "PUT" ? HookBodies.Valid() : null);

        var causes = response.AssertOktaError(HttpStatusCode.NotFound, "E0000007", $"Not found: Resource not found: {Id} (Webhook)");
        Assert.Empty(causes);
    }
}
