using OktaEventHooks.Client.Http;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json;
using OktaEventHooks.Client.EventHooks;

namespace OktaEventHooks.Client.Tests;

public sealed class EventHookDocumentTests
{
    private static readonly Uri Org = new("https://contoso.okta.com/");
    private static readonly DateTime ExportedAt = new(2026, 2, 3, 9, 15, 42, DateTimeKind.Utc);

    private static EventHook Full() => new()
    {
        Id = "who4k2Zq7RmT9xPcN1d7",
        Name = "HR offboarding sync",
        Description = "Deactivations to the HR system",
        Status = "ACTIVE",
        VerificationStatus = "VERIFIED",
        Created = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        Events = new EventHookEvents
        {
            Items = ["user.lifecycle.deactivate", "user.lifecycle.suspend"],
            Filter = new EventHookFilter
            {
                EventFilterMap = [new() { Event = "user.lifecycle.suspend", Expression = "event.target.?[type eq 'User'].size() > 0" }],
            },
        },
        Channel = new EventHookChannel
        {
            Config = new EventHookChannelConfig
            {
                Uri = "https://hooks.contoso.example/okta",
                Headers = [new() { Key = "X-Tenant", Value = "emea-01" }, new() { Key = "X-Region", Value = "eu" }],
                AuthScheme = new EventHookAuthScheme { Key = "Authorization" },
            },
        },
    };

    private static EventHook Minimal() => new()
    {
        Id = "who00000000000000002",
        Name = "Audit feed",
        Status = "INACTIVE",
        Events = new EventHookEvents { Items = ["user.session.start"] },
        Channel = new EventHookChannel { Config = new EventHookChannelConfig { Uri = "https://audit.example/hook" } },
    };

    /// <summary>The JSON as the module reads it: dates stay text.</summary>
    private static JObject Parse(string json) => JsonConvert.DeserializeObject<JObject>(json, JsonSettings.Reading)!;

    private static string Placeholder(string name) => $"<secret of {name}>";

    private static string Write(params EventHook[] hooks) => EventHookDocument.Write(hooks, Org, ExportedAt, Placeholder);

    /// <summary>A document with one entry; <paramref name="entry"/> is its JSON.</summary>
    private static string Document(string entry) => $$"""{ "schemaVersion": 1, "eventHooks": [ {{entry}} ] }""";

    private const string GoodEntry = """
        { "name": "x", "events": { "items": ["user.lifecycle.create"] }, "channel": { "config": { "uri": "https://h.example/x" } } }
        """;

    [Fact]
    public void Reads_back_what_it_writes()
    {
        var hooks = EventHookDocument.Read(Write(Full(), Minimal()));

        Assert.Equal(["HR offboarding sync", "Audit feed"], hooks.Select(h => h.Name));
        var full = hooks[0].Definition;
        var expected = EventHookDefinition.From(Full());
        Assert.Equal(expected.Name, full.Name);
        Assert.Equal(expected.Description, full.Description);
        Assert.Equal(expected.Uri, full.Uri);
        Assert.Equal(expected.EventTypes, full.EventTypes);
        Assert.Equal(expected.Headers.Select(h => h.ToString()), full.Headers.Select(h => h.ToString()));
        Assert.Equal(expected.Filter.Select(f => f.ToString()), full.Filter.Select(f => f.ToString()));
        Assert.Equal("Authorization", full.AuthHeaderName);
        Assert.Null(full.AuthHeaderValue);
        Assert.Equal("ACTIVE", hooks[0].Status);
        Assert.Empty(Changes(hooks[0], Full()));

        var minimal = hooks[1];
        Assert.Equal("INACTIVE", minimal.Status);
        Assert.Null(minimal.Definition.Description);
        Assert.Null(minimal.Definition.AuthHeaderName);
        Assert.Empty(minimal.Definition.Headers);
        Assert.Empty(minimal.Definition.Filter);
        Assert.Empty(Changes(minimal, Minimal()));
        Assert.Null(minimal.StatusChange(Minimal()));
    }

    [Fact]
    public void Writes_a_versioned_envelope()
    {
        var document = Parse(Write(Full()));
        Assert.Equal(["schemaVersion", "exportedFrom", "exportedAt", "eventHooks"], document.Properties().Select(p => p.Name));
        Assert.Equal(1, (int)document["schemaVersion"]!);
        Assert.Equal("https://contoso.okta.com", (string?)document["exportedFrom"]);
        Assert.Equal("2026-02-03T09:15:42Z", (string?)document["exportedAt"]);
    }

    [Fact]
    public void Writes_each_hook_in_Okta_s_shape_with_its_status_and_nothing_read_only()
    {
        var entry = (JObject)Parse(Write(Full()))["eventHooks"]![0]!;
        Assert.Equal(["name", "description", "status", "events", "channel"], entry.Properties().Select(p => p.Name));
        Assert.Equal("ACTIVE", (string?)entry["status"]);
        Assert.Equal("user.lifecycle.suspend", (string?)entry.SelectToken("events.filter.eventFilterMap[0].event"));
        Assert.Equal("X-Region", (string?)entry.SelectToken("channel.config.headers[1].key"));
        Assert.Null(entry["id"]);
        Assert.Null(entry["verificationStatus"]);
        Assert.Null(entry["created"]);

        var minimal = (JObject)Parse(Write(Minimal()))["eventHooks"]![0]!;
        Assert.Null(minimal["description"]);
        Assert.Null(minimal.SelectToken("channel.config.authScheme"));
        Assert.Null(minimal.SelectToken("events.filter"));
    }

    [Fact]
    public void Writes_a_placeholder_where_the_secret_would_be_and_never_a_secret()
    {
        var asked = new List<string>();
        var text = EventHookDocument.Write([Full(), Minimal()], Org, ExportedAt, name =>
        {
            asked.Add(name);
            return Placeholder(name);
        });

        Assert.Equal(["HR offboarding sync"], asked);
        var entry = Parse(text)["eventHooks"]![0]!;
        Assert.Equal("<secret of HR offboarding sync>", (string?)entry.SelectToken("channel.config.authScheme.value"));
        Assert.Equal("HEADER", (string?)entry.SelectToken("channel.config.authScheme.type"));
    }

    [Fact]
    public void Writes_an_empty_list_of_hooks()
    {
        var text = EventHookDocument.Write([], Org, ExportedAt, Placeholder);
        Assert.Empty(EventHookDocument.Read(text));
    }

    [Fact]
    public void Refuses_to_write_without_hooks_or_placeholder()
    {
        Assert.Throws<ArgumentNullException>(() => EventHookDocument.Write(null!, Org, ExportedAt, Placeholder));
        Assert.Throws<ArgumentNullException>(() => EventHookDocument.Write([], Org, ExportedAt, null!));
    }

    [Fact]
    public void Reads_a_hand_written_entry_with_defaults()
    {
        var hook = Assert.Single(EventHookDocument.Read(Document(GoodEntry)));
        Assert.Equal("x", hook.Name);
        Assert.Equal("ACTIVE", hook.Status);
        Assert.Equal(["user.lifecycle.create"], hook.Definition.EventTypes);
        Assert.Equal("x", hook.ToString());
    }

    [Theory]
    [InlineData("\"description\": \"\",")]
    [InlineData("\"description\": null,")]
    [InlineData("")]
    public void Reads_an_empty_description_as_none(string description)
    {
        var entry = GoodEntry.Replace("{ \"name\"", "{ " + description + " \"name\"", StringComparison.Ordinal);
        Assert.Null(Assert.Single(EventHookDocument.Read(Document(entry))).Definition.Description);
    }

    [Theory]
    [InlineData("ACTIVE")]
    [InlineData("INACTIVE")]
    public void Reads_the_status(string status)
    {
        var entry = GoodEntry.Replace("{ \"name\"", $"{{ \"status\": \"{status}\", \"name\"", StringComparison.Ordinal);
        Assert.Equal(status, Assert.Single(EventHookDocument.Read(Document(entry))).Status);
    }

    [Fact]
    public void Never_keeps_a_secret_written_into_the_file()
    {
        var entry = GoodEntry.Replace("\"uri\"", "\"authScheme\": { \"type\": \"HEADER\", \"key\": \"Authorization\", \"value\": \"CANARY\" }, \"uri\"", StringComparison.Ordinal);
        var definition = Assert.Single(EventHookDocument.Read(Document(entry))).Definition;
        Assert.Equal("Authorization", definition.AuthHeaderName);
        Assert.Null(definition.AuthHeaderValue);
    }

    public static TheoryData<string, string> BadDocuments => new()
    {
        { "", "The file is not a JSON object." },
        { "null", "The file is not a JSON object." },
        { "[]", "The file is not a JSON object." },
        { "\"text\"", "The file is not a JSON object." },
        { "{ \"schemaVersion\": ", "The file is not valid JSON: " },
        { "not json at all", "The file is not valid JSON: " },
        { "{ }", "The file has schemaVersion (none); this module reads schemaVersion 1, as Export-OktaEventHook writes it." },
        { "{ \"schemaVersion\": 2, \"eventHooks\": [] }", "The file has schemaVersion 2; this module reads schemaVersion 1" },
        { "{ \"schemaVersion\": 0, \"eventHooks\": [] }", "The file has schemaVersion 0;" },
        { "{ \"schemaVersion\": \"1\", \"eventHooks\": [] }", "The file has schemaVersion '1' (not a whole number);" },
        { "{ \"schemaVersion\": 1.5, \"eventHooks\": [] }", "The file has schemaVersion '1.5' (not a whole number);" },
        { "{ \"schemaVersion\": 1 }", "The file has no 'eventHooks' array." },
        { "{ \"schemaVersion\": 1, \"eventHooks\": {} }", "The file has no 'eventHooks' array." },
        { Document("42"), "eventHooks[0] is not an object." },
        { Document(GoodEntry + ", null"), "eventHooks[1] is not an object." },
        { Document("{ }"), "eventHooks[0] has no 'name'." },
        { Document("{ \"name\": \" \" }"), "eventHooks[0] has no 'name'." },
        { Document("{ \"name\": null }"), "eventHooks[0] has no 'name'." },
        { Document("{ \"name\": \"x\", \"status\": \"active\" }"), "eventHooks[0] ('x'): 'status' is 'active'. Allowed: ACTIVE or INACTIVE." },
        { Document("{ \"name\": \"x\", \"status\": \"DELETED\" }"), "eventHooks[0] ('x'): 'status' is 'DELETED'. Allowed: ACTIVE or INACTIVE." },
        { Document("{ \"name\": \"x\", \"channel\": { \"config\": { \"uri\": \"https://h.example/x\" } } }"), "eventHooks[0] ('x'): 'events.items' lists no event type." },
        { Document("{ \"name\": \"x\", \"events\": { \"items\": [] }, \"channel\": { \"config\": { \"uri\": \"https://h.example/x\" } } }"), "eventHooks[0] ('x'): 'events.items' lists no event type." },
        { Document("{ \"name\": \"x\", \"events\": { \"items\": [null] }, \"channel\": { \"config\": { \"uri\": \"https://h.example/x\" } } }"), "eventHooks[0] ('x'): 'events.items[0]' is null. Allowed: text, as Export-OktaEventHook writes it." },
        { Document("{ \"name\": \"x\", \"events\": { \"items\": [\"a\"] }, \"channel\": { \"config\": { \"uri\": \"https://h.example/x\", \"authscheme\": null } } }"), "eventHooks[0] ('x'): 'channel.config.authscheme' is not a field Export-OktaEventHook writes (names are case-sensitive: 'authScheme'). Allowed here: uri, headers, authScheme." },
        { Document("{ \"name\": \"x\", \"events\": { \"items\": [\"a\"] }, \"channel\": { \"config\": { \"uri\": \"https://h.example/x\", \"headers\": { \"X-A\": \"1\" } } } }"), "eventHooks[0] ('x'): 'channel.config.headers' is an object. Allowed: an array, as Export-OktaEventHook writes it." },
        { Document("{ \"name\": \"x\", \"events\": { \"items\": [\"a\"] } }"), "eventHooks[0] ('x'): 'channel.config.uri' is missing." },
        { Document("{ \"name\": \"x\", \"events\": { \"items\": [\"a\"] }, \"channel\": { \"config\": { \"uri\": \"\" } } }"), "eventHooks[0] ('x'): 'channel.config.uri' is missing." },
        {
            Document("{ \"name\": \"x\", \"events\": { \"items\": [\"a\"] }, \"channel\": { \"config\": { \"uri\": \"https://h.example/x\", \"authScheme\": { \"key\": \"\" } } } }"),
            "eventHooks[0] ('x'): 'channel.config.authScheme.key' is empty."
        },
        { $$"""{ "schemaVersion": 1, "eventHooks": [ {{GoodEntry}}, {{GoodEntry}} ] }""", "The file names 'x' 2 times; hooks are matched by name, so names must be unique." },
    };

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public void Names_the_entry_and_field_of_a_document_it_cannot_read(string json, string message)
    {
        var ex = Assert.Throws<InvalidDataException>(() => EventHookDocument.Read(json));
        Assert.StartsWith(message, ex.Message);
    }

    [Fact]
    public void Reads_a_missing_document_as_not_an_object() =>
        Assert.Equal("The file is not a JSON object.", Assert.Throws<InvalidDataException>(() => EventHookDocument.Read(null!)).Message);

    [Fact]
    public void Treats_names_that_differ_in_case_as_different_hooks()
    {
        var second = GoodEntry.Replace("\"name\": \"x\"", "\"name\": \"X\"", StringComparison.Ordinal);
        var json = $$"""{ "schemaVersion": 1, "eventHooks": [ {{GoodEntry}}, {{second}} ] }""";
        Assert.Equal(2, EventHookDocument.Read(json).Count);
    }

    [Fact]
    public void Finds_no_change_when_the_org_holds_what_the_file_wants_in_another_order()
    {
        var desired = new DesiredEventHook(EventHookDefinition.From(Full()), "ACTIVE");
        var current = Full();
        current.Events.Items.Reverse();
        current.Channel.Config.Headers.Reverse();
        Assert.Empty(Changes(desired, current));
        Assert.Null(desired.StatusChange(current));
    }

    [Fact]
    public void Tells_each_field_the_file_would_change_on_the_org_s_hook()
    {
        var want = EventHookDefinition.From(Full());
        want.Name = "HR sync v2";
        want.Description = null;
        want.Uri = "https://hooks.contoso.example/v2";
        want.EventTypes = ["user.lifecycle.deactivate", "user.lifecycle.create"];
        want.Headers = [new() { Key = "X-Tenant", Value = "apac-01" }];
        want.Filter = [];
        want.AuthHeaderName = "X-Hook-Secret";
        want.AuthHeaderValue = "CANARY";
        var desired = new DesiredEventHook(want, "INACTIVE");

        var changes = Changes(desired, Full());

        Assert.Equal(
            [
                "Name: 'HR offboarding sync' -> 'HR sync v2'",
                "Uri: https://hooks.contoso.example/okta -> https://hooks.contoso.example/v2",
                "Description: cleared",
                "EventTypes: +user.lifecycle.create -user.lifecycle.suspend",
                "Headers: X-Tenant",
                "Filter: removed",
                "AuthHeader: Authorization -> X-Hook-Secret",
            ],
            changes);
        Assert.Equal("Status: ACTIVE -> INACTIVE", desired.StatusChange(Full()));
    }

    [Theory]
    [InlineData("Authorization", null, "AuthHeader: Authorization removed")]
    [InlineData(null, "Authorization", "AuthHeader: none -> Authorization")]
    [InlineData("Authorization", "Authorization", null)]
    public void Tells_an_auth_header_change_but_never_compares_the_secret(string? have, string? want, string? line)
    {
        var current = Full();
        current.Channel.Config.AuthScheme = have == null ? null : new EventHookAuthScheme { Key = have };
        var definition = EventHookDefinition.From(Full());
        definition.AuthHeaderName = want;
        definition.AuthHeaderValue = want == null ? null : "CANARY";

        var changes = Changes(new DesiredEventHook(definition, "ACTIVE"), current);

        Assert.Equal(line == null ? Array.Empty<string>() : [line], changes);
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", null)]
    public void Finds_no_change_between_no_description_and_an_empty_one(string? have, string? want)
    {
        var current = Full();
        current.Description = have;
        var definition = EventHookDefinition.From(Full());
        definition.Description = want;
        Assert.Empty(Changes(new DesiredEventHook(definition, "ACTIVE"), current));
    }

    [Fact]
    public void Refuses_a_missing_definition_or_hook()
    {
        Assert.Throws<ArgumentNullException>(() => new DesiredEventHook(null!, "ACTIVE"));
        var desired = new DesiredEventHook(EventHookDefinition.From(Full()), "ACTIVE");
        Assert.Throws<ArgumentNullException>(() => EventHookDefinition.From(null!));
        Assert.Throws<ArgumentNullException>(() => desired.StatusChange(null!));
    }

    [Fact]
    public void Writes_the_export_time_in_UTC()
    {
        var local = new DateTimeOffset(2026, 2, 3, 10, 15, 42, TimeSpan.FromHours(1));
        var text = EventHookDocument.Write([], Org, local.UtcDateTime, Placeholder);
        Assert.Equal("2026-02-03T09:15:42Z", (string?)Parse(text)["exportedAt"]);
    }

    [Theory]
    [InlineData("99999999999")]
    [InlineData("123456789012345678901234567890")]
    public void Names_a_schema_version_too_large_for_a_number(string version)
    {
        var json = $$"""{ "schemaVersion": {{version}}, "eventHooks": [] }""";
        var ex = Assert.Throws<InvalidDataException>(() => EventHookDocument.Read(json));
        Assert.StartsWith("The file has schemaVersion", ex.Message);
    }

    [Theory]
    [InlineData("{ \"type\": \"user.lifecycle.create\" }")]
    [InlineData("[\"user.lifecycle.create\"]")]
    public void Names_the_entry_whose_event_types_are_not_text(string item)
    {
        var entry = GoodEntry.Replace("[\"user.lifecycle.create\"]", "[" + item + "]", StringComparison.Ordinal);
        var ex = Assert.Throws<InvalidDataException>(() => EventHookDocument.Read(Document(entry)));
        Assert.StartsWith("eventHooks[0] ('x'):", ex.Message);
    }

    /// <summary>What Import compares: the org's hook against the file's definition, the secret never compared (Okta does not return it).</summary>
    private static IReadOnlyList<string> Changes(DesiredEventHook desired, EventHook current) =>
        EventHookRules.Diff(EventHookDefinition.From(current), desired.Definition.WithoutSecret());
}
