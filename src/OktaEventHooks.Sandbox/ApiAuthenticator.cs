using System.Security.Cryptography;
using System.Text;

namespace OktaEventHooks.Sandbox;

/// <summary>
/// Checks <c>Authorization: SSWS &lt;token&gt;</c>. Kept apart from the middleware so other schemes
/// (Bearer/DPoP access tokens from a token endpoint) can be added in one place.
/// </summary>
internal sealed class ApiAuthenticator(SandboxState state)
{
    public const string SswsScheme = "SSWS";

    public bool IsAuthorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !header[..space].Equals(SswsScheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = Encoding.UTF8.GetBytes(header[(space + 1)..].Trim());
        var expected = Encoding.UTF8.GetBytes(state.ApiToken);
        return CryptographicOperations.FixedTimeEquals(presented, expected);
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
}
