using System.Security.Cryptography;

namespace OktaEventHooks.Sandbox.Infrastructure;

/// <summary>Random identifiers in the formats Okta uses.</summary>
internal static class OktaIds
{
    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string UrlSafe = Alphanumerics + "-_";

    /// <summary>
    /// The fixed user id reported as <c>createdBy</c>: the sandbox has a single (imaginary) admin.
    /// Okta user ids are <c>00u</c> + 17 characters.
    /// </summary>
    public const string SandboxAdminUserId = "00uSandbox0Admin0000";

    /// <summary>Event hook ids: <c>who</c> + 17 alphanumerics (20 characters), as every recorded Okta id.</summary>
    public static string NewEventHookId() => "who" + RandomNumberGenerator.GetString(Alphanumerics, 17);

    /// <summary>
    /// The <c>errorId</c> of an error body: <c>oae</c> + 22 url-safe characters, <c>-</c> and <c>_</c> included,
    /// as Okta's (recorded: <c>oae86Af-IhXRnmuuywiEob-6Q</c>).
    /// </summary>
    public static string NewErrorId() => "oae" + RandomNumberGenerator.GetString(UrlSafe, 22);

    /// <summary>Value of <c>X-Okta-Request-Id</c>; unique per request.</summary>
    public static string NewRequestId() => RandomNumberGenerator.GetString(Alphanumerics, 27);

    /// <summary>A fresh verification challenge; unguessable so a stale or echoing endpoint cannot pass.</summary>
    public static string NewVerificationChallenge() => RandomNumberGenerator.GetString(UrlSafe, 43);

    /// <summary>A random API token (40 url-safe characters).</summary>
    public static string NewApiToken() => RandomNumberGenerator.GetString(UrlSafe, 40);
}
