using System;

namespace OktaEventHooks;

/// <summary>What Test-OktaEventHookEndpoint found when it called a receiver the way Okta does.</summary>
public sealed class EventHookEndpointTestResult
{
    public string Uri { get; set; } = string.Empty;

    /// <summary>True when the receiver answered both the verification and the delivery as Okta requires.</summary>
    public bool Passed { get; set; }

    /// <summary>The HTTP status of the last verification attempt; null when nothing answered.</summary>
    public int? VerificationStatusCode { get; set; }

    public TimeSpan? VerificationLatency { get; set; }

    /// <summary>The HTTP status of the last delivery attempt; null when nothing answered.</summary>
    public int? DeliveryStatusCode { get; set; }

    public TimeSpan? DeliveryLatency { get; set; }

    /// <summary>Each reason Okta would fail, in plain words; empty when the test passed.</summary>
    public string[] Problems { get; set; } = Array.Empty<string>();

    public override string ToString() => Uri + (Passed ? ": passed" : ": failed");
}
