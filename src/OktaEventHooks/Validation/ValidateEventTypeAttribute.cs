using System;
using System.Management.Automation;

namespace OktaEventHooks.Validation;

/// <summary>
/// An event type name: not empty, no whitespace. Names outside the shipped catalog are allowed,
/// because Okta adds event types every month.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateEventTypeAttribute : ValidateEnumeratedArgumentsAttribute
{
    protected override void ValidateElement(object element)
    {
        var value = element as string ?? (element as PSObject)?.BaseObject as string;
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ValidationMetadataException(
                "An event type is empty. Allowed: event-hook-eligible event type names such as user.lifecycle.create.");
        }

        foreach (var c in value!)
        {
            if (char.IsWhiteSpace(c))
            {
                throw new ValidationMetadataException(
                    $"The event type '{value}' contains whitespace. Allowed: event type names such as user.lifecycle.create.");
            }
        }
    }
}
