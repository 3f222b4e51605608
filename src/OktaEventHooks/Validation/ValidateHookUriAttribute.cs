using System.Management.Automation;
using System;
using OktaEventHooks.Client.EventHooks;

namespace OktaEventHooks.Validation;

/// <summary>A hook endpoint as <see cref="EventHookRules.UriProblem"/> allows it.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateHookUriAttribute : ValidateArgumentsAttribute
{
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var problem = EventHookRules.UriProblem(arguments as string ?? (arguments as PSObject)?.BaseObject as string);
        if (problem != null)
        {
            throw new ValidationMetadataException(problem);
        }
    }
}
