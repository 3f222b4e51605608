namespace OktaEventHooks.Sandbox.Hooks;

// The stored model is immutable: the store swaps whole records under its lock, so a snapshot
// handed to a request (or to the verifier, which runs outside the lock) can never change underneath it.

/// <summary>One custom header Okta sends on every call to the hook endpoint.</summary>
internal sealed record HookHeader(string Key, string Value);

/// <summary><c>channel.config.authScheme</c>; the value is write-only in the API and kept only here.</summary>
internal sealed record HookAuthScheme(string Key, string Value);

/// <summary>One <c>events.filter.eventFilterMap</c> entry.</summary>
internal sealed record HookEventFilter(string Event, string Expression);

/// <summary>The caller-controlled part of <c>channel</c> (type, version and method are fixed).</summary>
internal sealed record HookChannel(string Uri, IReadOnlyList<HookHeader> Headers, HookAuthScheme? AuthScheme)
{
    /// <summary>Value equality over the lists too: a PUT that changes any of these needs re-verification.</summary>
    public bool SameAs(HookChannel other) =>
        string.Equals(Uri, other.Uri, StringComparison.Ordinal)
        && Headers.SequenceEqual(other.Headers)
        && Equals(AuthScheme, other.AuthScheme);
}

/// <summary>Everything a POST/PUT body may set.</summary>
internal sealed record HookDefinition(
    string Name,
    string? Description,
    IReadOnlyList<string> EventTypes,
    IReadOnlyList<HookEventFilter>? Filter,
    HookChannel Channel);

internal static class HookStatus
{
    public const string Active = "ACTIVE";
    public const string Inactive = "INACTIVE";
}

internal static class HookVerificationStatus
{
    public const string Unverified = "UNVERIFIED";
    public const string Verified = "VERIFIED";
}

/// <summary>
/// A hook as the org holds it. <paramref name="CreatedBy"/> is the caller of the create: the admin behind an API token,
/// or the OAuth service app's client id (OktaAssumptions A22).
/// </summary>
internal sealed record StoredEventHook(
    string Id,
    long Sequence,
    string Status,
    string VerificationStatus,
    DateTimeOffset Created,
    DateTimeOffset LastUpdated,
    HookDefinition Definition,
    string CreatedBy);
