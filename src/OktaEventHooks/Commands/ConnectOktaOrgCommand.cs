using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;
using System;
using OktaEventHooks.Client.Auth;
using OktaEventHooks.Client.Errors;
using OktaEventHooks.Client.EventHooks;
using OktaEventHooks.Client.Http;
using OktaEventHooks.Session;

namespace OktaEventHooks.Commands;

/// <summary>Connects to an Okta org and makes it the session's default connection.</summary>
[Cmdlet(VerbsCommunications.Connect, "OktaOrg", DefaultParameterSetName = ApiTokenSet)]
[OutputType(typeof(OktaConnection))]
public sealed class ConnectOktaOrgCommand : OktaCancellableCmdlet
{
    public const string ApiTokenSet = "ApiToken";
    public const string CredentialSet = "Credential";
    public const string AccessTokenSet = "AccessToken";
    public const string PrivateKeyPathSet = "PrivateKeyPath";
    public const string PrivateKeySet = "PrivateKey";
    public const string EnvironmentSet = "FromEnvironment";

    private static readonly char[] ScopeSeparators = { ' ', ',' };

    /// <summary>The tag Write-Host gives its records: shown at the prompt, kept out of the output.</summary>
    private static readonly string[] HostTags = { "PSHOST" };

    /// <summary>A private key file larger than this is not a key.</summary>
    private const long MaxKeyFileBytes = 64 * 1024;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ApiTokenSet)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = CredentialSet)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = AccessTokenSet)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PrivateKeyPathSet)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PrivateKeySet)]
    [Parameter(Position = 0, ParameterSetName = EnvironmentSet)]
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

    /// <summary>An OAuth access token obtained elsewhere, sent as a Bearer token.</summary>
    [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
    [ValidateNotNull]
    public SecureString AccessToken { get; set; } = null!;

    /// <summary>The client id of an Okta API Services app that uses private_key_jwt.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PrivateKeyPathSet)]
    [Parameter(Mandatory = true, ParameterSetName = PrivateKeySet)]
    [ValidateNotNullOrEmpty]
    public string ClientId { get; set; } = null!;

    /// <summary>A file with the app's private key: PEM (PKCS#1, PKCS#8, SEC1; RSA or EC) or a JWK.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PrivateKeyPathSet)]
    [ValidateNotNullOrEmpty]
    public string PrivateKeyPath { get; set; } = null!;

    /// <summary>The app's private key itself (PEM or JWK text), e.g. from a key vault.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PrivateKeySet)]
    [ValidateNotNull]
    public SecureString PrivateKey { get; set; } = null!;

    /// <summary>The kid of the app's public key registered in Okta; overrides a JWK's own kid.</summary>
    [Parameter(ParameterSetName = PrivateKeyPathSet)]
    [Parameter(ParameterSetName = PrivateKeySet)]
    [ValidateNotNullOrEmpty]
    public string? KeyId { get; set; }

    /// <summary>The OAuth scopes to ask for; the default is okta.eventHooks.read and okta.eventHooks.manage.</summary>
    [Parameter(ParameterSetName = PrivateKeyPathSet)]
    [Parameter(ParameterSetName = PrivateKeySet)]
    [ValidateNotNullOrEmpty]
    public string[]? Scope { get; set; }

    /// <summary>Reads the org and credentials from the Okta SDKs' environment variables (OKTA_CLIENT_*).</summary>
    [Parameter(Mandatory = true, ParameterSetName = EnvironmentSet)]
    public SwitchParameter FromEnvironment { get; set; }

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

    /// <summary>A proxy for all requests; without it the system proxy is used.</summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? Proxy { get; set; }

    [Parameter]
    [Credential]
    [ValidateNotNull]
    public PSCredential? ProxyCredential { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>
    /// Connect without checking the credential (no request, no OAuth token yet): for scripts that prepare a connection
    /// while the org cannot be reached. The first command then finds out whether the credential works.
    /// </summary>
    [Parameter]
    public SwitchParameter SkipValidation { get; set; }

    private string? _orgName;

    protected override string? OrgName => _orgName;

    protected override void EndProcessing()
    {
        var environment = ParameterSetName == EnvironmentSet ? Environment.GetEnvironmentVariables() : new Hashtable();
        var orgUrl = ParameterSetName == EnvironmentSet && OrgUrl == null ? FromVariable(environment, "OKTA_CLIENT_ORGURL") : Client.Http.OrgUrl.WithScheme(OrgUrl);
        if (orgUrl == null)
        {
            return;
        }

        var orgProblem = OrgUrlProblem(orgUrl);
        if (orgProblem != null)
        {
            ThrowTerminatingError(ParameterSetName == EnvironmentSet && OrgUrl == null
                ? EnvironmentError("OKTA_CLIENT_ORGURL", orgProblem)
                : OktaErrorRecord.InvalidParameter(nameof(OrgUrl), orgUrl.IsAbsoluteUri && orgUrl.UserInfo.Length > 0 ? null : EventHookRules.Shown(orgUrl.OriginalString), orgProblem));
            return;
        }

        if (Proxy != null && (!Proxy.IsAbsoluteUri || (Proxy.Scheme != Uri.UriSchemeHttp && Proxy.Scheme != Uri.UriSchemeHttps) || !string.IsNullOrEmpty(Proxy.UserInfo)))
        {
            ThrowTerminatingError(OktaErrorRecord.InvalidParameter(nameof(Proxy), null, "Allowed: an absolute http:// or https:// proxy URI such as http://proxy.contoso.com:8080, without user name or password (give those with -ProxyCredential)."));
            return;
        }

        var authorizer = CreateAuthorizer(environment);
        if (authorizer == null)
        {
            return;
        }

        var options = new OktaClientOptions(orgUrl, authorizer)
        {
            Timeout = TimeSpan.FromSeconds(TimeoutSec),
            MaxRetries = MaxRetries,
            MaxApiCapacity = MaxApiCapacity,
            UserAgent = ModuleInfo.UserAgent,
            Proxy = Proxy == null ? null : new WebProxy(Proxy) { Credentials = ProxyCredential?.GetNetworkCredential() },
        };
        var client = new EventHookClient(options);
        var oauth = authorizer as PrivateKeyJwtAuthorizer;
        var rateLimit = client.RateLimit;
        var connection = new OktaConnection(
            orgUrl,
            () => authorizer.Mode,
            oauth?.ClientId,
            oauth?.Scopes ?? Array.Empty<string>(),
            TimeoutSec,
            MaxRetries,
            MaxApiCapacity,
            () => oauth?.TokenExpiresAt?.LocalDateTime,
            () => rateLimit.Limit is int limit && rateLimit.Reset is DateTimeOffset reset
                ? new RateLimitHeadroom(limit, rateLimit.Remaining ?? 0, reset.LocalDateTime)
                : null,
            client);
        _orgName = orgUrl.Authority;
        var checkedWith = SkipValidation ? null : Check(client, connection, oauth);
        if (!SkipValidation && checkedWith == null)
        {
            return;
        }

        DefaultConnection.Current = connection;
        WriteInformation(new HostInformationMessage { Message = Greeting(orgUrl, authorizer, oauth, checkedWith) }, HostTags);
        WriteOrgVerbose($"Connected to {orgUrl} ({authorizer.Mode}).");
        if (PassThru)
        {
            WriteObject(connection);
        }
    }

    /// <summary>
    /// Checks the credential before the connection becomes the default: an OAuth token is fetched (a wrong key, client id
    /// or scope fails here, not mid-runbook), then the hook list is read once. A refused credential (401) or an org that
    /// cannot be reached ends the command and the previous default stays; a credential that may not read hooks (403)
    /// connects with a warning, since one that may read only the System Log is legitimate. Returns what the org said
    /// ("3 event hooks", or what the credential cannot do), or null after a terminating error.
    /// </summary>
    private string? Check(EventHookClient client, OktaConnection connection, PrivateKeyJwtAuthorizer? oauth)
    {
        try
        {
            if (oauth != null)
            {
                Invoke(token => client.FetchTokenAsync(token));
            }

            var hooks = Invoke(token => client.ListAsync(token));
            SeenEventHooks.ReplaceAll(hooks);
            return hooks.Count == 1 ? "The org has 1 event hook." : $"The org has {hooks.Count} event hooks.";
        }
        catch (OktaApiException ex) when (ex.Error.StatusCode == HttpStatusCode.Forbidden && ex.Error.Request.StartsWith("GET ", StringComparison.Ordinal))
        {
            var denied = OktaErrorRecord.FromOkta(ex, null, client, connection);
            WriteWarning($"Connected to {_orgName}, but this credential cannot read event hooks (Okta answered 403 {ex.Error.ErrorCode}). " +
                         "Commands that read or change hooks will fail; Get-OktaEventHookLog may still work. " + denied.ErrorDetails?.RecommendedAction);
            return "It cannot read event hooks.";
        }
        catch (OktaApiException ex)
        {
            client.Dispose();
            ThrowTerminatingError(OktaErrorRecord.FromOkta(ex, (object?)oauth?.ClientId ?? connection.OrgUrl, client, connection, nameOrg: true));
            return null;
        }
    }

    /// <summary>Which org and which identity, the way Connect-AzAccount and Connect-MgGraph say it; never a secret.</summary>
    private static string Greeting(Uri orgUrl, IRequestAuthorizer authorizer, PrivateKeyJwtAuthorizer? oauth, string? checkedWith)
    {
        var identity = oauth != null
            ? $"as the service app {oauth.ClientId} (OAuth {authorizer.Mode}; scopes {string.Join(" ", oauth.Scopes)})"
            : authorizer.Mode == "Bearer"
                ? "with an OAuth access token (Bearer)"
                : "with an API token (SSWS), acting as the admin who created it";
        var check = checkedWith ?? "The credential was not checked (-SkipValidation).";
        return $"Connected to {orgUrl.Authority} {identity}. {check}";
    }

    private IRequestAuthorizer? CreateAuthorizer(IDictionary environment)
    {
        switch (ParameterSetName)
        {
            case ApiTokenSet:
                return Token(ApiToken, nameof(ApiToken), "SSWS");
            case CredentialSet:
                return Token(Credential.Password, nameof(Credential), "SSWS");
            case AccessTokenSet:
                return Token(AccessToken, nameof(AccessToken), "Bearer");
            case PrivateKeyPathSet:
                return PrivateKeyFromFile();
            case PrivateKeySet:
                return PrivateKeyFrom(HookParameters.Reveal(PrivateKey), nameof(PrivateKey), ClientId, Scope);
            default:
                return FromEnvironmentVariables(environment);
        }
    }

    private ApiTokenAuthorizer? Token(SecureString secret, string parameter, string scheme)
    {
        var token = HookParameters.Reveal(secret);
        if (EventHookRules.SecretProblem(token) is string problem)
        {
            // The message never repeats the token.
            ThrowTerminatingError(OktaErrorRecord.InvalidParameter(parameter, null,
                problem.Replace("The secret", "The token").Replace("a non-empty SecureString", "an Okta API token (Admin Console > Security > API > Tokens) or, for -AccessToken, an OAuth access token")));
            return null;
        }

        return new ApiTokenAuthorizer(token, scheme);
    }

    private PrivateKeyJwtAuthorizer? PrivateKeyFromFile()
    {
        var text = LocalFile.ReadText(this, nameof(PrivateKeyPath), PrivateKeyPath, MaxKeyFileBytes, "the app's private key (PEM or JWK)");
        return PrivateKeyFrom(text, nameof(PrivateKeyPath), ClientId, Scope);
    }

    private PrivateKeyJwtAuthorizer? PrivateKeyFrom(string keyText, string parameter, string clientId, string[]? scopes)
    {
        if (ClientIdProblem(clientId) is string clientProblem)
        {
            ThrowTerminatingError(parameter.StartsWith("OKTA_", StringComparison.Ordinal)
                ? EnvironmentError("OKTA_CLIENT_CLIENTID", clientProblem)
                : OktaErrorRecord.InvalidParameter(nameof(ClientId), clientId, clientProblem));
            return null;
        }

        SigningKey key;
        try
        {
            key = SigningKey.Parse(keyText, KeyId);
        }
        catch (Exception ex)
        {
            // The key parser's own messages name what is wrong, never the key; other libraries' messages are not passed on.
            var problem = ex is ArgumentException
                ? ex.Message
                : "The key could not be read. Allowed: an RSA key, or an EC key on P-256, P-384 or P-521, as PEM (PKCS#1, PKCS#8, SEC1) or as a JWK.";
            var record = parameter.StartsWith("OKTA_", StringComparison.Ordinal)
                ? EnvironmentError(parameter, problem)
                : OktaErrorRecord.InvalidParameter(parameter, parameter == nameof(PrivateKeyPath) ? PrivateKeyPath : null, problem);
            ThrowTerminatingError(record);
            return null;
        }

        return new PrivateKeyJwtAuthorizer(clientId, key, scopes?.SelectMany(s => s.Split(ScopeSeparators, StringSplitOptions.RemoveEmptyEntries)));
    }

    /// <summary>The Okta SDKs' variables: OKTA_CLIENT_ORGURL, _AUTHORIZATIONMODE, _TOKEN, _CLIENTID, _SCOPES, _PRIVATEKEY.</summary>
    private IRequestAuthorizer? FromEnvironmentVariables(IDictionary environment)
    {
        var mode = (environment["OKTA_CLIENT_AUTHORIZATIONMODE"] as string)?.Trim();
        if (string.IsNullOrEmpty(mode) || string.Equals(mode, "SSWS", StringComparison.OrdinalIgnoreCase)
            || string.Equals(mode, "BearerToken", StringComparison.OrdinalIgnoreCase))
        {
            var token = Required(environment, "OKTA_CLIENT_TOKEN");
            if (token != null && EventHookRules.SecretProblem(token) is string problem)
            {
                ThrowTerminatingError(EnvironmentError("OKTA_CLIENT_TOKEN", problem.Replace("The secret", "The token").Replace("a non-empty SecureString", "an Okta API token")));
                return null;
            }

            return token == null ? null : new ApiTokenAuthorizer(token, string.Equals(mode, "BearerToken", StringComparison.OrdinalIgnoreCase) ? "Bearer" : "SSWS");
        }

        if (string.Equals(mode, "PrivateKey", StringComparison.OrdinalIgnoreCase))
        {
            var clientId = Required(environment, "OKTA_CLIENT_CLIENTID");
            var key = clientId == null ? null : Required(environment, "OKTA_CLIENT_PRIVATEKEY");
            if (key == null)
            {
                return null;
            }

            var scopes = (environment["OKTA_CLIENT_SCOPES"] as string)?.Split(ScopeSeparators, StringSplitOptions.RemoveEmptyEntries);
            return PrivateKeyFrom(key, "OKTA_CLIENT_PRIVATEKEY", clientId!, scopes);
        }

        ThrowTerminatingError(EnvironmentError("OKTA_CLIENT_AUTHORIZATIONMODE", $"'{mode}' is not a mode this module knows. Allowed: SSWS, BearerToken, PrivateKey."));
        return null;
    }

    private Uri? FromVariable(IDictionary environment, string name)
    {
        var value = Required(environment, name);
        if (value == null)
        {
            return null;
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.RelativeOrAbsolute, out var typed) || Client.Http.OrgUrl.WithScheme(typed) is not { IsAbsoluteUri: true } uri)
        {
            ThrowTerminatingError(EnvironmentError(name, $"'{value}' is not an absolute URL such as https://contoso.okta.com."));
            return null;
        }

        return uri;
    }

    private string? Required(IDictionary environment, string name)
    {
        var value = environment[name] as string;
        if (string.IsNullOrWhiteSpace(value))
        {
            ThrowTerminatingError(EnvironmentError(name, "is not set."));
            return null;
        }

        return value;
    }

    private static ErrorRecord EnvironmentError(string variable, string problem) =>
        OktaErrorRecord.Create(
            "InvalidEnvironmentVariable." + variable,
            ErrorCategory.InvalidArgument,
            variable,
            char.IsUpper(problem[0]) || problem[0] == '\'' ? $"Environment variable {variable}: {problem}" : $"Environment variable {variable} {problem}",
            "Set the OKTA_CLIENT_* variables the Okta SDKs use, or pass the values as parameters of Connect-OktaOrg.");

    /// <summary>Okta client ids are letters and digits; anything with spaces or control characters is a paste gone wrong.</summary>
    private static string? ClientIdProblem(string? clientId) =>
        string.IsNullOrWhiteSpace(clientId) || clientId!.Length > 100 || clientId.Any(c => !char.IsLetterOrDigit(c) && c != '_' && c != '-')
            ? "is not an OAuth client id. Allowed: the client id of an Okta API Services app, letters and digits such as 0oa8f5j3ecb5w3dF35d7."
            : null;

    private static string? OrgUrlProblem(Uri orgUrl)
    {
        if (orgUrl.IsAbsoluteUri && !string.IsNullOrEmpty(orgUrl.UserInfo))
        {
            // Never repeat the credentials.
            return "The org URL contains a user name or password. Use the org's base URL only, e.g. https://contoso.okta.com, and a credential parameter";
        }

        if (orgUrl.IsAbsoluteUri && (orgUrl.Query.Length > 0 || orgUrl.Fragment.Length > 0))
        {
            return $"'{orgUrl.GetLeftPart(UriPartial.Path)}' has a query or fragment. Use the org's base URL only, e.g. https://contoso.okta.com";
        }

        if (orgUrl.IsAbsoluteUri && orgUrl.Host.IndexOf("-admin.", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return $"'{orgUrl}' is the Admin Console address. Use the org URL without '-admin', e.g. https://contoso.okta.com";
        }

        if (orgUrl.IsAbsoluteUri && orgUrl.AbsolutePath.Trim('/').Length > 0)
        {
            return $"'{orgUrl}' has a path. Use the org's base URL only, e.g. https://contoso.okta.com";
        }

        return Client.Http.OrgUrl.ProblemWith(orgUrl) is string reason ? $"'{orgUrl}' {reason}." : null;
    }
}
