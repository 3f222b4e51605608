using System.Security.Cryptography;
using System.Text;
using OktaEventHooks.Sandbox.Infrastructure;
using OktaEventHooks.Sandbox.OAuth;

namespace OktaEventHooks.Sandbox.Api;

/// <summary>
/// Checks the credential of an /api/v1 call: <c>Authorization: SSWS &lt;api token&gt;</c>, or an access token from
/// the org authorization server as <c>Bearer &lt;token&gt;</c> / <c>DPoP &lt;token&gt;</c> (see <see cref="AccessTokenAuthenticator"/>).
/// </summary>
internal sealed class ApiAuthenticator(SandboxState state, AccessTokenAuthenticator accessTokens)
{
    public const string SswsScheme = "SSWS";

    /// <summary>Null when the call may go ahead; otherwise the answer to send.</summary>
    public IResult? Authenticate(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            return OktaErrors.InvalidToken();
        }

        // Auth scheme names are case-insensitive (RFC 9110 §11.1).
        var scheme = header[..space];
        var credential = header[(space + 1)..].Trim();
        if (scheme.Equals(SswsScheme, StringComparison.OrdinalIgnoreCase))
        {
            return IsApiToken(credential) ? null : OktaErrors.InvalidToken();
        }

        if (scheme.Equals(AccessTokenAuthenticator.BearerScheme, StringComparison.OrdinalIgnoreCase))
        {
            return accessTokens.Authenticate(context, AccessTokenAuthenticator.BearerScheme, credential);
        }

        if (scheme.Equals(AccessTokenAuthenticator.DpopScheme, StringComparison.OrdinalIgnoreCase))
        {
            return accessTokens.Authenticate(context, AccessTokenAuthenticator.DpopScheme, credential);
        }

        return OktaErrors.InvalidToken();
    }

    /// <summary>
    /// The scheme word only, for the request log: never the credential. A header without a
    /// scheme word yields "" because the whole value may be a bare token.
    /// </summary>
    public static string? SchemeOf(HttpRequest request)
    {
        if (!request.Headers.TryGetValue("Authorization", out var values))
        {
            return null;
        }

        var header = values.ToString().Trim();
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 ? header[..space] : string.Empty;
    }

    private bool IsApiToken(string credential)
    {
        var presented = Encoding.UTF8.GetBytes(credential);
        var expected = Encoding.UTF8.GetBytes(state.ApiToken);
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }
}
