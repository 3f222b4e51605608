using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System;
using OktaEventHooks.Client.EventHooks;
using OktaEventHooks.Client.Probe;
using OktaEventHooks.Client.SystemLog;
using OktaEventHooks.Completion;
using OktaEventHooks.Session;
using OktaEventHooks.Validation;

namespace OktaEventHooks.Commands;

/// <summary>
/// Resends the System Log events a hook missed (a receiver down for a while, the daily quota reached) to its endpoint,
/// in Okta's delivery envelope, filtered as Okta filters them. A resend can trigger downstream automation twice, so it
/// is confirmed (ConfirmImpact High), -WhatIf reads the log and sends nothing, and receivers should dedupe by uuid.
/// </summary>
[Cmdlet(VerbsCommunications.Send, "OktaEventHookEvent", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(EventResendResult))]
public sealed class SendOktaEventHookEventCommand : EventHookCmdlet
{
    /// <summary>The hook: its id, or its exact name. Piped hooks bind their Id.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("EventHookId")]
    [ValidateHookIdOrName]
    [ArgumentCompleter(typeof(EventHookIdCompleter))]
    public string Id { get; set; } = null!;

    /// <summary>Start of the window (inclusive); the System Log keeps 90 days.</summary>
    [Parameter(Mandatory = true)]
    public DateTime Since { get; set; }

    /// <summary>End of the window (exclusive).</summary>
    [Parameter(Mandatory = true)]
    public DateTime Until { get; set; }

    /// <summary>Only these of the hook's subscribed event types; default all of them.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SubscribedEventTypeCompleter))]
    public string[]? EventType { get; set; }

    /// <summary>The value of the hook's auth header, which Okta never returns; required when the hook has one.</summary>
    [Parameter]
    [ValidateNotNull]
    public SecureString? AuthHeaderValue { get; set; }

    /// <summary>Events per POST.</summary>
    [Parameter]
    [ValidateRange(1, EventResender.MaxBatchSize)]
    public int BatchSize { get; set; } = EventResender.DefaultBatchSize;

    private EventHookEndpointProbe? _probe;

    /// <summary>Set when reading the System Log failed: later hooks of the pipeline are not resent either.</summary>
    private bool _stopped;

    protected override string ProgressActivity => "Resending events";

    protected override void BeginProcessing()
    {
        // The window is checked before any call: nothing is read or sent for a window Okta would refuse.
        var window = new SystemLogQuery(new DateTimeOffset(Since), new DateTimeOffset(Until));
        if (window.Problem(DateTimeOffset.UtcNow) is { } problem)
        {
            ThrowTerminatingError(OktaErrorRecord.InvalidParameter(problem.Parameter, problem.Parameter == nameof(Since) ? Since : Until, problem.Problem));
        }

        HookParameters.CheckAuthHeader(this, false, null, AuthHeaderValue);
        base.BeginProcessing();
        _probe = new EventHookEndpointProbe();
    }

    protected override void ProcessRecord()
    {
        if (_stopped)
        {
            return;
        }

        foreach (var target in ResolveTargets(new[] { Id }, wildcards: false))
        {
            // Read fresh: the endpoint, headers and filters are Okta's as of now, not a piped object's.
            if (TryCall(target.Id, (client, token) => client.GetAsync(target.Id, token), out var hook))
            {
                SeenEventHooks.Remember(hook);
                Resend(hook);
            }
        }
    }

    private void Resend(EventHook hook)
    {
        var request = NewRequest(hook);
        var display = Describe(hook);
        var endpoint = EndpointForDisplay(hook);
        if (WhatIfRequested())
        {
            request.DryRun = true;
            var counted = Run(hook, new EventResender(Client, _probe!, request), endpoint);
            if (_stopped)
            {
                return;
            }

            var types = counted.FoundByType.Count == 0
                ? "no events"
                : string.Join(", ", counted.FoundByType.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key} ×{t.Value}"));
            ShouldProcessInOrg(display, string.Format(
                CultureInfo.CurrentCulture,
                "Resend {0} events to {1} ({2} found in the window: {3}; {4} filtered out by the hook's filter){5}",
                counted.Sent, endpoint, counted.Found, types, counted.FilteredOut,
                hook.HasAuthHeader && AuthHeaderValue == null ? "; a real run needs -AuthHeaderValue" : string.Empty));
            return;
        }

        if (!ShouldProcessInOrg(display, $"Resend the events of {Window()} ({string.Join(", ", request.EventTypes)}) to {endpoint}"))
        {
            return;
        }

        WarnAboutState(hook);
        var resender = new EventResender(Client, _probe!, request);
        var result = Result(hook, endpoint, Run(hook, resender, endpoint));
        WriteObject(result);
        if (result.Result == "Failed")
        {
            var resume = ResumeCommand(hook, resender.ResumeSince);
            ThrowTerminatingError(OktaErrorRecord.Create(
                "EventResendFailed",
                ErrorCategory.ConnectionError,
                hook.Id,
                $"The resend to {display} stopped: the endpoint {result.Problem}{(resender.Failure!.Attempts > 1 ? " on the retry too" : string.Empty)}. " +
                Delivered(resender) + " Nothing more was sent.",
                $"Fix the receiver, then resend what it did not get: {resume}"));
        }
    }

    /// <summary>Checks what the hook needs and builds the resend; a terminating error, before anything is read, when it cannot be done.</summary>
    private EventResendRequest NewRequest(EventHook hook)
    {
        var subscribed = hook.EventTypes.ToList();
        var types = subscribed;
        if (EventType != null)
        {
            var unknown = EventType.Where(t => !subscribed.Contains(t.Trim(), StringComparer.Ordinal)).ToList();
            if (unknown.Count > 0)
            {
                ThrowTerminatingError(OktaErrorRecord.InvalidParameter(
                    nameof(EventType),
                    EventType,
                    $"{string.Join(", ", unknown)} {(unknown.Count == 1 ? "is" : "are")} not subscribed by {Describe(hook)}. Allowed: its event types, {string.Join(", ", subscribed)}. Nothing was sent."));
            }

            types = subscribed.Where(t => EventType.Any(e => string.Equals(e.Trim(), t, StringComparison.Ordinal))).ToList();
        }

        if (hook.HasAuthHeader && AuthHeaderValue == null && !WhatIfRequested())
        {
            ThrowTerminatingError(OktaErrorRecord.Create(
                "AuthHeaderValueRequired",
                ErrorCategory.InvalidArgument,
                hook.Id,
                $"Parameter -AuthHeaderValue: the event hook {Describe(hook)} sends an auth header ({hook.AuthHeaderName}) whose value Okta never returns, " +
                "so the resend cannot send it without you. Nothing was sent.",
                $"Repeat with -AuthHeaderValue (the secret the receiver expects in {hook.AuthHeaderName})."));
        }

        if (!hook.HasAuthHeader && AuthHeaderValue != null)
        {
            WriteWarning($"The event hook {Describe(hook)} has no auth header; -AuthHeaderValue is not sent.");
        }

        var definition = EventHookDefinition.From(hook);
        definition.AuthHeaderValue = hook.HasAuthHeader && AuthHeaderValue != null ? HookParameters.Reveal(AuthHeaderValue) : null;
        if (!hook.HasAuthHeader)
        {
            definition.AuthHeaderName = null;
        }

        var request = new EventResendRequest(
            definition,
            new Uri(CurrentConnection.OrgUrl, "api/v1/eventHooks/" + hook.Id).AbsoluteUri,
            new DateTimeOffset(Since),
            new DateTimeOffset(Until),
            types)
        {
            BatchSize = BatchSize,
            Filters = hook.Filter.GroupBy(f => f.Event, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Expression, StringComparer.Ordinal),
        };
        if (EventResender.FilterProblem(request) is string filterProblem)
        {
            ThrowTerminatingError(OktaErrorRecord.Create("EventHookFilterNotEvaluable", ErrorCategory.NotImplemented, hook.Id, filterProblem + " Nothing was sent."));
        }

        return request;
    }

    /// <summary>Reads and sends batch by batch; after each, the state a stop would leave is known.</summary>
    private EventResender Run(EventHook hook, EventResender resender, string endpoint)
    {
        var progress = new LogProgress(this, resender.Request.DryRun ? $"Counting the events to resend to {hook.Name}" : $"Resending events to {hook.Name}");
        try
        {
            while (!resender.Done)
            {
                LeftState = resender.Request.DryRun ? null : StoppedState(hook, resender, endpoint);
                if (CancelToken.IsCancellationRequested)
                {
                    TellLeftState("Stopped");
                    throw new PipelineStoppedException();
                }

                // A failed read is reported (with the state, from LeftState) by TryCall, or ends the command there.
                if (!TryCall(hook.Id, (_, token) => resender.ReadAsync(token), out var ready))
                {
                    _stopped = true;
                    break;
                }

                if (ready)
                {
                    resender.TakeBatch();
                    LeftState = StoppedState(hook, resender, endpoint);
                    Invoke(token => resender.SendBatchAsync(token));
                }

                progress.Update(resender.Reader, resender.Request.DryRun ? null : $"{Count(resender.Sent, "event")} sent in {Count(resender.Batches, "batch")}");
            }
        }
        finally
        {
            LeftState = null;
            progress.Complete();
        }

        return resender;
    }

    private EventResendResult Result(EventHook hook, string endpoint, EventResender resender) => new EventResendResult
    {
        HookId = hook.Id,
        HookName = hook.Name,
        Endpoint = endpoint,
        Since = Since,
        Until = Until,
        EventTypes = new TextList(resender.Request.EventTypes),
        EventsFound = resender.Found,
        EventsFilteredOut = resender.FilteredOut,
        EventsSent = resender.Sent,
        Batches = resender.Batches,
        FirstEventTime = resender.FirstSent?.LocalDateTime,
        LastEventTime = resender.LastSent?.LocalDateTime,
        Result = resender.Failure != null || _stopped ? "Failed" : resender.Found - resender.FilteredOut == 0 ? "NothingToSend" : "Completed",
        Problem = resender.Failure?.Failure ?? (_stopped ? "the System Log could not be read (see the error)" : null),
        ResumeSince = resender.Failure != null || _stopped ? resender.ResumeSince.LocalDateTime : (DateTime?)null,
    };

    /// <summary>What a stop now leaves: what was delivered, what may be in flight, and how to resume.</summary>
    private string StoppedState(EventHook hook, EventResender resender, string endpoint) =>
        $"The resend to {endpoint} ({Describe(hook)}) was stopped. {Delivered(resender)}" +
        (resender.InFlight > 0 ? $" A batch of {Count(resender.InFlight, "event")} from {Time(resender.InFlightFrom)} was in flight and may or may not have arrived." : string.Empty) +
        $" To resend the rest: {ResumeCommand(hook, resender.ResumeSince)}";

    private static string Delivered(EventResender resender) =>
        resender.Sent == 0
            ? "No event was delivered."
            : $"{Count(resender.Sent, "event")} {(resender.Sent == 1 ? "was" : "were")} delivered in {Count(resender.Batches, "batch")}, the last one published {Time(resender.LastSent)}.";

    private static string Count(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? noun : noun.EndsWith("ch", StringComparison.Ordinal) ? noun + "es" : noun + "s");

    private string ResumeCommand(EventHook hook, DateTimeOffset since) =>
        string.Format(
            CultureInfo.InvariantCulture,
            "Send-OktaEventHookEvent -Id {0} -Since '{1}' -Until '{2}'{3}{4}",
            hook.Id,
            SystemLogQuery.Iso(since),
            SystemLogQuery.Iso(new DateTimeOffset(Until)),
            EventType == null ? string.Empty : " -EventType " + string.Join(",", EventType),
            hook.HasAuthHeader ? " -AuthHeaderValue <the secret>" : string.Empty);

    private static string Time(DateTimeOffset? value) => value.HasValue ? SystemLogQuery.Iso(value.Value) : "(unknown)";

    private string Window() =>
        string.Format(CultureInfo.CurrentCulture, "{0:G} to {1:G}", Since, Until);

    private void WarnAboutState(EventHook hook)
    {
        if (!string.Equals(hook.Status, EventHookStatus.Active, StringComparison.OrdinalIgnoreCase) || !string.Equals(hook.VerificationStatus, EventHookVerificationStatus.Verified, StringComparison.OrdinalIgnoreCase))
        {
            WriteWarning($"The event hook {Describe(hook)} is {hook.Status} and {hook.VerificationStatus}: Okta delivers new events only to ACTIVE and VERIFIED hooks. The resend goes to its endpoint all the same.");
        }
    }

    /// <summary>The hook's endpoint as messages show it: without its query, which may carry a token.</summary>
    private static string EndpointForDisplay(EventHook hook) =>
        System.Uri.TryCreate(hook.Uri, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : hook.Uri ?? string.Empty;

    /// <summary>-WhatIf, or $WhatIfPreference: the resend is then counted, not sent.</summary>
    private bool WhatIfRequested() =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out var bound)
            ? LanguagePrimitives.IsTrue(bound)
            : LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _probe?.Dispose();
        }

        base.Dispose(disposing);
    }
}
