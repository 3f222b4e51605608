using System;
using System.Collections.Generic;
using System.Globalization;

namespace OktaEventHooks;

/// <summary>
/// One System Log record about event hooks (a lifecycle change, a verification, a failed delivery, a delivery-quota
/// warning), read loosely: every field may be missing, and the whole record as Okta sent it is kept in <see cref="Raw"/>.
/// </summary>
public sealed class EventHookLogRecord
{
    /// <summary>The event types Okta writes about event hooks, then the records of the daily delivery quota.</summary>
    public static IReadOnlyList<string> KnownEventTypes { get; } = new[]
    {
        "event_hook.delivery", "event_hook.verified", "event_hook.created", "event_hook.updated", "event_hook.activated",
        "event_hook.deactivated", "event_hook.deleted", "system.operation.rate_limit.warning", "system.operation.rate_limit.violation",
    };

    private IDictionary<string, object?>? _raw;
    private string? _rawJson;

    /// <summary>When Okta published the record, converted to local time; null when the record has no readable time.</summary>
    public DateTime? Published { get; set; }

    /// <summary>Such as event_hook.delivery, event_hook.verified, event_hook.created.</summary>
    public string EventType { get; set; } = string.Empty;

    /// <summary><c>outcome.result</c>: SUCCESS, FAILURE, ...; null when the record has none.</summary>
    public string? Outcome { get; set; }

    /// <summary><c>outcome.reason</c>: why, in Okta's words (for a failed delivery or verification).</summary>
    public string? Reason { get; set; }

    public string? Severity { get; set; }

    /// <summary>The hook the record names (in <c>target</c> or <c>debugContext.debugData</c>), or null.</summary>
    public string? HookId { get; set; }

    /// <summary>The hook's name as the record gives it, or null when the record names no hook or gives no name.</summary>
    public string? HookName { get; set; }

    /// <summary>Every hook id the record names; a verification or quota record may name several, or none.</summary>
    public string[] HookIds { get; set; } = Array.Empty<string>();

    /// <summary>Who did it: the admin behind an API token, an OAuth service app, or Okta itself.</summary>
    public EventHookLogActor? Actor { get; set; }

    /// <summary><c>displayMessage</c>: Okta's one-line description.</summary>
    public string? DisplayMessage { get; set; }

    /// <summary><c>transaction.id</c>: for a change made through the API, the X-Okta-Request-Id of that request.</summary>
    public string? TransactionId { get; set; }

    /// <summary><c>debugContext.debugData.requestId</c>.</summary>
    public string? RequestId { get; set; }

    /// <summary>The record's <c>uuid</c>.</summary>
    public string? Uuid { get; set; }

    /// <summary>
    /// The whole record as Okta sent it, fields Okta adds later included: a dictionary (keys without regard to case)
    /// of dictionaries, arrays, strings, numbers and booleans. Built when first read.
    /// </summary>
    public IDictionary<string, object?> Raw
    {
        get
        {
            if (_raw == null)
            {
                _raw = RawFactory?.Invoke() ?? new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                RawFactory = null;
            }

            return _raw;
        }
    }

    /// <summary>The whole record as JSON text, as Okta sent it (compact).</summary>
    public string RawJson
    {
        get
        {
            if (_rawJson == null)
            {
                _rawJson = RawJsonFactory?.Invoke() ?? "{}";
                RawJsonFactory = null;
            }

            return _rawJson;
        }
    }

    /// <summary>Set by the reader: builds <see cref="Raw"/> on first use, so a record nobody inspects costs nothing more.</summary>
    internal Func<IDictionary<string, object?>>? RawFactory { get; set; }

    internal Func<string>? RawJsonFactory { get; set; }

    public override string ToString()
    {
        var hook = HookName ?? HookId;
        return string.Format(
            CultureInfo.InvariantCulture,
            "{0:yyyy-MM-dd HH:mm:ss} {1} {2}{3}",
            Published,
            EventType,
            Outcome,
            hook == null ? string.Empty : " " + hook);
    }
}

/// <summary>The <c>actor</c> of a System Log record.</summary>
public sealed class EventHookLogActor
{
    public string? Id { get; set; }

    /// <summary>User (an admin, such as the one behind an API token), PublicClientApp (an OAuth service app), SystemPrincipal (Okta).</summary>
    public string? Type { get; set; }

    public string? AlternateId { get; set; }

    public string? DisplayName { get; set; }

    public override string ToString() =>
        DisplayName != null && AlternateId != null && DisplayName != AlternateId
            ? DisplayName + " (" + AlternateId + ")"
            : DisplayName ?? AlternateId ?? Id ?? string.Empty;
}
