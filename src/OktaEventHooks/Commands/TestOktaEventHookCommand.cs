using System.Management.Automation;
using System.Net;
using OktaEventHooks.Client;

namespace OktaEventHooks.Commands;

/// <summary>Asks Okta to verify hooks: Okta sends the one-time challenge GET to the endpoint.</summary>
[Cmdlet(VerbsDiagnostic.Test, "OktaEventHook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = InputObjectSet)]
[OutputType(typeof(EventHook), typeof(bool))]
public sealed class TestOktaEventHookCommand : HookTargetCmdlet
{
    /// <summary>Return $true or $false instead of the hook; a failed verification is then not an error.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override string ProgressActivity => "Verifying event hooks";

    protected override void ProcessHook(string id, string display)
    {
        if (!ShouldProcess(display, "Verify event hook endpoint"))
        {
            return;
        }

        try
        {
            var hook = Invoke(token => Client.VerifyAsync(id, token));
            WriteObject(Quiet ? (object)(hook.VerificationStatus == "VERIFIED") : hook);
        }
        catch (OktaApiException ex) when (Quiet && ex.Error.StatusCode == HttpStatusCode.BadRequest)
        {
            WriteVerbose(ex.Message);
            WriteObject(false);
        }
        catch (OktaApiException ex)
        {
            var record = OktaErrorRecord.FromOkta(ex, id, Client, CurrentConnection);
            if (ex.Error.StatusCode == HttpStatusCode.BadRequest)
            {
                record.ErrorDetails.RecommendedAction = WhyItFailed(id);
            }

            WriteError(record);
        }
    }

    /// <summary>
    /// Okta answers a failed verification with a generic 400 and no reason. Say where the reason can be found: what a
    /// verification call meets at the endpoint, and the System Log record Okta writes for every attempt.
    /// </summary>
    private string WhyItFailed(string id)
    {
        EventHook? hook = null;
        try
        {
            hook = Invoke(token => Client.GetAsync(id, token));
        }
        catch (OktaApiException)
        {
            // The recommendation does without the hook's details.
        }

        if (hook?.Status == "INACTIVE")
        {
            return $"The hook is INACTIVE: activate it first with Enable-OktaEventHook -Id {id}, then verify it again.";
        }

        var uri = hook?.Uri ?? "<the hook's uri>";
        return "Okta does not say why a verification failed. See what its call meets at the endpoint with " +
               $"Test-OktaEventHookEndpoint -Uri '{uri}' (add -AuthHeaderValue and -Header as the hook has them), " +
               $"and read Okta's record of the attempt with Get-OktaEventHookLog -Id {id} -EventType event_hook.verified.";
    }
}
