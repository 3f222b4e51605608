using System;
using System.Management.Automation;
using System.Security;
using OktaEventHooks.Client;

namespace OktaEventHooks.Commands
{
    /// <summary>Connects to an Okta org and makes it the session's default connection.</summary>
    [Cmdlet(VerbsCommunications.Connect, "OktaOrg", DefaultParameterSetName = ApiTokenSet)]
    [OutputType(typeof(OktaConnection))]
    public sealed class ConnectOktaOrgCommand : PSCmdlet
    {
        public const string ApiTokenSet = "ApiToken";
        public const string CredentialSet = "Credential";

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNull]
        public Uri OrgUrl { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = ApiTokenSet)]
        [ValidateNotNull]
        public SecureString ApiToken { get; set; } = null!;

        /// <summary>The password is the API token; the user name is not used (Azure Automation credential assets fit here).</summary>
        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; } = null!;

        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = 30;

        [Parameter]
        [ValidateRange(0, 10)]
        public int MaxRetries { get; set; } = 2;

        /// <summary>The share of each Okta rate-limit bucket to use, 1-100 %; requests wait instead of going over it.</summary>
        [Parameter]
        [ValidateRange(1, 100)]
        public int MaxApiCapacity { get; set; } = 100;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            var problem = OrgUrl.IsAbsoluteUri && OrgUrl.Host.IndexOf("-admin.", StringComparison.OrdinalIgnoreCase) >= 0
                ? $"'{OrgUrl}' is the Admin Console address. Use the org URL without '-admin', e.g. https://contoso.okta.com"
                : OrgUrl.IsAbsoluteUri && OrgUrl.AbsolutePath.Trim('/').Length > 0
                    ? $"'{OrgUrl}' has a path. Use the org's base URL only, e.g. https://contoso.okta.com"
                    : OktaEventHooks.Client.OrgUrl.ProblemWith(OrgUrl) is string reason ? $"'{OrgUrl}' {reason}." : null;
            if (problem != null)
            {
                ThrowTerminatingError(OktaErrorRecord.InvalidParameter(nameof(OrgUrl), OrgUrl, problem));
                return;
            }

            var secret = ParameterSetName == CredentialSet ? Credential.Password : ApiToken;
            if (secret.Length == 0)
            {
                var name = ParameterSetName == CredentialSet ? nameof(Credential) : nameof(ApiToken);
                ThrowTerminatingError(OktaErrorRecord.InvalidParameter(name, null, "The API token is empty. Allowed: an Okta API token (Admin Console > Security > API > Tokens)."));
                return;
            }

            var options = new OktaClientOptions(OrgUrl, new ApiTokenAuthorizer(HookParameters.Reveal(secret)))
            {
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                MaxRetries = MaxRetries,
                MaxApiCapacity = MaxApiCapacity,
                UserAgent = ModuleInfo.UserAgent,
            };
            var client = new EventHookClient(options);
            var connection = new OktaConnection(OrgUrl, "SSWS", TimeoutSec, MaxRetries, client);
            OktaSession.Current = connection;
            WriteVerbose($"Connected to {OrgUrl} with an API token (SSWS).");
            if (PassThru)
            {
                WriteObject(connection);
            }
        }
    }
}
