using System;

namespace OktaEventHooks;

/// <summary>
/// Whether one hook is receiving events, and if not why: its state at Okta, the failures the System Log holds for it
/// in the window, and the org's standing (ACTIVE hooks against Okta's limit, delivery-quota warnings).
/// </summary>
public sealed class EventHookHealth
{
    public string Id { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>ACTIVE or INACTIVE.</summary>
    public string Status { get; set; } = string.Empty;

    /// <summary>VERIFIED or UNVERIFIED.</summary>
    public string Verification { get; set; } = string.Empty;

    /// <summary>True when the hook has none of the problems below.</summary>
    public bool Healthy { get; set; }

    /// <summary>Each reason the hook is not healthy, as a plain sentence; empty when it is healthy.</summary>
    public string[] Problems { get; set; } = Array.Empty<string>();

    /// <summary>Failed deliveries to the hook in the window, the last one's reason and time (local).</summary>
    public int FailedDeliveries { get; set; }

    public string? LastFailureReason { get; set; }

    public DateTime? LastFailureTime { get; set; }

    /// <summary>Failed verification attempts in the window.</summary>
    public int FailedVerifications { get; set; }

    /// <summary>Subscribed event types Okta no longer offers to hooks.</summary>
    public TextList RetiredEventTypes { get; set; } = new TextList(Array.Empty<string>());

    /// <summary>ACTIVE hooks in the org, and Okta's limit for them.</summary>
    public int ActiveHooksInOrg { get; set; }

    public int ActiveHookLimit { get; set; }

    /// <summary>The org's daily delivery-quota warnings and violations in the window (they stop deliveries to every hook).</summary>
    public int QuotaWarnings { get; set; }

    /// <summary>The window read: from Since (local) until the command ran.</summary>
    public DateTime Since { get; set; }

    public DateTime Until { get; set; }

    public override string ToString() => Name + (Healthy ? ": healthy" : ": " + string.Join(" ", Problems));
}
