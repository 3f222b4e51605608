using System;
using OktaEventHooks.Client.EventHooks;

namespace OktaEventHooks.Validation;

/// <summary>A hook name as Okta allows it: 1 to 255 characters, no control or text-direction characters.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateHookNameAttribute : ValidateTextAttribute
{
    protected override string? ProblemWith(string? value) => EventHookRules.NameProblem(value);
}
