using System;
using System.Globalization;

namespace OktaEventHooks;

/// <summary>What Send-OktaEventHookEvent did for one hook: what it found in the window, what it sent, and how it ended.</summary>
public sealed class EventResendResult
{
    public string HookId { get; set; } = string.Empty;

    public string HookName { get; set; } = string.Empty;

    /// <summary>The endpoint the events went to (without its query, which may carry a token).</summary>
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>The window read, in local time: from Since (inclusive) to Until (exclusive).</summary>
    public DateTime Since { get; set; }

    public DateTime Until { get; set; }

    /// <summary>The event types resent: the hook's subscribed types, or the subset named with -EventType.</summary>
    public TextList EventTypes { get; set; } = new TextList(Array.Empty<string>());

    /// <summary>Events of those types in the window.</summary>
    public int EventsFound { get; set; }

    /// <summary>Found events the hook's filter turned away, as Okta would have.</summary>
    public int EventsFilteredOut { get; set; }

    /// <summary>Events delivered to the endpoint.</summary>
    public int EventsSent { get; set; }

    /// <summary>POSTs delivered.</summary>
    public int Batches { get; set; }

    /// <summary>The <c>published</c> time of the first and of the last event delivered, in local time.</summary>
    public DateTime? FirstEventTime { get; set; }

    public DateTime? LastEventTime { get; set; }

    /// <summary>Completed, NothingToSend, or Failed.</summary>
    public string Result { get; set; } = string.Empty;

    /// <summary>Why it failed, in plain words; null unless Result is Failed.</summary>
    public string? Problem { get; set; }

    /// <summary>When Result is Failed: the -Since that resends what was not delivered (the first event not delivered).</summary>
    public DateTime? ResumeSince { get; set; }

    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "{0}: {1} of {2} events sent ({3})", HookName, EventsSent, EventsFound, Result);
}
