namespace OktaEventHooks;

/// <summary>The values of <see cref="EventHook.Status"/>, as Okta spells them.</summary>
public static class EventHookStatus
{
    /// <summary>The hook receives events (once it is also VERIFIED).</summary>
    public const string Active = "ACTIVE";

    /// <summary>The hook receives nothing; only an INACTIVE hook can be deleted.</summary>
    public const string Inactive = "INACTIVE";
}

/// <summary>The values of <see cref="EventHook.VerificationStatus"/>, as Okta spells them.</summary>
public static class EventHookVerificationStatus
{
    /// <summary>The endpoint answered Okta's verification challenge.</summary>
    public const string Verified = "VERIFIED";

    /// <summary>Not verified yet, or changed since (a new uri makes a hook UNVERIFIED).</summary>
    public const string Unverified = "UNVERIFIED";
}
