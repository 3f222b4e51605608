using OktaEventHooks.Client.EventHooks;

namespace OktaEventHooks.Client.Tests;

/// <summary><see cref="EventHookRules.Diff"/>: what writing one definition over another changes.</summary>
public sealed class EventHookDiffTests
{
    private const string Canary = "CANARY-s3cr3t-V4lue";

    private static EventHookDefinition Hook(
        string eventTypes = "user.lifecycle.create|user.lifecycle.deactivate",
        string headers = "X-Tenant=emea|X-Region=eu",
        string filter = "user.lifecycle.create=true|user.lifecycle.deactivate=false",
        string? description = "HR sync",
        string? authHeaderName = "Authorization",
        string? authHeaderValue = null) => new()
        {
            Name = "HR sync",
            Description = description,
            Uri = "https://hooks.contoso.example/okta",
            EventTypes = Split(eventTypes).ToList(),
            Headers = Split(headers).Select(h => h.Split('=', 2)).Select(p => new EventHookHeader { Key = p[0], Value = p[1] }).ToList(),
            Filter = Split(filter).Select(f => f.Split('=', 2)).Select(p => new EventHookFilterMapEntry { Event = p[0], Expression = p[1] }).ToList(),
            AuthHeaderName = authHeaderName,
            AuthHeaderValue = authHeaderValue,
        };

    private static string[] Split(string cell) => cell.Length == 0 ? [] : cell.Split('|');

    [Fact]
    public void Refuses_no_after()
    {
        Assert.Throws<ArgumentNullException>(() => EventHookRules.Diff(Hook(), null!));
    }

    [Fact]
    public void Finds_no_change_between_equal_definitions() =>
        Assert.Empty(EventHookRules.Diff(Hook(), Hook()));

    [Theory]
    [InlineData("user.lifecycle.deactivate|user.lifecycle.create", "X-Tenant=emea|X-Region=eu", "user.lifecycle.create=true|user.lifecycle.deactivate=false")]
    [InlineData("user.lifecycle.create|user.lifecycle.deactivate", "X-Region=eu|X-Tenant=emea", "user.lifecycle.create=true|user.lifecycle.deactivate=false")]
    [InlineData("user.lifecycle.create|user.lifecycle.deactivate", "X-Tenant=emea|X-Region=eu", "user.lifecycle.deactivate=false|user.lifecycle.create=true")]
    [InlineData("user.lifecycle.deactivate|user.lifecycle.create|user.lifecycle.create", "X-Region=eu|X-Tenant=emea", "user.lifecycle.deactivate=false|user.lifecycle.create=true")]
    public void Finds_no_change_in_a_different_order(string eventTypes, string headers, string filter) =>
        Assert.Empty(EventHookRules.Diff(Hook(), Hook(eventTypes, headers, filter)));

    [Theory]
    [InlineData(null, "")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Finds_no_change_between_no_description_and_an_empty_one(string? before, string? after) =>
        Assert.Empty(EventHookRules.Diff(Hook(description: before), Hook(description: after)));

    [Theory]
    [InlineData("HR sync", null, "Description: cleared")]
    [InlineData("HR sync", "", "Description: cleared")]
    [InlineData(null, "New text", "Description: 'New text'")]
    [InlineData("HR sync", "HR Sync", "Description: 'HR Sync'")]
    [InlineData("HR sync", " ", "Description: ' '")]
    public void Tells_a_description_change(string? before, string? after, string line) =>
        Assert.Equal([line], EventHookRules.Diff(Hook(description: before), Hook(description: after)));

    [Fact]
    public void Tells_a_rename_and_a_new_endpoint()
    {
        var after = Hook();
        after.Name = "HR sync v2";
        after.Uri = "https://hooks.contoso.example/okta/v2";
        Assert.Equal(
            ["Name: 'HR sync' -> 'HR sync v2'", "Uri: https://hooks.contoso.example/okta -> https://hooks.contoso.example/okta/v2"],
            EventHookRules.Diff(Hook(), after));
    }

    [Fact]
    public void Compares_names_and_endpoints_exactly()
    {
        var after = Hook();
        after.Name = "hr sync";
        after.Uri = "https://hooks.contoso.example/OKTA";
        Assert.Equal(2, EventHookRules.Diff(Hook(), after).Count);
    }

    [Theory]
    [InlineData("user.lifecycle.create|user.lifecycle.deactivate|user.lifecycle.suspend", "EventTypes: +user.lifecycle.suspend")]
    [InlineData("user.lifecycle.create", "EventTypes: -user.lifecycle.deactivate")]
    [InlineData("user.lifecycle.create|user.lifecycle.suspend", "EventTypes: +user.lifecycle.suspend -user.lifecycle.deactivate")]
    [InlineData("user.lifecycle.create|user.lifecycle.suspend|user.lifecycle.suspend", "EventTypes: +user.lifecycle.suspend -user.lifecycle.deactivate")]
    public void Tells_event_types_added_and_removed(string eventTypes, string line)
    {
        var before = Hook(filter: "");
        var after = Hook(eventTypes, filter: "");
        Assert.Equal([line], EventHookRules.Diff(before, after));
    }

    [Theory]
    [InlineData("X-Tenant=apac|X-Region=eu", "Headers: X-Tenant, X-Region")]
    [InlineData("X-Tenant=emea", "Headers: X-Tenant")]
    [InlineData("X-Tenant=emea|X-Region=eu|X-Env=prod", "Headers: X-Tenant, X-Region, X-Env")]
    [InlineData("x-tenant=emea|X-Region=eu", "Headers: x-tenant, X-Region")]
    [InlineData("", "Headers: removed")]
    public void Tells_a_header_change_by_the_names_of_the_headers_after_it(string headers, string line) =>
        Assert.Equal([line], EventHookRules.Diff(Hook(), Hook(headers: headers)));

    [Theory]
    [InlineData("user.lifecycle.create=false|user.lifecycle.deactivate=false", "Filter: user.lifecycle.create, user.lifecycle.deactivate")]
    [InlineData("user.lifecycle.create=true", "Filter: user.lifecycle.create (dropped: user.lifecycle.deactivate)")]
    [InlineData("", "Filter: removed")]
    public void Tells_a_filter_change(string filter, string line) =>
        Assert.Equal([line], EventHookRules.Diff(Hook(), Hook(filter: filter)));

    [Theory]
    [InlineData(null, null, null, null)]
    [InlineData("Authorization", "Authorization", null, null)]
    [InlineData("Authorization", null, null, "AuthHeader: Authorization removed")]
    [InlineData("Authorization", null, Canary, "AuthHeader: Authorization removed")]
    [InlineData(null, "Authorization", Canary, "AuthHeader: Authorization added (value ***)")]
    [InlineData("Authorization", "Authorization", Canary, "AuthHeader: Authorization value replaced (***)")]
    [InlineData("Authorization", "X-Hook-Secret", Canary, "AuthHeader: Authorization -> X-Hook-Secret, value replaced (***)")]
    [InlineData("Authorization", "authorization", Canary, "AuthHeader: Authorization -> authorization, value replaced (***)")]
    [InlineData("Authorization", "X-Hook-Secret", null, "AuthHeader: Authorization -> X-Hook-Secret")]
    [InlineData(null, "Authorization", null, "AuthHeader: none -> Authorization")]
    public void Tells_what_happens_to_the_auth_header_without_showing_the_secret(
        string? beforeName, string? afterName, string? afterValue, string? line)
    {
        var changes = EventHookRules.Diff(
            Hook(authHeaderName: beforeName, authHeaderValue: beforeName == null ? null : "Old-" + Canary),
            Hook(authHeaderName: afterName, authHeaderValue: afterValue));

        Assert.Equal(line == null ? [] : [line], changes);
        Assert.All(changes, c => Assert.DoesNotContain("CANARY", c, StringComparison.Ordinal));
    }

    [Fact]
    public void Tells_every_field_of_a_create()
    {
        var after = Hook(authHeaderValue: "Bearer " + Canary);
        var changes = EventHookRules.Diff(null, after);
        Assert.Equal(
            [
                "Name: 'HR sync'",
                "Uri: https://hooks.contoso.example/okta",
                "Description: 'HR sync'",
                "EventTypes: +user.lifecycle.create +user.lifecycle.deactivate",
                "Headers: X-Tenant, X-Region",
                "Filter: user.lifecycle.create, user.lifecycle.deactivate",
                "AuthHeader: Authorization added (value ***)",
            ],
            changes);
        Assert.All(changes, c => Assert.DoesNotContain("CANARY", c, StringComparison.Ordinal));
    }

    [Fact]
    public void Tells_only_what_a_minimal_create_sets()
    {
        var after = Hook(eventTypes: "user.lifecycle.create", headers: "", filter: "", description: null, authHeaderName: null);
        Assert.Equal(
            ["Name: 'HR sync'", "Uri: https://hooks.contoso.example/okta", "EventTypes: +user.lifecycle.create"],
            EventHookRules.Diff(null, after));
    }

    [Fact]
    public void Lists_every_changed_field_in_one_line_each_in_a_fixed_order()
    {
        var after = Hook(
            eventTypes: "user.lifecycle.create",
            headers: "X-Tenant=emea",
            filter: "user.lifecycle.create=true",
            description: null,
            authHeaderName: "X-Hook-Secret",
            authHeaderValue: Canary);
        after.Name = "renamed";
        after.Uri = "https://other.example/okta";

        var fields = EventHookRules.Diff(Hook(), after).Select(c => c.Split(':')[0]);

        Assert.Equal(["Name", "Uri", "Description", "EventTypes", "Headers", "Filter", "AuthHeader"], fields);
    }
}
