using System.Management.Automation;
using OktaEventHooks.Session;

namespace OktaEventHooks.Commands;

/// <summary>Forgets the session's default connection.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "OktaOrg")]
public sealed class DisconnectOktaOrgCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        var connection = DefaultConnection.Current;
        DefaultConnection.Current = null;
        WriteVerbose(connection == null ? "There was no connection." : $"Disconnected from {connection.OrgUrl}.");
    }
}
