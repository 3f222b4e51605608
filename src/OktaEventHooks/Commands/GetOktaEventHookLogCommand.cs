using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System;
using OktaEventHooks.Client.Errors;
using OktaEventHooks.Client.SystemLog;
using OktaEventHooks.Completion;
using OktaEventHooks.Session;

namespace OktaEventHooks.Commands;

/// <summary>
/// Reads what Okta's System Log says about event hooks (failed deliveries, verification attempts, lifecycle changes
/// and the delivery-quota records) as typed records, page by page, for one bounded time window.
/// </summary>
[Cmdlet(VerbsCommon.Get, "OktaEventHookLog", DefaultParameterSetName = AllSet)]
[OutputType(typeof(EventHookLogRecord))]
public sealed class GetOktaEventHookLogCommand : HookSelectionCmdlet
{
    public const string InputObjectSet = "InputObject";

    /// <summary>Hooks from Get-OktaEventHook.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public EventHook[] InputObject { get; set; } = null!;

    [Parameter]
    public DateTime? Since { get; set; }

    [Parameter]
    public DateTime? Until { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LogEventTypeCompleter))]
    public string[]? EventType { get; set; }

    [Parameter]
    public SwitchParameter FailureOnly { get; set; }

    [Parameter]
    public SwitchParameter Newest { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? First { get; set; }

    private readonly HashSet<string> _hookIds = new HashSet<string>(StringComparer.Ordinal);

    protected override void ProcessRecord()
    {
        // Hooks from the pipeline are gathered first: one query for all of them, not one per hook.
        if (ParameterSetName == InputObjectSet)
        {
            _hookIds.UnionWith(InputObject.Select(h => h.Id));
        }
        else if (ParameterSetName == IdSet)
        {
            _hookIds.UnionWith(ResolveTargets(Id, wildcards: true).Select(target => target.Id));
        }
    }

    protected override void EndProcessing()
    {
        if ((ParameterSetName == IdSet || ParameterSetName == InputObjectSet) && _hookIds.Count == 0)
        {
            return;
        }

        var query = BuildQuery();
        var reader = Client.ReadSystemLog(query);
        var progress = new LogProgress(this);
        while (!reader.Done)
        {
            // Ctrl+C between pages; within a page the token reaches the HTTP call.
            if (CancelToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            // A failure ends the read, with what was written so far: the credentials, the permission, the org
            // unreachable or the rate limit exhausted end the command (terminating), anything else is written as an error.
            if (!TryCall(null, (_, token) => reader.ReadPageAsync(token), out var page))
            {
                progress.Complete();
                return;
            }

            // Each page goes down the pipeline as it arrives; nothing is kept.
            WriteObject(page, enumerateCollection: true);
            progress.Update(reader);
        }

        progress.Complete();
        WriteOrgVerbose($"Read {reader.RecordsReturned} of {reader.RecordsRead} records in {reader.PagesRead} pages; {reader.EndReason}.");
    }

    private SystemLogQuery BuildQuery()
    {
        var until = Until.HasValue ? Moment(Until.Value, nameof(Until)) : DateTimeOffset.Now;
        var since = Since.HasValue ? Moment(Since.Value, nameof(Since)) : Moment(until.DateTime - DefaultWindow, nameof(Until));
        var query = new SystemLogQuery(since, until)
        {
            FailureOnly = FailureOnly,
            Newest = Newest,
            First = First,
        };
        foreach (var type in EventType ?? Array.Empty<string>())
        {
            query.EventTypes.Add(type.Trim());
        }

        query.HookIds.UnionWith(_hookIds);
        if (ParameterSetName == NameSet)
        {
            AddHooksByName(query);
        }

        if (query.Problem(DateTimeOffset.UtcNow) is { } problem)
        {
            ThrowTerminatingError(OktaErrorRecord.InvalidParameter(
                problem.Parameter,
                problem.Parameter switch { "Since" => Since, "Until" => Until, "First" => First, _ => EventType },
                problem.Problem));
        }

        WriteOrgVerbose($"System Log from {SystemLogQuery.Iso(query.Since)} until {SystemLogQuery.Iso(query.Until)}, filter: {query.Filter()}");
        return query;
    }

    /// <summary>
    /// A date of -Since or -Until as a moment; one so near the ends of the calendar that it has no UTC equivalent
    /// ([datetime]::MaxValue, MinValue) is a parameter error, not an exception.
    /// </summary>
    private DateTimeOffset Moment(DateTime value, string parameter)
    {
        var problem = $"{value:yyyy-MM-dd HH:mm} is not a time the System Log can hold. Allowed: a time within the last {SystemLogQuery.Retention.TotalDays:0} days, such as (Get-Date).AddHours(-24).";
        try
        {
            var moment = new DateTimeOffset(value);
            _ = moment.UtcDateTime - DefaultWindow; // the window before it must exist too
            if (moment <= DateTimeOffset.Now + MaxAhead)
            {
                return moment;
            }
        }
        catch (ArgumentOutOfRangeException)
        {
        }

        ThrowTerminatingError(OktaErrorRecord.InvalidParameter(parameter, value, problem));
        throw new InvalidOperationException(problem); // not reached: ThrowTerminatingError throws
    }

    /// <summary>How far ahead -Until may be: the records of the next hours do not exist yet, but a window ending soon is fine.</summary>
    private static readonly TimeSpan MaxAhead = TimeSpan.FromDays(1);

    /// <summary>
    /// -Name: the ids of today's hooks with those names, and any record whose hook name matches (a hook renamed or
    /// deleted since). Without permission to list hooks, the names in the records alone decide.
    /// </summary>
    private void AddHooksByName(SystemLogQuery query)
    {
        var patterns = Name.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToArray();
        query.HookNameMatches = name => patterns.Any(p => p.IsMatch(name));
        try
        {
            var hooks = Invoke(token => Client.ListAsync(token));
            SeenEventHooks.ReplaceAll(hooks);
            query.HookIds.UnionWith(hooks.Where(h => patterns.Any(p => p.IsMatch(h.Name))).Select(h => h.Id));
        }
        catch (OktaApiException ex)
        {
            WriteWarning($"The hooks could not be listed ({Client.Scrub(ex.Message)}); records are matched by the hook name they carry.");
        }
    }
}
