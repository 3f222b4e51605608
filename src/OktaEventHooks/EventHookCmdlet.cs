using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OktaEventHooks.Client;

namespace OktaEventHooks;

/// <summary>Base of the event-hook cmdlets: the connection, the client and the one error-mapping call.</summary>
public abstract class EventHookCmdlet : OktaCancellableCmdlet
{
    /// <summary>The org to work on. Defaults to the connection made by Connect-OktaOrg in this session.</summary>
    [Parameter]
    [ValidateNotNull]
    public OktaConnection? Connection { get; set; }

    private EventHookClient? _client;

    protected EventHookClient Client => _client ?? throw new InvalidOperationException("BeginProcessing has not run.");

    protected override void BeginProcessing()
    {
        var connection = Connection ?? DefaultConnection.Current;
        if (connection == null)
        {
            ThrowTerminatingError(OktaErrorRecord.Create(
                "NotConnected",
                ErrorCategory.InvalidOperation,
                null,
                "Not connected to an Okta org.",
                "Run Connect-OktaOrg first, or pass a connection with -Connection."));
            return;
        }

        _client = (EventHookClient)connection.ClientHandle;
    }

    /// <summary>
    /// Runs one Okta call. On failure writes a non-terminating error for <paramref name="target"/>
    /// and returns false, so the next pipeline item is still processed.
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
            WriteError(OktaErrorRecord.FromOkta(ex, target));
            result = default!;
            return false;
        }
    }

    /// <summary>Runs one Okta call that returns nothing.</summary>
    protected bool TryCall(object? target, Func<EventHookClient, CancellationToken, Task> call) =>
        TryCall<bool>(target, async (c, t) =>
        {
            await call(c, t).ConfigureAwait(false);
            return true;
        }, out _);

    /// <summary>How a hook is named in confirmations and messages.</summary>
    protected static string Describe(EventHook hook) => $"{hook.Name} ({hook.Id})";
}
