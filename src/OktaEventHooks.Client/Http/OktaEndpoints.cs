using System;
using System.Collections.Generic;
using System.Linq;
using RestSharp;

namespace OktaEventHooks.Client.Http;

/// <summary>
/// One of Okta's rate-limit buckets: the first three segments of the paths it counts (lower case), and the name people
/// call it by in messages.
/// </summary>
public sealed class OktaBucket
{
    internal OktaBucket(string prefix, string name)
    {
        Prefix = prefix;
        Name = name;
    }

    /// <summary>The first three path segments, lower case: <c>api/v1/eventhooks</c>.</summary>
    public string Prefix { get; }

    /// <summary>As people call it: "the Event Hooks API".</summary>
    public string Name { get; }
}

/// <summary>
/// One Okta operation the module calls: its HTTP method and path template, the rate-limit bucket it counts against,
/// and the OAuth scope it needs.
/// </summary>
public sealed class OktaEndpoint
{
    private const string IdPlaceholder = "{id}";

    internal OktaEndpoint(Method method, string pathTemplate, OktaBucket bucket, string? scope)
    {
        Method = method;
        PathTemplate = pathTemplate;
        Bucket = bucket;
        Scope = scope;
    }

    internal Method Method { get; }

    /// <summary>The path below the org URL, with <c>{id}</c> where a hook id goes.</summary>
    public string PathTemplate { get; }

    public OktaBucket Bucket { get; }

    /// <summary>The OAuth scope a service app needs for this call; null for the token endpoint itself.</summary>
    public string? Scope { get; }

    /// <summary>The path for <paramref name="id"/>, escaped; callers check the id with <c>EventHookRules.IdProblem</c> first.</summary>
    public string Path(string? id = null) =>
        id == null ? PathTemplate : PathTemplate.Replace(IdPlaceholder, Uri.EscapeDataString(id));
}

/// <summary>
/// The facts of Okta's API that the module relies on, in one table: the client builds its requests from it, the pacer
/// names buckets from it, and the error mapping reads the scope a failed call needed from it.
/// </summary>
public static class OktaEndpoints
{
    public const string EventHooksReadScope = "okta.eventHooks.read";
    public const string EventHooksManageScope = "okta.eventHooks.manage";
    public const string LogsReadScope = "okta.logs.read";

    /// <summary>The bucket most calls count against, as a constant for the pacer's defaults.</summary>
    public const string EventHooksBucketPrefix = "api/v1/eventhooks";

    public static readonly OktaBucket EventHooksApi = new OktaBucket(EventHooksBucketPrefix, "the Event Hooks API");
    public static readonly OktaBucket SystemLogApi = new OktaBucket("api/v1/logs", "the System Log");
    public static readonly OktaBucket TokenApi = new OktaBucket("oauth2/v1/token", "the token endpoint");

    public static readonly OktaEndpoint ListEventHooks = new OktaEndpoint(Method.Get, "api/v1/eventHooks", EventHooksApi, EventHooksReadScope);
    public static readonly OktaEndpoint GetEventHook = new OktaEndpoint(Method.Get, "api/v1/eventHooks/{id}", EventHooksApi, EventHooksReadScope);
    public static readonly OktaEndpoint CreateEventHook = new OktaEndpoint(Method.Post, "api/v1/eventHooks", EventHooksApi, EventHooksManageScope);
    public static readonly OktaEndpoint ReplaceEventHook = new OktaEndpoint(Method.Put, "api/v1/eventHooks/{id}", EventHooksApi, EventHooksManageScope);
    public static readonly OktaEndpoint DeleteEventHook = new OktaEndpoint(Method.Delete, "api/v1/eventHooks/{id}", EventHooksApi, EventHooksManageScope);
    public static readonly OktaEndpoint ActivateEventHook = new OktaEndpoint(Method.Post, "api/v1/eventHooks/{id}/lifecycle/activate", EventHooksApi, EventHooksManageScope);
    public static readonly OktaEndpoint DeactivateEventHook = new OktaEndpoint(Method.Post, "api/v1/eventHooks/{id}/lifecycle/deactivate", EventHooksApi, EventHooksManageScope);
    public static readonly OktaEndpoint VerifyEventHook = new OktaEndpoint(Method.Post, "api/v1/eventHooks/{id}/lifecycle/verify", EventHooksApi, EventHooksManageScope);
    public static readonly OktaEndpoint ReadSystemLog = new OktaEndpoint(Method.Get, "api/v1/logs", SystemLogApi, LogsReadScope);
    public static readonly OktaEndpoint Token = new OktaEndpoint(Method.Post, "oauth2/v1/token", TokenApi, null);

    /// <summary>The scopes a service app needs for everything the module does with event hooks.</summary>
    public static readonly IReadOnlyList<string> EventHookScopes = new[] { EventHooksReadScope, EventHooksManageScope };

    private static readonly OktaBucket[] Buckets = { EventHooksApi, SystemLogApi, TokenApi };

    /// <summary>A bucket as people call it: "the Event Hooks API", "the System Log", or "/" and its path for one not in the table.</summary>
    public static string DescribeBucket(string bucket) =>
        Buckets.FirstOrDefault(b => string.Equals(b.Prefix, bucket, StringComparison.Ordinal))?.Name ?? "/" + bucket;
}
