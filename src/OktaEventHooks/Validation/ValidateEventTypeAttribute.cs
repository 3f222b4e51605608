using System;
using OktaEventHooks.Client.EventHooks;

namespace OktaEventHooks.Validation;

/// <summary>
/// An event type name: not empty, no whitespace or control characters, bounded. Names outside the shipped catalog
/// are allowed, because Okta adds event types every month.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateEventTypeAttribute : ValidateTextAttribute
{
    protected override string? ProblemWith(string? value) => EventHookRules.EventTypeProblem(value);
}
