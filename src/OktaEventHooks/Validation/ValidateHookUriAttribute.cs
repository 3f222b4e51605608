using System;
using System.Management.Automation;
using OktaEventHooks.Client;

namespace OktaEventHooks.Validation;

/// <summary>A hook endpoint: absolute https:// (http:// only to loopback), at most 1024 characters, no whitespace.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateHookUriAttribute : ValidateArgumentsAttribute
{
    public const int MaxLength = 1024;

    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var problem = ProblemWith(arguments as string ?? (arguments as PSObject)?.BaseObject as string);
        if (problem != null)
        {
            throw new ValidationMetadataException(problem);
        }
    }

    public static string? ProblemWith(string? value)
    {
        const string Allowed = "Allowed: an absolute https:// URI (http:// only to localhost, 127.0.0.0/8 or ::1) of at most 1024 characters without spaces.";
        if (string.IsNullOrWhiteSpace(value))
        {
            return "The URI is empty. " + Allowed;
        }

        if (value!.Length > MaxLength)
        {
            return $"The URI has {value.Length} characters. " + Allowed;
        }

        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                return "The URI contains whitespace. " + Allowed;
            }
        }

        if (!System.Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            return $"'{value}' is not an absolute URI. " + Allowed;
        }

        var reason = OrgUrl.ProblemWith(uri);
        return reason == null ? null : $"'{value}' {reason}. " + Allowed;
    }
}
