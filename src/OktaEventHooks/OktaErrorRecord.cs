using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System;
using OktaEventHooks.Client.Errors;
using OktaEventHooks.Client.EventHooks;
using OktaEventHooks.Client.Http;

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
            new PSArgumentException($"Parameter -{parameterName}: {allowed}", parameterName),
            "InvalidParameter." + parameterName,
            ErrorCategory.InvalidArgument,
            value);

    /// <summary>
    /// Maps a failed Okta call. The error id starts with Okta's errorCode when there is one. Every text is cleaned of
    /// the connection's secrets, whatever a server put in it. <paramref name="leftState"/> tells what a half-done
    /// operation left behind; <paramref name="nameOrg"/> names the org in the message whatever the failure.
    /// </summary>
    public static ErrorRecord FromOkta(
        OktaApiException exception, object? target, EventHookClient client, OktaConnection connection, string? leftState = null, bool nameOrg = false)
    {
        var error = exception.Error;
        var errorId = error.ErrorCode ?? error.Kind switch
        {
            OktaFailureKind.Timeout => "OktaRequestTimeout",
            OktaFailureKind.Network => "OktaConnectionFailed",
            OktaFailureKind.RateLimitExhausted => "OktaRateLimitExhausted",
            OktaFailureKind.UnexpectedResponse => "OktaUnexpectedResponse",
            OktaFailureKind.InvalidCredentials => "OktaInvalidCredentials",
            OktaFailureKind.OutcomeUnknown => "OktaCreateOutcomeUnknown",
            OktaFailureKind.UntrustedLink => "OktaUntrustedLink",
            OktaFailureKind.UnaddressableHook => "EventHookIdUnaddressable",
            OktaFailureKind.EndlessPaging => "OktaEndlessPaging",
            OktaFailureKind.AnswerTooLarge => "OktaAnswerTooLarge",
            _ => "OktaApiError",
        };

        var message = client.Scrub(exception.Message);
        if (nameOrg || error.Kind == OktaFailureKind.Network || error.Kind == OktaFailureKind.Timeout)
        {
            message += $" Org: {connection.OrgUrl}.";
        }

        if (leftState != null)
        {
            message += " " + leftState;
        }

        // The exception carries only the scrubbed text: a host that shows the exception shows no secret either.
        var record = new ErrorRecord(new OktaRequestFailedException(message, error.Scrubbed(client.Options.Authorizer.KnownSecrets.ToArray())), errorId, Category(error), target);
        record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = RecommendedAction(error, connection) };
        return record;
    }

    /// <summary>The category of a failure that is not an HTTP answer, or that is one whatever its status.</summary>
    private static readonly Dictionary<OktaFailureKind, ErrorCategory> CategoryByKind = new Dictionary<OktaFailureKind, ErrorCategory>
    {
        [OktaFailureKind.Timeout] = ErrorCategory.OperationTimeout,
        [OktaFailureKind.Network] = ErrorCategory.ConnectionError,
        [OktaFailureKind.RateLimitExhausted] = ErrorCategory.LimitsExceeded,
        [OktaFailureKind.InvalidCredentials] = ErrorCategory.InvalidArgument,
        [OktaFailureKind.OutcomeUnknown] = ErrorCategory.ResourceUnavailable,
        [OktaFailureKind.UntrustedLink] = ErrorCategory.SecurityError,
        [OktaFailureKind.UnaddressableHook] = ErrorCategory.InvalidData,
        [OktaFailureKind.EndlessPaging] = ErrorCategory.InvalidResult,
        [OktaFailureKind.AnswerTooLarge] = ErrorCategory.InvalidResult,
    };

    /// <summary>The category of an HTTP answer; other 4xx are InvalidResult, 5xx ResourceUnavailable.</summary>
    private static readonly Dictionary<HttpStatusCode, ErrorCategory> CategoryByStatus = new Dictionary<HttpStatusCode, ErrorCategory>
    {
        [HttpStatusCode.BadRequest] = ErrorCategory.InvalidArgument,
        [HttpStatusCode.Unauthorized] = ErrorCategory.AuthenticationError,
        [HttpStatusCode.Forbidden] = ErrorCategory.PermissionDenied,
        [HttpStatusCode.NotFound] = ErrorCategory.ObjectNotFound,
        [(HttpStatusCode)429] = ErrorCategory.LimitsExceeded,
        [HttpStatusCode.RequestTimeout] = ErrorCategory.OperationTimeout,
        [HttpStatusCode.GatewayTimeout] = ErrorCategory.OperationTimeout,
    };

    private static ErrorCategory Category(OktaApiError error)
    {
        if (CategoryByKind.TryGetValue(error.Kind, out var byKind))
        {
            return byKind;
        }

        if (error.StatusCode is not HttpStatusCode status)
        {
            return ErrorCategory.NotSpecified;
        }

        return CategoryByStatus.TryGetValue(status, out var byStatus) ? byStatus
            : (int)status >= 500 ? ErrorCategory.ResourceUnavailable : ErrorCategory.InvalidResult;
    }

    private static string? RecommendedAction(OktaApiError error, OktaConnection connection)
    {
        var oauth = connection.ClientId != null;
        switch (error.ErrorCode)
        {
            case "invalid_client":
                return $"Check the service app {connection.ClientId}: the client id, that it authenticates with 'Public key / Private key', " +
                       "and that the key's public half (with the same kid, -KeyId) is registered on the app in Okta.";
            case "invalid_scope":
                return $"Grant the scopes to the service app {connection.ClientId} in Okta (Okta API Scopes tab), or ask only for granted ones with -Scope. " +
                       $"This connection asked for: {string.Join(" ", connection.Scopes)}.";
            case "invalid_dpop_proof":
            case "use_dpop_nonce":
                return "Connect again; if it persists, check the app's DPoP setting and that this machine's clock is right.";
        }

        switch (error.StatusCode)
        {
            case HttpStatusCode.Unauthorized:
                return oauth
                    ? $"Run Connect-OktaOrg again; check that the service app {connection.ClientId} is active and its key is registered."
                    : connection.AuthMode == "Bearer"
                        ? "The access token expired or was revoked: get a new one and run Connect-OktaOrg -AccessToken again."
                        : "Run Connect-OktaOrg again with a valid API token; Okta API tokens expire after 30 days without use.";
            case HttpStatusCode.Forbidden:
                var scope = error.Scope ?? OktaEndpoints.EventHooksManageScope;
                return oauth
                    ? $"This call needs the OAuth scope {scope}; the connection has {(connection.Scopes.Count == 0 ? "none" : string.Join(", ", connection.Scopes))}. " +
                      $"Grant {scope} to the service app in Okta and connect with -Scope including it."
                    : scope == OktaEndpoints.LogsReadScope
                        ? "The token's admin needs a role that may read the System Log (Super Admin, Org Admin, Read-only Admin, or a custom role with the System Log permission). " +
                          "With OAuth instead, the service app needs the scope okta.logs.read."
                        : "The token's admin needs a role that may manage event hooks (Super Admin, or a custom role with the event hook permissions).";
            case HttpStatusCode.BadRequest when error.IsVerification && error.HookId is { } id:
                return VerificationAdvice(id, null);
            case HttpStatusCode.NotFound:
                return "Check the id; Get-OktaEventHook lists the hooks of the org.";
            case (HttpStatusCode)429:
                return "Wait for the rate-limit window to reset, lower the load with -MaxApiCapacity, or raise -MaxRetries on Connect-OktaOrg.";
        }

        switch (error.Kind)
        {
            case OktaFailureKind.Timeout:
                return "Raise -TimeoutSec on Connect-OktaOrg, or try again later.";
            case OktaFailureKind.Network:
                return $"Check the org URL ({connection.OrgUrl}), that it uses the scheme the server speaks (https://), DNS, proxy and firewall between this machine and Okta.";
            case OktaFailureKind.UnexpectedResponse:
                return $"Check the org URL ({connection.OrgUrl}); a proxy or gateway may be answering instead of Okta.";
            case OktaFailureKind.RateLimitExhausted:
                return "Wait for the rate-limit window to reset, lower the load with -MaxApiCapacity, or raise -MaxRetries on Connect-OktaOrg.";
            case OktaFailureKind.InvalidCredentials:
                return "Run Connect-OktaOrg again with the credential as it was issued: one line, no spaces around it.";
            case OktaFailureKind.OutcomeUnknown:
                return "Check whether the hook exists (Get-OktaEventHook -Name '<name>') before creating it again, so it is not created twice.";
            case OktaFailureKind.UntrustedLink:
                return $"Check the org URL ({connection.OrgUrl}) given to Connect-OktaOrg (its custom domain, if any); a proxy may be rewriting Okta's Link headers.";
        }

        return null;
    }

    /// <summary>
    /// What to do about a failed verification. Okta answers it with a generic 400 and no reason: say where the reason can
    /// be found (what a verification call meets at the endpoint, and the System Log record Okta writes for every attempt),
    /// or, for an INACTIVE <paramref name="hook"/>, that it must be enabled first.
    /// </summary>
    public static string VerificationAdvice(string id, EventHook? hook)
    {
        if (hook?.Status == EventHookStatus.Inactive)
        {
            return $"The hook is INACTIVE: activate it first with Enable-OktaEventHook -Id {id}, then verify it again.";
        }

        return "Okta gives no reason for a failed verification. See what its call meets at the endpoint with " +
               $"Test-OktaEventHookEndpoint -Uri '{hook?.Uri ?? "<the hook's uri>"}' (add -AuthHeaderValue and -Header as the hook has them), " +
               $"and read Okta's record of the attempt with Get-OktaEventHookLog -Id {id} -EventType event_hook.verified.";
    }
}

/// <summary>
/// A failed Okta call as PowerShell shows it: the message only, scrubbed of secrets. (The client's exception and its
/// inner exceptions stay out of the record, so no library's text can reach $Error.)
/// </summary>
[Serializable]
public sealed class OktaRequestFailedException : Exception
{
    internal OktaRequestFailedException(string message, OktaApiError error)
        : base(message)
    {
        Error = error;
    }

    /// <summary>What Okta (or the connection) said, field by field, for scripts that branch on it; cleaned of secrets.</summary>
    public OktaApiError Error { get; }
}
