using System.Management.Automation;
using OktaEventHooks.Session;

namespace OktaEventHooks.Commands;

/// <summary>Returns the session's default connection.</summary>
[Cmdlet(VerbsCommon.Get, "OktaConnection")]
[OutputType(typeof(OktaConnection))]
public sealed class GetOktaConnectionCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        var connection = DefaultConnection.Current;
        if (connection == null)
        {
            WriteError(OktaErrorRecord.Create(
                "NotConnected", ErrorCategory.ObjectNotFound, null, "Not connected to an Okta org.", "Run Connect-OktaOrg first."));
            return;
        }

        WriteObject(connection);
    }
}
