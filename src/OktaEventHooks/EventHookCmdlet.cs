using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Threading.Tasks;
using System.Threading;
using System;
using OktaEventHooks.Client.Errors;
using OktaEventHooks.Client.EventHooks;
using OktaEventHooks.Session;

namespace OktaEventHooks;

/// <summary>
/// Base of the event-hook cmdlets: the connection, the client, the one error-mapping call, and the helpers every
/// cmdlet that works on several hooks needs (hooks named by id or by name, the name filter, progress).
/// </summary>
public abstract class EventHookCmdlet : OktaCancellableCmdlet
{
    /// <summary>The org to work on. Defaults to the connection made by Connect-OktaOrg in this session.</summary>
    [Parameter]
    [ValidateNotNull]
    public OktaConnection? Connection { get; set; }

    private EventHookClient? _client;
    private OktaConnection? _connection;
    private IReadOnlyList<EventHook>? _orgHooks;
    private HookProgress? _progress;

    protected EventHookClient Client => _client ?? throw new InvalidOperationException("BeginProcessing has not run.");

    /// <summary>The connection this command uses.</summary>
    protected OktaConnection CurrentConnection => _connection ?? throw new InvalidOperationException("BeginProcessing has not run.");

    /// <summary>What the progress bar of this command is called, e.g. "Disabling event hooks".</summary>
    protected virtual string ProgressActivity => MyInvocation.MyCommand.Name;

    protected override void BeginProcessing()
    {
        _connection = Connection ?? DefaultConnection.Current;
        if (_connection == null)
        {
            ThrowTerminatingError(OktaErrorRecord.Create(
                "NotConnected",
                ErrorCategory.InvalidOperation,
                null,
                "Not connected to an Okta org.",
                "Run Connect-OktaOrg first, or pass a connection with -Connection."));
            return;
        }

        _client = (EventHookClient)_connection.ClientHandle;
    }

    protected override void EndProcessing() => _progress?.Complete();

    /// <summary>
    /// Runs one Okta call. On a failure about <paramref name="target"/> (a hook not found, refused, ...) writes a
    /// non-terminating error and returns false, so the next pipeline item is still processed. A failure that is not
    /// about one hook (the credentials refused, no permission to list, the org unreachable, the rate limit exhausted)
    /// ends the command, so that nothing downstream runs on an empty result.
    /// </summary>
    protected bool TryCall<T>(object? target, Func<EventHookClient, CancellationToken, Task<T>> call, out T result)
    {
        try
        {
            result = Invoke(token => call(Client, token));
            return true;
        }
        catch (OktaApiException ex)
        {
            ReportFailure(ex, target);
            result = default!;
            return false;
        }
    }

    /// <summary>
    /// The one way a failed Okta call becomes an error record: mapped, told with the state a half-done operation left,
    /// shaped by <paramref name="adjust"/> (a better recommendation), then written as a non-terminating error — or, for a
    /// failure that is not about one hook, thrown as a terminating one.
    /// </summary>
    protected void ReportFailure(OktaApiException exception, object? target, Action<ErrorRecord>? adjust = null)
    {
        var left = exception.Error.NothingWritten && LeftStateIfRefused != null ? LeftStateIfRefused : LeftState;
        var record = OktaErrorRecord.FromOkta(exception, target, Client, CurrentConnection, left);
        Written();
        adjust?.Invoke(record);
        if (EndsCommand(exception.Error, target))
        {
            ThrowTerminatingError(record);
        }

        WriteError(record);
    }

    /// <summary>Runs one Okta call that returns nothing.</summary>
    protected bool TryCall(object? target, Func<EventHookClient, CancellationToken, Task> call) =>
        TryCall<bool>(target, async (c, t) =>
        {
            await call(c, t).ConfigureAwait(false);
            return true;
        }, out _);

    protected override string? OrgName => _connection?.OrgUrl.Authority;

    /// <summary>
    /// Asks whether to change <paramref name="target"/> (a hook, "name (id)"), naming the org it is in: with a preview
    /// and a production org connected, the confirmation and -WhatIf say which one would change.
    /// </summary>
    protected bool ShouldProcessInOrg(string target, string action) => ShouldProcess($"{target} in {OrgName}", action);

    /// <summary>
    /// The error for a hook the org returned in a shape this module cannot write back (see EventHook.Malformed), or
    /// null for a well-formed one.
    /// </summary>
    protected static ErrorRecord? MalformedError(EventHook hook) =>
        hook.Malformed == null
            ? null
            : OktaErrorRecord.Create(
                "EventHookMalformed",
                ErrorCategory.InvalidData,
                hook.Id,
                $"The org returned event hook {Describe(hook)} malformed ({hook.Malformed}); it is shown as read, and nothing is written back to it. Nothing was changed.",
                "Correct the hook in the Admin Console (Workflow > Event Hooks), or remove it with Remove-OktaEventHook.");

    /// <summary>How a hook is named in confirmations and messages.</summary>
    protected static string Describe(EventHook hook) => $"{hook?.Name} ({hook?.Id})";

    /// <summary>Every hook of the org, read once per command (a terminating error when the list fails).</summary>
    protected IReadOnlyList<EventHook> OrgHooks()
    {
        if (_orgHooks == null && TryCall(null, (client, token) => client.ListAsync(token), out var hooks))
        {
            _orgHooks = hooks;

            // The full list: completion of -Id and -Name offers every hook of the org.
            SeenEventHooks.ReplaceAll(hooks);
        }

        return _orgHooks ?? Array.Empty<EventHook>();
    }

    /// <summary>
    /// The hooks <paramref name="names"/> select from <paramref name="hooks"/> (wildcards allowed, case ignored), in
    /// the org's order. Like Get-Process: a plain name that matches nothing is an error, a wildcard that matches
    /// nothing is not. Returns false when a plain name matched nothing.
    /// </summary>
    protected bool SelectByName(IReadOnlyList<EventHook> hooks, IReadOnlyCollection<string>? names, out List<EventHook> selected)
    {
        selected = NameFilter.Select(hooks, h => h.Name, names, out var notFound);
        foreach (var name in notFound)
        {
            WriteError(OktaErrorRecord.Create(
                "EventHookNameNotFound",
                ErrorCategory.ObjectNotFound,
                name,
                $"No event hook is named '{name}'.",
                "Run Get-OktaEventHook to list the hooks of the org."));
        }

        return notFound.Count == 0;
    }

    /// <summary>
    /// The hooks that <paramref name="idsOrNames"/> name: a value shaped like an Okta event hook id is an id; any other
    /// value is a hook name (exact; wildcards only where <paramref name="wildcards"/>). Names are looked up in one list
    /// of the org; a name that matches nothing, or several hooks where one is meant, is an error for that value.
    /// </summary>
    protected IEnumerable<HookTarget> ResolveTargets(IEnumerable<string> idsOrNames, bool wildcards)
    {
        foreach (var value in idsOrNames)
        {
            if (EventHookRules.LooksLikeId(value))
            {
                var seen = SeenEventHooks.Find(value);
                yield return new HookTarget(value, seen == null ? value : $"{seen.Name} ({value})", null);
                continue;
            }

            if (!wildcards && WildcardPattern.ContainsWildcardCharacters(value))
            {
                WriteError(OktaErrorRecord.Create(
                    "EventHookIdExpected",
                    ErrorCategory.InvalidArgument,
                    value,
                    $"'{value}' is neither an event hook id nor an exact hook name; this command changes hooks, so it takes no wildcards.",
                    $"Select the hooks first and pipe them: Get-OktaEventHook -Name '{value.Replace("'", "''")}' | {MyInvocation.MyCommand.Name}"));
                continue;
            }

            if (!SelectByName(OrgHooks(), new[] { value }, out var matches))
            {
                continue;
            }

            if (!wildcards && matches.Count > 1)
            {
                WriteError(OktaErrorRecord.Create(
                    "AmbiguousEventHookName",
                    ErrorCategory.InvalidArgument,
                    value,
                    $"{matches.Count} event hooks are named '{value}' ({string.Join(", ", matches.Select(h => h.Id))}); nothing was done to them.",
                    "Name the hook by its id."));
                continue;
            }

            foreach (var hook in matches)
            {
                yield return new HookTarget(hook.Id, Describe(hook), hook);
            }
        }
    }

    /// <summary>
    /// How a target is named in a confirmation or -WhatIf line: "name (id)". An id given alone is named from the hooks
    /// this session has seen, or, when the line is about to be shown (-WhatIf, -Confirm), by reading the hook.
    /// </summary>
    protected string NameForConfirmation(HookTarget target)
    {
        if (target.Hook != null)
        {
            return target.Display;
        }

        if (target.Display != target.Id)
        {
            return target.Display;
        }

        var asking = MyInvocation.BoundParameters.ContainsKey("WhatIf") || MyInvocation.BoundParameters.ContainsKey("Confirm");
        if (asking)
        {
            try
            {
                var hook = Invoke(token => Client.GetAsync(target.Id, token));
                return Describe(hook);
            }
            catch (OktaApiException)
            {
                // The action itself will report what is wrong with this hook.
            }
        }

        return target.Display;
    }

    /// <summary>Runs <paramref name="act"/> for each item, with progress once the work takes a while.</summary>
    protected void ForEachWithProgress<T>(IEnumerable<T> items, Func<T, string> describe, Action<T> act)
    {
        var list = items as IReadOnlyCollection<T>;

        // From the pipeline the number of hooks is not known up front; from a parameter it is.
        int? total = MyInvocation.ExpectingInput || list == null ? null : list.Count;
        _progress ??= new HookProgress(this, ProgressActivity);
        foreach (var item in items)
        {
            _progress.Next(describe(item), total);
            act(item);
        }
    }

    /// <summary>
    /// Failures that are not about the one hook at hand: the credentials, the permission to list, the org unreachable,
    /// the rate limit exhausted, credentials that cannot be sent. They end the command.
    /// </summary>
    private static bool EndsCommand(OktaApiError error, object? target) =>
        error.StatusCode == HttpStatusCode.Unauthorized
        || (error.StatusCode == HttpStatusCode.Forbidden && target == null)
        || error.Kind == OktaFailureKind.Network
        || error.Kind == OktaFailureKind.RateLimitExhausted
        || error.Kind == OktaFailureKind.InvalidCredentials;
}

/// <summary>A hook a command acts on: its id, how it is named in messages, and the hook itself when already read.</summary>
public sealed class HookTarget
{
    public HookTarget(string id, string display, EventHook? hook)
    {
        Id = id;
        Display = display;
        Hook = hook;
    }

    public string Id { get; }

    public string Display { get; }

    public EventHook? Hook { get; }
}
