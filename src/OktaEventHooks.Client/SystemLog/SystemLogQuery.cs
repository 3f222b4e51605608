using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using OktaEventHooks.Client.Http;

namespace OktaEventHooks.Client.SystemLog;

/// <summary>
/// Which System Log records about event hooks to read: a bounded window [<see cref="Since"/>, <see cref="Until"/>)
/// (Okta's <c>since</c> is inclusive, <c>until</c> exclusive), event types, failures only, which hooks, the order,
/// and how many. What Okta can filter surely right is sent as its <c>filter</c>; the rest is decided here, per record.
/// </summary>
public sealed class SystemLogQuery
{
    /// <summary>Okta keeps System Log records for 90 days and refuses a <c>since</c> older than that.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(90);

    /// <summary>Okta's largest page.</summary>
    public const int MaxPageSize = 1000;

    public const string EventHookPrefix = "event_hook.";
    /// <summary>Most event types one query names; Okta's filter grows with each, and so does the URL.</summary>
    public const int MaxEventTypes = 100;

    /// <summary>The longest event type name taken (the longest in Okta's catalog has about 70 characters).</summary>
    public const int MaxEventTypeLength = 200;

    /// <summary>The longest first-page URL path and query sent; servers commonly refuse longer ones with 414.</summary>
    public const int MaxPathLength = 6000;

    public const string QuotaWarning = "system.operation.rate_limit.warning";
    public const string QuotaViolation = "system.operation.rate_limit.violation";

    /// <summary><c>debugContext.debugData.operationRateLimitType</c> of the daily event-hook delivery quota.</summary>
    public const string DeliveryQuotaType = "event_hook_delivery";

    public SystemLogQuery(DateTimeOffset since, DateTimeOffset until)
    {
        Since = since;
        Until = until;
    }

    public DateTimeOffset Since { get; }

    public DateTimeOffset Until { get; }

    /// <summary>Event types to read; a value ending in <c>*</c> is a prefix. Empty: every event-hook type (and the quota records when no hook is chosen).</summary>
    public IList<string> EventTypes { get; } = new List<string>();

    /// <summary>Only records whose <c>outcome.result</c> is FAILURE.</summary>
    public bool FailureOnly { get; set; }

    /// <summary>Newest first (Okta's <c>sortOrder=DESCENDING</c>).</summary>
    public bool Newest { get; set; }

    /// <summary>Stop after this many records (and read no further page); null for all.</summary>
    public int? First { get; set; }

    /// <summary>Records that name one of these hooks (in <c>target</c> or <c>debugContext.debugData</c>).</summary>
    public ISet<string> HookIds { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Records whose hook name this accepts (hooks since renamed or deleted); null when hooks are chosen by id only.</summary>
    public Func<string, bool>? HookNameMatches { get; set; }

    /// <summary>True when the records must be about chosen hooks.</summary>
    public bool ChoosesHooks => HookIds.Count > 0 || HookNameMatches != null;

    /// <summary>Records per page: Okta's largest, or fewer when <see cref="First"/> surely needs no more.</summary>
    public int PageSize => First is int first && !NeedsClientFilter ? Math.Max(1, Math.Min(first, MaxPageSize)) : MaxPageSize;

    /// <summary>Null when the query can be sent, else what is wrong and with which parameter.</summary>
    public (string Parameter, string Problem)? Problem(DateTimeOffset now)
    {
        if (Since < now - Retention)
        {
            return ("Since", $"Okta keeps System Log records for 90 days: -Since must be after {(now - Retention).ToLocalTime():yyyy-MM-dd HH:mm}.");
        }

        if (Since >= Until)
        {
            return ("Until", "-Until must be later than -Since.");
        }

        if (EventTypes.Count > MaxEventTypes)
        {
            return ("EventType", $"{EventTypes.Count} event types. Allowed: at most {MaxEventTypes}; a prefix such as event_hook.* covers many.");
        }

        foreach (var type in EventTypes)
        {
            if (type.Length > MaxEventTypeLength)
            {
                return ("EventType", $"an event type of {type.Length} characters. Allowed: names of at most {MaxEventTypeLength} characters such as event_hook.delivery.");
            }

            var name = type.EndsWith("*", StringComparison.Ordinal) ? type.Substring(0, type.Length - 1) : type;
            if (name.Length == 0 || name.Any(c => !(char.IsLetterOrDigit(c) || c == '.' || c == '_' || c == '-')))
            {
                return ("EventType", $"'{type}' is not an event type. Allowed: names such as event_hook.delivery, or a prefix ending in * such as event_hook.*.");
            }
        }

        if (FirstPagePath().Length > MaxPathLength)
        {
            return ("EventType", $"the event types make a request of {FirstPagePath().Length} characters, longer than servers take. Allowed: fewer event types, or a prefix such as event_hook.*.");
        }

        if (First is int first && first < 1)
        {
            return ("First", "-First must be at least 1.");
        }

        return null;
    }

    /// <summary>
    /// Okta's <c>filter</c>: event types (and the outcome with <see cref="FailureOnly"/>), which Okta surely matches as
    /// this module would. Hooks are never filtered by Okta: a <c>target.id</c> filter would drop the records that name
    /// the hook only in <c>debugContext.debugData</c> (Okta has published no example of a failed-delivery record).
    /// </summary>
    public string Filter()
    {
        var types = EventTypes.Count > 0
            ? EventTypes.Select(t => t.EndsWith("*", StringComparison.Ordinal)
                ? $"eventType sw \"{t.Substring(0, t.Length - 1)}\""
                : $"eventType eq \"{t}\"").ToList()
            : ChoosesHooks
                ? new List<string> { $"eventType sw \"{EventHookPrefix}\"" }
                : new List<string> { $"eventType sw \"{EventHookPrefix}\"", $"eventType eq \"{QuotaWarning}\"", $"eventType eq \"{QuotaViolation}\"" };
        var filter = types.Count == 1 ? types[0] : "(" + string.Join(" or ", types) + ")";
        return FailureOnly ? filter + " and outcome.result eq \"FAILURE\"" : filter;
    }

    /// <summary>The path and query of the first page; every later page is the URL Okta links to.</summary>
    public string FirstPagePath()
    {
        // Okta's times have whole milliseconds: the window sent covers the one asked for; Matches trims the edges.
        var until = Until.UtcTicks % TimeSpan.TicksPerMillisecond == 0 ? Until : Until.AddTicks(TimeSpan.TicksPerMillisecond - (Until.UtcTicks % TimeSpan.TicksPerMillisecond));
        var query = new StringBuilder(OktaEndpoints.ReadSystemLog.Path()).Append("?since=").Append(Iso(Since))
            .Append("&until=").Append(Iso(until))
            .Append("&limit=").Append(PageSize.ToString(CultureInfo.InvariantCulture))
            .Append("&sortOrder=").Append(Newest ? "DESCENDING" : "ASCENDING")
            .Append("&filter=").Append(Uri.EscapeDataString(Filter()));
        return query.ToString();
    }

    /// <summary>Whether a record Okta returned is one the caller asked for: in the window, of a wanted type, about a chosen hook.</summary>
    public bool Matches(EventHookLogRecord record, DateTimeOffset? published)
    {
        if (record == null)
        {
            return false;
        }

        if (published is DateTimeOffset at && (at < Since || at >= Until))
        {
            return false;
        }

        var quota = record.EventType == QuotaWarning || record.EventType == QuotaViolation;
        if (quota && !IsDeliveryQuota(record))
        {
            // Okta writes these for every rate limit; only the event-hook delivery quota is about hooks.
            return false;
        }

        if (FailureOnly && !string.Equals(record.Outcome, "FAILURE", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (!ChoosesHooks || (quota && EventTypes.Count > 0))
        {
            return true;
        }

        return record.HookIds.Any(HookIds.Contains)
            || (HookNameMatches != null && record.HookName != null && HookNameMatches(record.HookName));
    }

    // Some records may be dropped here, so a page of exactly First records might not be enough.
    private bool NeedsClientFilter => ChoosesHooks || EventTypes.Count == 0 || EventTypes.Any(t => t.StartsWith("system.", StringComparison.Ordinal) || t.EndsWith("*", StringComparison.Ordinal));

    private static bool IsDeliveryQuota(EventHookLogRecord record) =>
        record.Raw.TryGetValue("debugContext", out var context)
        && context is IDictionary<string, object?> debug
        && debug.TryGetValue("debugData", out var data)
        && data is IDictionary<string, object?> debugData
        && debugData.TryGetValue("operationRateLimitType", out var type)
        && string.Equals(type as string, DeliveryQuotaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>ISO 8601 in UTC with milliseconds, as Okta writes times.</summary>
    public static string Iso(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
