using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Admin;

namespace OktaEventHooks.Sandbox.OAuth;

/// <summary>
/// Reads the JSON posted to <c>/sandbox/oauth/clients</c>. Strict like the fault rules: an unknown field or a wrong
/// type is refused, so a registration never silently differs from what the test author wrote.
/// </summary>
internal static class OAuthClientRegistration
{
    public const int MaxTokenLifetimeSeconds = 86_400;

    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal)
    {
        "clientId", "jwks", "scopes", "requireDpop", "tokenLifetimeSeconds",
    };

    public static (OAuthClient? Client, string? Problem) Parse(JsonObject json)
    {
        if (json.Select(p => p.Key).FirstOrDefault(k => !KnownFields.Contains(k)) is { } unknown)
        {
            return (null, $"Unknown field '{unknown}'.");
        }

        if (!AdminJson.TryGetString(json["clientId"], out var clientId) || !IsToken(clientId))
        {
            return (null, "'clientId' must be a non-empty string without whitespace.");
        }

        var (keys, keyProblem) = PublicJwk.ParseSet(json["jwks"]);
        if (keys is null)
        {
            return (null, keyProblem);
        }

        IReadOnlyList<string> scopes = [OAuthClient.ReadScope, OAuthClient.ManageScope];
        if (json.ContainsKey("scopes"))
        {
            var listed = new List<string>();
            if (json["scopes"] is not JsonArray array)
            {
                return (null, "'scopes' must be an array of scope names.");
            }

            foreach (var item in array)
            {
                if (!AdminJson.TryGetString(item, out var scope) || !IsToken(scope))
                {
                    return (null, "'scopes' must hold non-empty strings without whitespace.");
                }

                listed.Add(scope);
            }

            scopes = listed.Distinct(StringComparer.Ordinal).ToList();
        }

        var requireDpop = false;
        if (json.ContainsKey("requireDpop") && !AdminJson.TryGetBool(json["requireDpop"], out requireDpop))
        {
            return (null, "'requireDpop' must be true or false.");
        }

        var lifetime = OAuthClient.DefaultTokenLifetimeSeconds;
        if (json.ContainsKey("tokenLifetimeSeconds")
            && (!AdminJson.TryGetInt(json["tokenLifetimeSeconds"], out lifetime) || lifetime is < 1 or > MaxTokenLifetimeSeconds))
        {
            return (null, $"'tokenLifetimeSeconds' must be a whole number from 1 to {MaxTokenLifetimeSeconds}.");
        }

        return (new OAuthClient(clientId, keys, scopes, requireDpop, lifetime), null);
    }

    /// <summary>A client given at start-up: both Okta event-hook scopes, no DPoP requirement, Okta's lifetime.</summary>
    /// <exception cref="ArgumentException">The client id or its key is unusable.</exception>
    public static OAuthClient FromStartup(SandboxOAuthClient startup)
    {
        if (!IsToken(startup.ClientId))
        {
            throw new ArgumentException($"OAuth client id '{startup.ClientId}' must be non-empty and contain no whitespace.", nameof(startup));
        }

        var (keys, problem) = PublicJwk.ParseKeyFile(startup.PublicKey);
        return keys is null
            ? throw new ArgumentException($"OAuth client '{startup.ClientId}': {problem}.", nameof(startup))
            : new(startup.ClientId, keys, [OAuthClient.ReadScope, OAuthClient.ManageScope], RequireDpop: false, OAuthClient.DefaultTokenLifetimeSeconds);
    }

    public static bool IsToken(string value) => value.Length > 0 && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
}
