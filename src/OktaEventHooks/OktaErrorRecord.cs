using System;
using System.Management.Automation;
using System.Net;
using OktaEventHooks.Client;

namespace OktaEventHooks;

/// <summary>The one place that turns failures into error records people can branch on.</summary>
internal static class OktaErrorRecord
{
    /// <summary>An error found by the module itself, before or instead of a request.</summary>
    public static ErrorRecord Create(
        string errorId, ErrorCategory category, object? target, string message, string? recommendedAction = null)
    {
        var record = new ErrorRecord(new InvalidOperationException(message), errorId, category, target);
        if (recommendedAction != null)
        {
            record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction };
        }

        return record;
    }

    /// <summary>A parameter value the module refuses; the message names the parameter and what is allowed.</summary>
    public static ErrorRecord InvalidParameter(string parameterName, object? value, string allowed) =>
        new ErrorRecord(
            new ArgumentException($"Parameter -{parameterName}: {allowed}", parameterName),
            "InvalidParameter." + parameterName,
            ErrorCategory.InvalidArgument,
            value);

    /// <summary>Maps a failed Okta call. The error id starts with Okta's errorCode when there is one.</summary>
    public static ErrorRecord FromOkta(OktaApiException exception, object? target)
    {
        var error = exception.Error;
        var errorId = error.ErrorCode ?? error.Kind switch
        {
            OktaFailureKind.Timeout => "OktaRequestTimeout",
            OktaFailureKind.Network => "OktaConnectionFailed",
            OktaFailureKind.RateLimitExhausted => "OktaRateLimitExhausted",
            OktaFailureKind.UnexpectedResponse => "OktaUnexpectedResponse",
            OktaFailureKind.UntrustedLink => "OktaUntrustedLink",
            _ => "OktaApiError",
        };

        var record = new ErrorRecord(exception, errorId, Category(error), target);
        var action = RecommendedAction(error);
        if (action != null)
        {
            record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = action };
        }

        return record;
    }

    private static ErrorCategory Category(OktaApiError error)
    {
        switch (error.Kind)
        {
            case OktaFailureKind.Timeout:
                return ErrorCategory.OperationTimeout;
            case OktaFailureKind.Network:
                return ErrorCategory.ConnectionError;
            case OktaFailureKind.RateLimitExhausted:
                return ErrorCategory.LimitsExceeded;
            case OktaFailureKind.UntrustedLink:
                return ErrorCategory.SecurityError;
        }

        switch (error.StatusCode)
        {
            case HttpStatusCode.BadRequest:
                return ErrorCategory.InvalidArgument;
            case HttpStatusCode.Unauthorized:
                return ErrorCategory.AuthenticationError;
            case HttpStatusCode.Forbidden:
                return ErrorCategory.PermissionDenied;
            case HttpStatusCode.NotFound:
                return ErrorCategory.ObjectNotFound;
            case (HttpStatusCode)429:
                return ErrorCategory.LimitsExceeded;
            case HttpStatusCode.RequestTimeout:
            case HttpStatusCode.GatewayTimeout:
                return ErrorCategory.OperationTimeout;
            case null:
                return ErrorCategory.NotSpecified;
        }

        return (int)error.StatusCode.Value >= 500 ? ErrorCategory.ResourceUnavailable : ErrorCategory.InvalidResult;
    }

    private static string? RecommendedAction(OktaApiError error)
    {
        switch (error.StatusCode)
        {
            case HttpStatusCode.Unauthorized:
                return "Run Connect-OktaOrg again with a valid API token; Okta API tokens expire after 30 days without use.";
            case HttpStatusCode.Forbidden when IsSystemLogRead(error):
                return SystemLogPermission;
            case HttpStatusCode.Forbidden:
                return "The token's admin needs a role that may manage event hooks (Super Admin, or a custom role with okta.eventhooks.manage).";
            case HttpStatusCode.BadRequest when VerifiedHookId(error) is { } id:
                return $"Okta gives no reason for a failed verification here. Check the endpoint as Okta calls it with 'Test-OktaEventHookEndpoint -Uri <the hook's uri>', and read Okta's reason with 'Get-OktaEventHookLog -Id {id} -EventType event_hook.verified'.";
            case HttpStatusCode.NotFound:
                return "Check the id; Get-OktaEventHook lists the hooks of the org.";
            case (HttpStatusCode)429:
                return "Wait for the rate-limit window to reset, or raise -MaxRetries on Connect-OktaOrg.";
        }

        switch (error.Kind)
        {
            case OktaFailureKind.Timeout:
                return "Raise -TimeoutSec on Connect-OktaOrg, or try again later.";
            case OktaFailureKind.Network:
                return "Check the org URL, DNS, proxy and firewall between this machine and Okta.";
            case OktaFailureKind.UnexpectedResponse:
                return "Check the org URL; a proxy or gateway may be answering instead of Okta.";
            case OktaFailureKind.UntrustedLink:
                return "Check the org URL given to Connect-OktaOrg (its custom domain, if any); a proxy may be rewriting Okta's Link headers.";
        }

        return null;
    }

    private const string SystemLogPermission =
        "Reading the System Log needs its own permission. With OAuth: grant the service app the scope okta.logs.read (Okta API Scopes tab) " +
        "and connect with it, for example -Scope okta.eventHooks.read, okta.logs.read. With an API token: the token's admin needs an admin role " +
        "that may view the System Log (Super, Org, Read-only or Report Administrator).";

    private static bool IsSystemLogRead(OktaApiError error) =>
        error.Request.StartsWith("GET api/v1/logs", StringComparison.OrdinalIgnoreCase);

    /// <summary>The hook id of a failed verify call (POST api/v1/eventHooks/{id}/lifecycle/verify), else null.</summary>
    private static string? VerifiedHookId(OktaApiError error)
    {
        const string Prefix = "POST api/v1/eventHooks/";
        const string Suffix = "/lifecycle/verify";
        var request = error.Request;
        return request.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && request.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase)
            ? Uri.UnescapeDataString(request.Substring(Prefix.Length, request.Length - Prefix.Length - Suffix.Length))
            : null;
    }
}
