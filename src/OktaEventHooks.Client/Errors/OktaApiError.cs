using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace OktaEventHooks.Client.Errors;

/// <summary>What kind of failure ended a request; the cmdlets map each to an error category.</summary>
public enum OktaFailureKind
{
    /// <summary>Okta answered with an error body (errorCode, errorSummary, ...).</summary>
    OktaError,
    /// <summary>An HTTP error whose body is not Okta's JSON (an HTML proxy page, an empty 500).</summary>
    UnexpectedResponse,
    /// <summary>No answer within the timeout.</summary>
    Timeout,
    /// <summary>The connection failed (DNS, refused, reset, TLS).</summary>
    Network,
    /// <summary>Still rate limited after every allowed retry, or no room in the window before the call's deadline.</summary>
    RateLimitExhausted,
    /// <summary>The credentials cannot be sent at all (a line break or a character HTTP headers cannot carry); nothing was sent.</summary>
    InvalidCredentials,
    /// <summary>A create may or may not have reached Okta, and checking for it failed: the outcome is unknown.</summary>
    OutcomeUnknown,
    /// <summary>Okta's answer linked to another origin than the org's; the link was not followed (nothing was sent there).</summary>
    UntrustedLink,
    /// <summary>The org returned a hook whose id cannot be put in a request path (empty, or '../..'); nothing was sent.</summary>
    UnaddressableHook,
    /// <summary>The org's System Log paging made no progress (records repeated, time went back, too many pages); reading stopped.</summary>
    EndlessPaging,
    /// <summary>An answer larger than the client reads (OktaClientOptions.MaxAnswerBytes); it was not kept, and not asked for again.</summary>
    AnswerTooLarge,
}

/// <summary>Okta's error, parsed from the response, plus what HTTP said about it.</summary>
public sealed class OktaApiError
{
    public OktaFailureKind Kind { get; set; }

    /// <summary>HTTP status, or null when no response arrived.</summary>
    public HttpStatusCode? StatusCode { get; set; }

    /// <summary>Okta's code such as E0000007, or the OAuth error word; null when the body had none.</summary>
    public string? ErrorCode { get; set; }
    public string? ErrorSummary { get; set; }
    public string? ErrorId { get; set; }
    public string? ErrorLink { get; set; }
    public IList<string> ErrorCauses { get; set; } = new List<string>();

    /// <summary>The X-Okta-Request-Id of the failed response, for Okta Support.</summary>
    public string? RequestId { get; set; }

    /// <summary>HTTP method and path of the failed request (never a query string or body).</summary>
    public string Request { get; set; } = string.Empty;

    /// <summary>The id of the hook the failed call was about; null for a call about no one hook (a list, a log read).</summary>
    public string? HookId { get; set; }

    /// <summary>The OAuth scope the failed call needed (from the endpoint table); null for the token endpoint.</summary>
    public string? Scope { get; set; }

    /// <summary>True for a failed verification call, whose 400 Okta gives without a reason.</summary>
    public bool IsVerification { get; set; }

    /// <summary>
    /// False only when the request surely never reached Okta (connection refused, host not found);
    /// a create that failed otherwise may still have created the hook.
    /// </summary>
    public bool MayHaveReachedOkta { get; set; } = true;

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; set; } = 1;

    /// <summary>
    /// True when it is certain that the request changed nothing: it was never sent, or its one attempt was refused with
    /// a 4xx answer. A lost answer, a timeout, a reset or a 5xx leave the outcome in doubt, and so does a retried request
    /// (an earlier attempt may have gone through).
    /// </summary>
    public bool NothingWritten =>
        !MayHaveReachedOkta
        || Kind == OktaFailureKind.InvalidCredentials
        || (Attempts == 1
            && (Kind == OktaFailureKind.OktaError || Kind == OktaFailureKind.UnexpectedResponse || Kind == OktaFailureKind.RateLimitExhausted)
            && StatusCode is HttpStatusCode status && (int)status >= 400 && (int)status < 500);

    /// <summary>
    /// This error with every text a server or a library supplied cleaned of <paramref name="secrets"/> and of
    /// anything shaped like a credential, so that an echoing proxy cannot put a token into a message.
    /// </summary>
    public OktaApiError Scrubbed(params string?[] secrets)
    {
        // Server text, fit to show: no secret, and no control character that would drive the terminal.
        ErrorCode = SecretScrubber.WithControlsEscaped(SecretScrubber.Scrub(ErrorCode, secrets));
        ErrorSummary = SecretScrubber.WithControlsEscaped(SecretScrubber.Scrub(ErrorSummary, secrets));
        ErrorId = SecretScrubber.WithControlsEscaped(SecretScrubber.Scrub(ErrorId, secrets));
        ErrorLink = SecretScrubber.WithControlsEscaped(SecretScrubber.Scrub(ErrorLink, secrets));
        ErrorCauses = ErrorCauses.Select(c => SecretScrubber.WithControlsEscaped(SecretScrubber.Scrub(c, secrets)) ?? string.Empty).ToList();
        RequestId = SecretScrubber.WithControlsEscaped(SecretScrubber.Scrub(RequestId, secrets));
        return this;
    }
}
