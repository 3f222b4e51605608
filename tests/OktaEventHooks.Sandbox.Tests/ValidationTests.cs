using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace OktaEventHooks.Sandbox.Tests;

/// <summary>
/// Every body rule: a valid body broken in one place must give 400 E0000001 with a cause naming the field,
/// and must not create anything.
/// </summary>
public sealed class ValidationTests
{
    [Theory]
    [InlineData("name-missing", "name: The field cannot be left blank.")]
    [InlineData("name-blank", "name: The field cannot be left blank.")]
    [InlineData("name-not-string", "name: The field must be a string.")]
    [InlineData("name-too-long", "name: The field must be between 1 and 255 characters.")]
    [InlineData("events-missing", "events: The field cannot be left blank.")]
    [InlineData("events-type-missing", "events.type: The field cannot be left blank.")]
    [InlineData("events-type-wrong", "events.type: The only supported value is EVENT_TYPE.")]
    [InlineData("items-missing", "events.items: The field cannot be left blank.")]
    [InlineData("items-empty", "events.items: The field cannot be left blank.")]
    [InlineData("items-too-many", "events.items: An event hook can subscribe to at most 300 event types.")]
    [InlineData("item-blank", "events.items: An event type cannot be left blank.")]
    [InlineData("item-not-string", "events.items: Every event type must be a string.")]
    [InlineData("item-ineligible", "events.items: 'user.made.up' is not an event hook eligible event type.")]
    [InlineData("item-not-hookable", "events.items: 'event_hook.delivery' is not an event hook eligible event type.")]
    [InlineData("item-duplicate", "events.items: 'user.lifecycle.suspend' is listed more than once.")]
    [InlineData("filter-type-wrong", "events.filter.type: The only supported value is EXPRESSION_LANGUAGE.")]
    [InlineData("filter-map-empty", "events.filter.eventFilterMap: The field cannot be left blank.")]
    [InlineData("filter-event-not-in-items", "events.filter.eventFilterMap[0].event: 'group.user_membership.add' is not one of events.items.")]
    [InlineData("filter-expression-blank", "events.filter.eventFilterMap[0].condition.expression: The field cannot be left blank.")]
    [InlineData("channel-missing", "channel: The field cannot be left blank.")]
    [InlineData("channel-type-wrong", "channel.type: The only supported value is HTTP.")]
    [InlineData("channel-version-wrong", "channel.version: The only supported value is 1.0.0.")]
    [InlineData("config-missing", "channel.config: The field cannot be left blank.")]
    [InlineData("uri-missing", "channel.config.uri: The field cannot be left blank.")]
    [InlineData("uri-http", "channel.config.uri: The URI must use the https scheme.")]
    [InlineData("uri-ftp", "channel.config.uri: The URI must use the https scheme.")]
    [InlineData("uri-http-lookalike-localhost", "channel.config.uri: The URI must use the https scheme.")]
    [InlineData("uri-relative", "channel.config.uri: The URI must be an absolute URI.")]
    [InlineData("uri-whitespace", "channel.config.uri: The URI must not contain whitespace.")]
    [InlineData("uri-too-long", "channel.config.uri: The URI must be at most 1024 characters.")]
    [InlineData("headers-not-array", "channel.config.headers: The field must be an array.")]
    [InlineData("header-key-blank", "channel.config.headers[0].key: The field cannot be left blank.")]
    [InlineData("header-reserved-accept", "channel.config.headers[0].key: 'Accept' is a reserved header and cannot be set.")]
    [InlineData("header-reserved-content-type", "channel.config.headers[0].key: 'content-type' is a reserved header and cannot be set.")]
    [InlineData("header-reserved-content-length", "channel.config.headers[0].key: 'Content-Length' is a reserved header and cannot be set.")]
    [InlineData("header-reserved-host", "channel.config.headers[0].key: 'HOST' is a reserved header and cannot be set.")]
    [InlineData("header-same-as-auth-key", "channel.config.headers[0].key: 'authorization' is already set by channel.config.authScheme.")]
    [InlineData("header-value-newline", "channel.config.headers[0].value: The header value must not contain line breaks or control characters.")]
    [InlineData("auth-type-wrong", "channel.config.authScheme.type: The only supported value is HEADER.")]
    [InlineData("auth-key-blank", "channel.config.authScheme.key: The field cannot be left blank.")]
    [InlineData("auth-value-missing", "channel.config.authScheme.value: The field cannot be left blank.")]
    [InlineData("auth-value-empty", "channel.config.authScheme.value: The field cannot be left blank.")]
    public async Task BrokenBodyIsRefusedWithACauseNamingTheField(string brokenRule, string expectedCause)
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var body = HookBodies.WithFilter(HookBodies.Valid());
        Break(body, brokenRule);

        var response = await sandbox.CreateAsync(body);

        var causes = response.AssertOktaError(HttpStatusCode.BadRequest, "E0000001", "Api validation failed: eventHook");
        Assert.Contains(expectedCause, causes);
        Assert.Equal("[]", (await sandbox.SendAsync(HttpMethod.Get, SandboxClient.HooksPath)).Body);
    }

    [Theory]
    [InlineData("name-missing", "name: The field cannot be left blank.")]
    [InlineData("uri-http", "channel.config.uri: The URI must use the https scheme.")]
    [InlineData("item-ineligible", "events.items: 'user.made.up' is not an event hook eligible event type.")]
    public async Task PutIsValidatedLikeCreateAndLeavesTheHookUntouched(string brokenRule, string expectedCause)
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var created = await sandbox.CreateHookAsync();
        var id = (string)created["id"]!;
        var body = HookBodies.WithFilter(HookBodies.Valid());
        Break(body, brokenRule);

        var response = await sandbox.ReplaceAsync(id, body);

        var causes = response.AssertOktaError(HttpStatusCode.BadRequest, "E0000001", "Api validation failed: eventHook");
        Assert.Contains(expectedCause, causes);
        Assert.Equal(created.ToJsonString(), (await sandbox.GetAsync(id)).Body);
    }

    [Fact]
    public async Task EveryProblemGetsItsOwnCause()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var body = HookBodies.Valid("http://hooks.contoso.example/x");
        body["name"] = "";
        body["events"]!["items"] = new JsonArray("user.made.up");

        var causes = (await sandbox.CreateAsync(body)).AssertOktaError(HttpStatusCode.BadRequest, "E0000001");

        Assert.Equal(
            [
                "name: The field cannot be left blank.",
                "events.items: 'user.made.up' is not an event hook eligible event type.",
                "channel.config.uri: The URI must use the https scheme.",
            ],
            causes);
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("not json at all")]
    [InlineData("[]")]
    [InlineData("{\"name\":\"a\",\"name\":\"b\"}")]
    [InlineData("")]
    public async Task BodyThatIsNotAJsonObjectIsE0000003(string rawBody)
    {
        await using var sandbox = await SandboxClient.StartAsync();

        var response = await sandbox.SendAsync(HttpMethod.Post, SandboxClient.HooksPath, rawBody: rawBody);

        var causes = response.AssertOktaError(HttpStatusCode.BadRequest, "E0000003", "The request body was not well-formed.");
        Assert.Empty(causes);
    }

    [Theory]
    [InlineData("http://localhost:8080/hook")]
    [InlineData("http://127.0.0.1:9/hook")]
    [InlineData("http://127.42.0.7/hook")]
    [InlineData("http://[::1]:8080/hook")]
    [InlineData("https://hooks.contoso.example/okta?tenant=emea")]
    public async Task HttpsOrLoopbackHttpUrisAreAccepted(string uri)
    {
        await using var sandbox = await SandboxClient.StartAsync();

        var hook = await sandbox.CreateHookAsync(HookBodies.Minimal(uri));

        Assert.Equal(uri, (string?)hook["channel"]!["config"]!["uri"]);
    }

    [Fact]
    public async Task ExactlyThreeHundredEligibleEventTypesAreAccepted()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var catalog = File.ReadAllLines(Path.Combine(FindRepoRoot(), "src", "OktaEventHooks", "Catalog", "event-types.txt"))
            .Where(l => !l.StartsWith('#'))
            .Select(l => l.Split('\t')[0].Trim())
            .Where(l => l.Length > 0)
            .Take(300)
            .Select(t => (JsonNode)JsonValue.Create(t)!)
            .ToArray();
        Assert.Equal(300, catalog.Length);
        var body = HookBodies.Minimal();
        body["events"]!["items"] = new JsonArray(catalog);

        var hook = await sandbox.CreateHookAsync(body);

        Assert.Equal(300, hook["events"]!["items"]!.AsArray().Count);
    }

    private static string FindRepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "src", "OktaEventHooks", "Catalog")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Repository root not found.");
    }

    private static void Break(JsonObject body, string rule)
    {
        var events = body["events"]!.AsObject();
        var filter = events["filter"]!.AsObject();
        var channel = body["channel"]!.AsObject();
        var config = channel["config"]!.AsObject();
        var header = config["headers"]![0]!.AsObject();
        var auth = config["authScheme"]!.AsObject();
        switch (rule)
        {
            case "name-missing": body.Remove("name"); break;
            case "name-blank": body["name"] = "   "; break;
            case "name-not-string": body["name"] = 42; break;
            case "name-too-long": body["name"] = new string('n', 256); break;
            case "events-missing": body.Remove("events"); break;
            case "events-type-missing": events.Remove("type"); break;
            case "events-type-wrong": events["type"] = "EVENT"; break;
            case "items-missing": events.Remove("items"); events.Remove("filter"); break;
            case "items-empty": events["items"] = new JsonArray(); events.Remove("filter"); break;
            case "items-too-many": events["items"] = new JsonArray(Enumerable.Range(0, 301).Select(_ => (JsonNode)JsonValue.Create("user.lifecycle.create")!).ToArray()); break;
            case "item-blank": events["items"]!.AsArray().Add(" "); break;
            case "item-not-string": events["items"]!.AsArray().Add(7); break;
            case "item-ineligible": events["items"]!.AsArray().Add("user.made.up"); break;
            case "item-not-hookable": events["items"]!.AsArray().Add("event_hook.delivery"); break;
            case "item-duplicate": events["items"]!.AsArray().Add("user.lifecycle.suspend"); break;
            case "filter-type-wrong": filter["type"] = "SQL"; break;
            case "filter-map-empty": filter["eventFilterMap"] = new JsonArray(); break;
            case "filter-event-not-in-items": filter["eventFilterMap"]![0]!["event"] = "group.user_membership.add"; break;
            case "filter-expression-blank": filter["eventFilterMap"]![0]!["condition"]!["expression"] = ""; break;
            case "channel-missing": body.Remove("channel"); break;
            case "channel-type-wrong": channel["type"] = "SMTP"; break;
            case "channel-version-wrong": channel["version"] = "2.0.0"; break;
            case "config-missing": channel.Remove("config"); break;
            case "uri-missing": config.Remove("uri"); break;
            case "uri-http": config["uri"] = "http://hooks.contoso.example/okta"; break;
            case "uri-ftp": config["uri"] = "ftp://hooks.contoso.example/okta"; break;
            case "uri-http-lookalike-localhost": config["uri"] = "http://localhost.contoso.example/okta"; break;
            case "uri-relative": config["uri"] = "/okta/hook"; break;
            case "uri-whitespace": config["uri"] = "https://hooks.contoso.example/okta hook"; break;
            case "uri-too-long": config["uri"] = "https://hooks.contoso.example/" + new string('a', 1000); break;
            case "headers-not-array": config["headers"] = "X-A: b"; break;
            case "header-key-blank": header["key"] = ""; break;
            case "header-reserved-accept": header["key"] = "Accept"; break;
            case "header-reserved-content-type": header["key"] = "content-type"; break;
            case "header-reserved-content-length": header["key"] = "Content-Length"; break;
            case "header-reserved-host": header["key"] = "HOST"; break;
            case "header-same-as-auth-key": header["key"] = "authorization"; break;
            case "header-value-newline": header["value"] = "a\r\nX-Injected: yes"; break;
            case "auth-type-wrong": auth["type"] = "BASIC"; break;
            case "auth-key-blank": auth["key"] = " "; break;
            case "auth-value-missing": auth.Remove("value"); break;
            case "auth-value-empty": auth["value"] = ""; break;
            default: throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown rule.");
        }
    }
}
