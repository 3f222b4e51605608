using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Admin;
using OktaEventHooks.Sandbox.Infrastructure;

namespace OktaEventHooks.Sandbox.OAuth;

/// <summary>
/// Test-only endpoints to register, list and revoke OAuth service-app clients (what an Okta admin does in the
/// console). Like the other /sandbox endpoints: no authentication, not logged, never rate-limited or faulted.
/// </summary>
internal static class OAuthAdminEndpoints
{
    public const string ClientsPath = AdminEndpoints.BasePath + "/oauth/clients";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(ClientsPath, (OAuthState oauth) =>
            new OktaJsonResult(200, new JsonArray(oauth.Clients.List().Select(c => (JsonNode)c.ToJson()).ToArray())));

        // Registering an existing clientId replaces it (keys, scopes, settings); tokens already issued keep theirs.
        routes.MapPost(ClientsPath, async (HttpContext context, OAuthState oauth) =>
        {
            var (json, problem) = await AdminJson.ReadObjectAsync(context);
            if (json is null)
            {
                return AdminJson.BadRequest(problem!);
            }

            var (client, invalid) = OAuthClientRegistration.Parse(json);
            if (client is null)
            {
                return AdminJson.BadRequest(invalid!);
            }

            oauth.Clients.Register(client);
            return new OktaJsonResult(201, client.ToJson());
        });

        routes.MapPost(ClientsPath + "/{clientId}/revoke", (string clientId, OAuthState oauth) =>
            oauth.Revoke(clientId)
                ? Results.NoContent()
                : new OktaJsonResult(404, new JsonObject { ["error"] = $"No client '{clientId}' is registered." }));
    }
}
