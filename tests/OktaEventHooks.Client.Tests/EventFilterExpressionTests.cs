using Newtonsoft.Json.Linq;
using OktaEventHooks.Client.EventHooks;

namespace OktaEventHooks.Client.Tests;

/// <summary>
/// Okta's event hook filters, evaluated as Okta documents them: every example of Okta's filter documentation (help
/// page "Okta Expression Language and event hooks", the Management API spec, a recorded hook) against LogEvents such
/// as Okta delivers, each documented field and operator, and what the module refuses to evaluate rather than guess.
/// </summary>
public sealed class EventFilterExpressionTests
{
    // The target of the help page's example, for a user added to the group Sales.
    private const string SalesEvent = """
        {
          "uuid": "6a1f3c2e-1111-11ef-9b3c-000000000001",
          "eventType": "group.user_membership.add",
          "outcome": { "result": "SUCCESS", "reason": null },
          "actor": { "id": "00u1admin", "type": "User", "alternateId": "admin@example.com", "displayName": "Ada Admin" },
          "target": [
            { "id": "00u1jdoe", "type": "User", "alternateId": "jdoe@example.com", "displayName": "John Doe" },
            { "id": "00gsnc3qy7Uy6JZfy0h7", "type": "UserGroup", "alternateId": "unknown", "displayName": "Sales" }
          ],
          "debugContext": { "debugData": { "requestId": "abc", "changedAttributes": "department,title" } }
        }
        """;

    private const string MarketingEvent = """
        {
          "eventType": "group.user_membership.add",
          "outcome": { "result": "FAILURE", "reason": "INVALID_CREDENTIALS" },
          "actor": { "id": "00u2other", "type": "PublicClientApp", "alternateId": "0oa1app", "displayName": "HR sync" },
          "target": [
            { "id": "00u1jdoe", "type": "User", "alternateId": "jdoe@example.com", "displayName": "John Doe" },
            { "id": "00g2mkt", "type": "UserGroup", "alternateId": "unknown", "displayName": "Marketing" }
          ],
          "debugContext": { "debugData": { } }
        }
        """;

    // A user named Sales is not the group Sales: the selection tests both fields of one element.
    private const string UserNamedSalesEvent = """
        {
          "eventType": "group.user_membership.add",
          "target": [
            { "id": "00u9", "type": "User", "alternateId": "sales@example.com", "displayName": "Sales" },
            { "id": "00g9", "type": "UserGroup", "alternateId": "unknown", "displayName": "Finance" }
          ]
        }
        """;

    private const string NoTargetEvent = """{ "eventType": "user.session.start", "target": null, "outcome": null }""";

    public static TheoryData<string, string, bool> DocumentedExamples => new()
    {
        // Help page, "Define group conditions", and its sample table (a group by name; one of two groups).
        { "event.target.?[type eq 'UserGroup' && displayName eq 'Sales'].size()> 0", SalesEvent, true },
        { "event.target.?[type eq 'UserGroup' && displayName eq 'Sales'].size()> 0", MarketingEvent, false },
        { "event.target.?[type eq 'UserGroup' && displayName eq 'Sales'].size()> 0", UserNamedSalesEvent, false },
        { "event.target.?[type eq 'UserGroup' && displayName eq 'Sales'].size()> 0 || event.target.?[type eq 'UserGroup' && displayName eq 'Marketing'].size()> 0", MarketingEvent, true },
        { "event.target.?[type eq 'UserGroup' && displayName eq 'Sales'].size()> 0 || event.target.?[type eq 'UserGroup' && displayName eq 'Marketing'].size()> 0", UserNamedSalesEvent, false },

        // The Management API spec's example, as recorded from a real org (no spaces around '>').
        { "event.target.?[type eq 'UserGroup'].size()>0 && event.target.?[displayName eq 'Sales'].size()>0", SalesEvent, true },
        { "event.target.?[type eq 'UserGroup'].size()>0 && event.target.?[displayName eq 'Sales'].size()>0", MarketingEvent, false },

        // Two separate selections are not one: a user named Sales and some group pass this one (as they would at Okta).
        { "event.target.?[type eq 'UserGroup'].size()>0 && event.target.?[displayName eq 'Sales'].size()>0", UserNamedSalesEvent, true },

        // The fact sheet's form, spaces around '>'.
        { "event.target.?[type eq 'UserGroup'].size() > 0 && event.target.?[displayName eq 'Finance'].size() > 0", UserNamedSalesEvent, true },
    };

    public static TheoryData<string, string, bool> DocumentedFields => new()
    {
        { "event.eventType eq 'group.user_membership.add'", SalesEvent, true },
        { "event.eventType ne 'group.user_membership.add'", SalesEvent, false },
        { "event.outcome.result eq 'SUCCESS'", SalesEvent, true },
        { "event.outcome.result eq 'SUCCESS'", MarketingEvent, false },
        { "event.outcome.reason eq 'INVALID_CREDENTIALS'", MarketingEvent, true },
        { "event.outcome.reason ne 'INVALID_CREDENTIALS'", SalesEvent, true },
        { "event.actor.id eq '00u1admin'", SalesEvent, true },
        { "event.actor.type eq 'PublicClientApp'", MarketingEvent, true },
        { "event.actor.alternateId eq 'admin@example.com'", SalesEvent, true },
        { "event.actor.displayName ne 'HR sync'", MarketingEvent, false },
        { "event.debugData.changedAttributes eq 'department,title'", SalesEvent, true },
        { "event.debugData.changedAttributes eq 'department,title'", MarketingEvent, false },
        { "event.target.?[id eq '00gsnc3qy7Uy6JZfy0h7'].size() > 0", SalesEvent, true },
        { "event.target.?[type eq 'User'].size() eq 1", SalesEvent, true },
        { "event.target.?[alternateId eq 'jdoe@example.com'].size() == 1", MarketingEvent, true },
        { "event.target.?[displayName ne 'Sales'].size() >= 2", SalesEvent, false },
        { "event.target.?[type eq 'UserGroup' || type eq 'User'].size() == 2", SalesEvent, true },
        { "event.target.?[(type eq 'UserGroup') && (displayName eq 'Sales' || displayName eq 'Finance')].size() > 0", UserNamedSalesEvent, true },
        { "(event.outcome.result eq 'FAILURE' || event.actor.type eq 'User') && event.eventType eq 'group.user_membership.add'", SalesEvent, true },
        { "event.outcome.result == \"SUCCESS\" && event.actor.id != '00u2other'", SalesEvent, true },

        // Comparisons are exact, as Okta's Expression Language compares strings.
        { "event.target.?[displayName eq 'sales'].size() > 0", SalesEvent, false },
        { "event.target.?[displayName eq 'O''Brien'].size() > 0", SalesEvent, false },

        // A missing or null field is null: never equal to text, always unequal to it.
        { "event.outcome.reason eq null", SalesEvent, true },
        { "event.outcome.result eq 'SUCCESS'", NoTargetEvent, false },
        { "event.outcome.result ne 'SUCCESS'", NoTargetEvent, true },
        { "event.target.?[type eq 'UserGroup'].size() == 0", NoTargetEvent, true },
        { "event.debugData.changedAttributes ne 'x'", NoTargetEvent, true },
    };

    [Theory]
    [MemberData(nameof(DocumentedExamples))]
    public void OktasDocumentedExamplesDecideAsOktaDoes(string expression, string logEvent, bool passes) =>
        Assert.Equal(passes, EventFilterExpression.Parse(expression).Matches(JObject.Parse(logEvent)));

    [Theory]
    [MemberData(nameof(DocumentedFields))]
    public void EachDocumentedFieldAndOperatorIsEvaluated(string expression, string logEvent, bool passes) =>
        Assert.Equal(passes, EventFilterExpression.Parse(expression).Matches(JObject.Parse(logEvent)));

    [Theory]
    [InlineData("event.target.?[displayName.startsWith('Sa')].size() > 0", "startsWith")]
    [InlineData("event.client.ipAddress eq '10.0.0.1'", "event.client.ipAddress")]
    [InlineData("event.target.?[detailEntry eq 'x'].size() > 0", "detailEntry")]
    [InlineData("event.target[0].displayName eq 'Sales'", "[")]
    [InlineData("!(event.outcome.result eq 'SUCCESS')", "!")]
    [InlineData("event.outcome.result eq", "ends")]
    [InlineData("event.outcome.result eq 'SUCCESS", "quote")]
    [InlineData("event.outcome.result gt 'A'", "gt")]
    [InlineData("event.outcome.result > 'A'", ">")]
    [InlineData("event.actor.id eq 5", "5")]
    [InlineData("event.target.?[type eq 'UserGroup'].size() > 'one'", "one")]
    [InlineData("event.target.?[type eq 'UserGroup'] eq 'x'", "size()")]
    [InlineData("event.outcome.result eq 'SUCCESS' and event.actor.id eq 'x'", "and")]
    [InlineData("user.profile.department eq 'Finance'", "user")]
    [InlineData("displayName eq 'Sales'", "displayName")]
    [InlineData("true", "true")]
    [InlineData("event.outcome.result eq 'SUCCESS' extra", "extra")]
    [InlineData("(event.outcome.result eq 'SUCCESS'", "ends")]
    [InlineData("event.eventType matches 'group.*'", "matches")]
    [InlineData("", "empty")]
    public void WhatItCannotEvaluateIsRefusedWithTheReason(string expression, string named)
    {
        Assert.False(EventFilterExpression.TryParse(expression, out var parsed, out var problem));
        Assert.Null(parsed);
        Assert.Contains(named, problem, StringComparison.Ordinal);
        var thrown = Assert.Throws<FormatException>(() => EventFilterExpression.Parse(expression));
        Assert.Equal(problem, thrown.Message);
    }

    [Fact]
    public void TheExpressionIsKeptAsGiven()
    {
        const string Text = "event.target.?[type eq 'UserGroup'].size()>0";
        Assert.Equal(Text, EventFilterExpression.Parse(Text).Text);
    }
}
