namespace OktaEventHooks.Sandbox.SystemLog;

/// <summary>The System Log event types Okta writes about event hooks (fact sheet: system-log.md).</summary>
internal static class SystemLogEventTypes
{
    public const string Created = "event_hook.created";
    public const string Updated = "event_hook.updated";
    public const string Activated = "event_hook.activated";
    public const string Deactivated = "event_hook.deactivated";
    public const string Deleted = "event_hook.deleted";
    public const string Verified = "event_hook.verified";
    public const string Delivery = "event_hook.delivery";
    public const string RateLimitWarning = "system.operation.rate_limit.warning";
    public const string RateLimitViolation = "system.operation.rate_limit.violation";

    /// <summary><c>debugContext.debugData.operationRateLimitType</c> of the daily event-hook delivery quota.</summary>
    public const string DeliveryQuotaType = "event_hook_delivery";

    /// <summary>Okta's daily quota of event-hook deliveries per org, and where it warns.</summary>
    public const int DailyDeliveryQuota = 400_000;
    public const int DailyDeliveryQuotaWarning = 280_000;
}
