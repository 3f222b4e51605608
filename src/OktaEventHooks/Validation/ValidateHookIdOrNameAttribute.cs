using System;
using OktaEventHooks.Client.EventHooks;

namespace OktaEventHooks.Validation;

/// <summary>An event hook id, or a hook name (1 to 255 characters, no control characters) where a name may stand for it.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateHookIdOrNameAttribute : ValidateTextAttribute
{
    protected override string? ProblemWith(string? value)
    {
        var problem = EventHookRules.IdProblem(value) == null ? null : EventHookRules.NameProblem(value) ?? NameFilter.PatternProblem(value);
        return problem == null ? null : problem.Replace("The name", "The value") + " Allowed: an event hook id such as who4k2Zq7RmT9xPcN1d7, or a hook's name.";
    }
}
