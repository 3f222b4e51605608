using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OktaEventHooks.Sandbox.Infrastructure;

/// <summary>
/// Writes a JSON body with exactly <c>Content-Type: application/json</c>, as Okta does.
/// Used for API responses, error bodies and the admin endpoints alike.
/// </summary>
internal sealed class OktaJsonResult(int statusCode, JsonNode? body) : IResult
{
    // Relaxed escaping keeps expressions such as "a && b" readable; the body is never embedded in HTML.
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public int StatusCode => statusCode;

    public static string Serialize(JsonNode? node) => node?.ToJsonString(WriteOptions) ?? "null";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = "application/json";
        return httpContext.Response.WriteAsync(Serialize(body), httpContext.RequestAborted);
    }
}
