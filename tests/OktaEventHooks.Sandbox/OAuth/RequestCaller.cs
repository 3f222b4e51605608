namespace OktaEventHooks.Sandbox.OAuth;

/// <summary>
/// The OAuth client behind a request, as the request log reports it: set by whoever authenticates the request
/// (the access-token check on /api/v1, the client assertion on the token endpoint), read by the pipeline.
/// </summary>
internal static class RequestCaller
{
    private static readonly object ClientIdKey = new();

    public static void SetClientId(HttpContext context, string? clientId) => context.Items[ClientIdKey] = clientId;

    public static string? ClientIdOf(HttpContext context) =>
        context.Items.TryGetValue(ClientIdKey, out var clientId) ? clientId as string : null;
}
