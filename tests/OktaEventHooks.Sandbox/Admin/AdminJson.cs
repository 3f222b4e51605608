using System.Text.Json;
using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Infrastructure;

namespace OktaEventHooks.Sandbox.Admin;

/// <summary>
/// Reading the JSON bodies of the /sandbox endpoints and answering their mistakes. Admin errors are
/// <c>{"error": "…"}</c>, deliberately not Okta's shape: they are the test author's bug, not the org's answer.
/// </summary>
internal static class AdminJson
{
    public static OktaJsonResult BadRequest(string message) =>
        new(400, new JsonObject { ["error"] = message });

    /// <summary>Reads the request body as a JSON object; null (and a message) when it is anything else.</summary>
    public static async Task<(JsonObject? Body, string? Problem)> ReadObjectAsync(HttpContext context)
    {
        try
        {
            var node = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            return node is JsonObject body ? (body, null) : (null, "The body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            return (null, "The body is not valid JSON: " + ex.Message);
        }
    }

    public static bool TryGetInt(JsonNode? node, out int value)
    {
        value = 0;
        return node is JsonValue json && json.GetValueKind() == JsonValueKind.Number && json.TryGetValue(out value);
    }

    public static bool TryGetDouble(JsonNode? node, out double value)
    {
        value = 0;
        return node is JsonValue json && json.GetValueKind() == JsonValueKind.Number && json.TryGetValue(out value);
    }

    public static bool TryGetBool(JsonNode? node, out bool value)
    {
        value = false;
        return node is JsonValue json && json.GetValueKind() is JsonValueKind.True or JsonValueKind.False && json.TryGetValue(out value);
    }

    public static bool TryGetString(JsonNode? node, out string value)
    {
        value = string.Empty;
        return node is JsonValue json && json.GetValueKind() == JsonValueKind.String && json.TryGetValue(out value!);
    }
}
