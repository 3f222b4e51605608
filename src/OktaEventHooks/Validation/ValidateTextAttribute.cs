using System;
using System.Management.Automation;

namespace OktaEventHooks.Validation;

/// <summary>
/// A parameter checked, element by element, by one rule of <see cref="Client.EventHooks.EventHookRules"/>: the rule's message is
/// the error, so the binder's error names the parameter and says what is allowed.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public abstract class ValidateTextAttribute : ValidateEnumeratedArgumentsAttribute
{
    /// <summary>Null when <paramref name="value"/> is allowed, else what is wrong with it.</summary>
    protected abstract string? ProblemWith(string? value);

    protected override void ValidateElement(object element)
    {
        var problem = ProblemWith(element as string ?? (element as PSObject)?.BaseObject as string);
        if (problem != null)
        {
            throw new ValidationMetadataException(problem);
        }
    }
}
