using System;
using OktaEventHooks.Client.EventHooks;

namespace OktaEventHooks.Validation;

/// <summary>A -Name filter: a usable wildcard pattern of sensible length, no control characters.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateNamePatternAttribute : ValidateTextAttribute
{
    protected override string? ProblemWith(string? value) => EventHookRules.NameProblem(value) ?? NameFilter.PatternProblem(value);
}
