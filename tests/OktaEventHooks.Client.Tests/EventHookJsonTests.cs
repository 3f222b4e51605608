using Newtonsoft.Json.Linq;
using OktaEventHooks.Client.EventHooks;

namespace OktaEventHooks.Client.Tests;

public sealed class EventHookJsonTests
{
    private const string Sample = """
        {
          "id": "who4k2Zq7RmT9xPcN1d7", "status": "ACTIVE", "verificationStatus": "VERIFIED",
          "name": "HR offboarding sync", "description": null,
          "created": "2026-02-03T09:15:42.000Z", "createdBy": "00u3f8Kp2LxQ7vWnA1d7", "lastUpdated": "2026-02-03T09:17:05.000Z",
          "events": { "type": "EVENT_TYPE", "items": ["user.lifecycle.deactivate", "user.lifecycle.suspend"],
                      "filter": { "type": "EXPRESSION_LANGUAGE", "eventFilterMap": [ { "event": "user.lifecycle.suspend", "condition": { "version": null, "expression": "true" } } ] } },
          "channel": { "type": "HTTP", "version": "1.0.0",
                       "config": { "uri": "https://hooks.contoso.example/okta", "headers": [ { "key": "X-Tenant", "value": "emea-01" } ],
                                   "method": "POST", "authScheme": { "type": "HEADER", "key": "Authorization", "value": "leaked" } } },
          "_links": { "self": { "href": "https://example.okta.com/api/v1/eventHooks/who4k2Zq7RmT9xPcN1d7" },
                      "deactivate": { "href": "https://example.okta.com/x", "hints": { "allow": ["POST"] } } }
        }
        """;

    [Fact]
    public void Reads_every_field_of_Okta_s_hook()
    {
        var hook = EventHookJson.ReadHook(Sample);
        Assert.Equal("who4k2Zq7RmT9xPcN1d7", hook.Id);
        Assert.Equal("HR offboarding sync", hook.Name);
        Assert.Null(hook.Description);
        Assert.Equal("VERIFIED", hook.VerificationStatus);
        Assert.Equal(new DateTime(2026, 2, 3, 9, 15, 42, DateTimeKind.Utc).ToLocalTime(), hook.Created);
        Assert.Equal(DateTimeKind.Local, hook.Created!.Value.Kind);
        Assert.Equal(["user.lifecycle.deactivate", "user.lifecycle.suspend"], hook.EventTypes);
        Assert.Equal("true", hook.Filter["user.lifecycle.suspend"]);
        Assert.Equal("https://hooks.contoso.example/okta", hook.Uri);
        Assert.Equal("emea-01", hook.Headers["X-Tenant"]);
        Assert.Equal("Authorization", hook.AuthHeaderName);
        Assert.Equal(2, hook.Links.Count);
    }

    [Fact]
    public void Never_keeps_an_auth_header_value_even_if_a_server_sends_one()
    {
        var hook = EventHookJson.ReadHook(Sample);
        var all = Newtonsoft.Json.JsonConvert.SerializeObject(hook);
        Assert.DoesNotContain("leaked", all, StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_only_the_writable_fields()
    {
        var definition = EventHookDefinition.From(EventHookJson.ReadHook(Sample));
        var body = JObject.Parse(EventHookJson.WriteDefinition(definition));
        Assert.Equal(["name", "events", "channel"], body.Properties().Select(p => p.Name));
        Assert.Null(body["status"]);
        Assert.Null(body.SelectToken("channel.config.method"));
        Assert.Equal("EXPRESSION_LANGUAGE", (string?)body.SelectToken("events.filter.type"));
        Assert.Equal("true", (string?)body.SelectToken("events.filter.eventFilterMap[0].condition.expression"));
        Assert.Equal("Authorization", (string?)body.SelectToken("channel.config.authScheme.key"));
        Assert.Equal(JTokenType.Null, body.SelectToken("channel.config.authScheme.value")!.Type);
    }

    [Fact]
    public void Writes_the_secret_when_it_is_given()
    {
        var definition = SandboxFixture.Definition("x", "https://h.example/x", secret: "Basic abc");
        var body = JObject.Parse(EventHookJson.WriteDefinition(definition));
        Assert.Equal("Basic abc", (string?)body.SelectToken("channel.config.authScheme.value"));
        Assert.Equal("HEADER", (string?)body.SelectToken("channel.config.authScheme.type"));
        Assert.Null(body.SelectToken("events.filter"));
    }

    [Fact]
    public void Rejects_a_body_that_is_not_a_hook()
    {
        Assert.ThrowsAny<Newtonsoft.Json.JsonException>(() => EventHookJson.ReadHook("[1,2]"));
        Assert.ThrowsAny<Newtonsoft.Json.JsonException>(() => EventHookJson.ReadHook("{\"id\":"));
    }

    [Theory]
    [InlineData("{\"id\":\"who4k2Zq7RmT9xPcN1d7\"")]
    [InlineData("{\"id\":\"who4k2Zq7RmT9xPcN1d7\",\"events\":{\"items\":[\"a\"")]
    [InlineData("{\"channel\":{\"config\":{\"headers\":[{\"key\":\"k\"}")]
    [InlineData("{\"id\":\"who4k2Zq7RmT9xPcN1d7\"} {}")]
    public void Refuses_an_answer_cut_short_or_followed_by_more(string json)
    {
        Assert.ThrowsAny<Newtonsoft.Json.JsonException>(() => EventHookJson.ReadHook(json));
    }

    [Fact]
    public void Reads_a_field_given_twice_as_its_last_value_and_skips_comments()
    {
        var hook = EventHookJson.ReadHook("""
            /* a gateway's note */ {
              "id": "who4k2Zq7RmT9xPcN1d7", "name": "first", "name": "second",
              "events": { "items": ["user.lifecycle.create", { "odd": 1 }] },
              "events": { "type": "OTHER", "items": [ /* kept */ "user.lifecycle.suspend", null ], "type": null },
              "_links": { "self": { "href": "https://a.example/1" }, "verify": { "href": "https://a.example/v" }, "self": { "title": "no href" } },
              "channel": { "type": "OTHER", "type": null, "config": { "method": "GET", "method": null } }
            }
            """);
        Assert.Equal("second", hook.Name);
        Assert.Equal(["user.lifecycle.suspend"], hook.EventTypes);
        Assert.Null(hook.Malformed);
        Assert.Equal(["verify"], hook.Links.Keys);
        Assert.Equal("EVENT_TYPE", hook.Events.Type);
        Assert.Equal("HTTP", hook.Channel.Type);
        Assert.Equal("POST", hook.Channel.Config.Method);
    }

    [Fact]
    public void A_replace_after_a_read_carries_what_the_module_does_not_model()
    {
        var asRead = EventHookJson.ReadHook(Sample.Replace("\"method\": \"POST\"", "\"method\": \"POST\", \"retries\": 3", StringComparison.Ordinal));
        var definition = EventHookDefinition.From(asRead);
        definition.Name = "renamed";
        var body = JObject.Parse(EventHookJson.WriteReplacement(definition, asRead));
        Assert.Equal("renamed", (string?)body["name"]);
        Assert.Equal(3, (int?)body.SelectToken("channel.config.retries"));
        Assert.Null(body.SelectToken("channel.config.authScheme.value")?.Value<string>());
        Assert.Null(body["_links"]);
        Assert.Null(body["status"]);
    }
}
