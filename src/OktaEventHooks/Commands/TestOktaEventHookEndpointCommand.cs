using System.Collections;
using System.Management.Automation;
using System.Security;
using OktaEventHooks.Client.EventHooks;
using OktaEventHooks.Client.Probe;
using OktaEventHooks.Validation;

namespace OktaEventHooks.Commands;

/// <summary>
/// Checks a hook endpoint the way Okta will: the verification GET with a challenge, then a sample event delivery,
/// each against Okta's 3-second limit with one retry. Needs no connection: Okta is not involved.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "OktaEventHookEndpoint", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(EventHookEndpointTestResult))]
public sealed class TestOktaEventHookEndpointCommand : OktaCancellableCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateHookUri]
    public string Uri { get; set; } = null!;

    [Parameter]
    public string AuthHeaderName { get; set; } = EventHookRules.DefaultAuthHeaderName;

    [Parameter]
    [ValidateNotNull]
    public SecureString? AuthHeaderValue { get; set; }

    /// <summary>Custom headers, name to value, as the hook would have them. Piped hooks bind their Headers here.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Headers")]
    public IDictionary? Header { get; set; }

    private EventHookEndpointProbe? _probe;

    /// <summary>This command waits for the admin's own endpoint; Okta is not involved.</summary>
    protected override string WaitActivity => "Waiting for the endpoint";

    protected override void BeginProcessing()
    {
        HookParameters.CheckAuthHeader(this, MyInvocation.BoundParameters.ContainsKey(nameof(AuthHeaderName)), AuthHeaderName, AuthHeaderValue);
        _probe = new EventHookEndpointProbe();
    }

    protected override void ProcessRecord()
    {
        var authName = AuthHeaderValue != null ? AuthHeaderName : null;
        var headers = HookParameters.Headers(this, Header);
        if (EventHookRules.HeadersProblem(headers, authName) is string headerProblem)
        {
            WriteError(OktaErrorRecord.InvalidParameter(nameof(Header), null, headerProblem));
            return;
        }

        if (!ShouldProcess(EventHookRules.Shown(Uri), "Send a verification request and a sample event delivery"))
        {
            return;
        }

        var endpoint = new EventHookDefinition
        {
            Uri = Uri,
            Headers = headers,
            AuthHeaderName = authName,
            AuthHeaderValue = AuthHeaderValue == null ? null : HookParameters.Reveal(AuthHeaderValue),
        };
        var result = Invoke(token => _probe!.TestAsync(endpoint, token));
        foreach (var problem in result.Problems)
        {
            WriteVerbose(problem);
        }

        WriteObject(result);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _probe?.Dispose();
        }

        base.Dispose(disposing);
    }
}
