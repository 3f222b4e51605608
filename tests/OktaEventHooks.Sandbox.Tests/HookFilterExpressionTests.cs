using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Delivery;
using Xunit;

namespace OktaEventHooks.Sandbox.Tests;

/// <summary>The simple Okta Expression Language subset the sandbox evaluates for hook filters, and what it refuses to guess.</summary>
public sealed class HookFilterExpressionTests
{
    private static readonly JsonObject LogEvent = LogEventBuilder.Build(
        new SyntheticEvent(
            "group.user_membership.add",
            [
                JsonNode.Parse("""{"type":"User","alternateId":"jdoe@example.com","displayName":"John Doe"}""")!.AsObject(),
                JsonNode.Parse("""{"type":"UserGroup","displayName":"Finance","detailEntry":{"seats":12}}""")!.AsObject(),
            ],
            null,
            "SUCCESS",
            null),
        DateTimeOffset.UtcNow);

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("event.target.?[displayName eq 'Finance'].size() > 0", true)]
    [InlineData("event.target.?[displayName eq 'Marketing'].size() > 0", false)]
    [InlineData("event.target.?[type eq 'UserGroup'].size() > 0 && event.target.?[displayName eq 'Finance'].size() > 0", true)]
    [InlineData("event.target.?[type eq 'UserGroup'].size() > 0 && event.target.?[displayName eq 'HR'].size() > 0", false)]
    [InlineData("event.target.?[type eq 'UserGroup' && displayName eq 'Finance'].size() == 1", true)]
    [InlineData("event.target.?[type eq 'User' and displayName eq 'Finance'].size() > 0", false)]
    [InlineData("event.target.?[displayName eq 'HR'].size() > 0 || event.outcome.result eq 'SUCCESS'", true)]
    [InlineData("(event.target.?[displayName eq 'HR'].size() > 0 || true) && false", false)]
    [InlineData("event.outcome.result eq 'SUCCESS'", true)]
    [InlineData("event.outcome.result ne 'SUCCESS'", false)]
    [InlineData("event.outcome.result == \"SUCCESS\"", true)]
    [InlineData("event.eventType != 'user.lifecycle.create'", true)]
    [InlineData("event.actor.missing.deeper eq 'x'", false)]
    [InlineData("event.actor.missing eq null", true)]
    [InlineData("event.legacyEventType eq null", true)]
    [InlineData("event.target.size() eq 2", true)]
    [InlineData("event.target.?[detailEntry.seats ge 10].size() > 0", true)]
    [InlineData("event.target.?[detailEntry.seats lt 10].size() eq 1", true)]
    [InlineData("event.actor.missing lt 5", true)]
    [InlineData("event.nothing.?[type eq 'User'].size() > 0", false)]
    [InlineData("event.target.?[displayName eq 'O''Brien'].size() > 0", false)]
    [InlineData("event.target.?[displayName eq 'finance'].size() > 0", false)]
    public void SimpleExpressionsAreEvaluated(string expression, bool matches) =>
        Assert.Equal(matches ? FilterVerdict.Matched : FilterVerdict.NotMatched, HookFilterExpression.Evaluate(expression, LogEvent));

    [Theory]
    [InlineData("event.target.?[displayName.startsWith('Fin')].size() > 0")]
    [InlineData("event.target[0].displayName eq 'John Doe'")]
    [InlineData("!(event.outcome.result eq 'SUCCESS')")]
    [InlineData("event.outcome.result eq")]
    [InlineData("event.outcome.result eq 'SUCCESS")]
    [InlineData("event.outcome.result > 'A'")]
    [InlineData("user.profile.department eq 'Finance'")]
    [InlineData("displayName eq 'Finance'")]
    [InlineData("event.target.?[displayName eq 'Finance'].size() > 0 &&")]
    [InlineData("event.target.?[displayName eq 'Finance'].size() > 0 extra")]
    [InlineData("event.outcome.size() > 0")]
    [InlineData("")]
    public void AnythingElseIsNotEvaluated(string expression) =>
        Assert.Equal(FilterVerdict.NotEvaluated, HookFilterExpression.Evaluate(expression, LogEvent));
}
