using System.Management.Automation;
using System.Net;
using OktaEventHooks.Client.Errors;

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
        if (!ShouldProcessInOrg(display, "Verify event hook endpoint"))
        {
            return;
        }

        try
        {
            var hook = Invoke(token => Client.VerifyAsync(id, token));
            WriteObject(Quiet ? (object)(hook.VerificationStatus == EventHookVerificationStatus.Verified) : hook);
        }
        catch (OktaApiException ex) when (Quiet && ex.Error.StatusCode == HttpStatusCode.BadRequest)
        {
            WriteOrgVerbose(ex.Message);
            WriteObject(false);
        }
        catch (OktaApiException ex)
        {
            ReportFailure(ex, id, record =>
            {
                if (ex.Error.StatusCode == HttpStatusCode.BadRequest)
                {
                    record.ErrorDetails.RecommendedAction = WhyItFailed(id);
                }
            });
        }
    }

    /// <summary>The advice for a failed verification, with the hook's own uri and status when it can be read.</summary>
    private string WhyItFailed(string id)
    {
        EventHook? hook = null;
        try
        {
            hook = Invoke(token => Client.GetAsync(id, token));
        }
        catch (OktaApiException)
        {
            // The advice does without the hook's details.
        }

        return OktaErrorRecord.VerificationAdvice(id, hook);
    }
}
