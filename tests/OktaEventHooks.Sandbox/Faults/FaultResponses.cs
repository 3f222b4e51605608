using System.Text;
using OktaEventHooks.Sandbox.Api;

namespace OktaEventHooks.Sandbox.Faults;

/// <summary>The answers an injected fault puts on the wire in place of the org's own.</summary>
internal static class FaultResponses
{
    public const string BadGatewayHtml = "<html><body>Bad gateway</body></html>";

    /// <summary>
    /// Writes the fault's answer. <paramref name="realBody"/> is what the endpoint produced (after-faults only);
    /// truncation sends its first half under a 200, with a Content-Length that matches, so the client reads a
    /// complete HTTP message whose JSON is broken rather than a connection error.
    /// </summary>
    public static async Task WriteAsync(HttpContext context, FaultSpec fault, byte[] realBody)
    {
        var response = context.Response;
        switch (fault.Mode)
        {
            case FaultMode.Status when fault.OktaBody:
                await OktaErrors.ServerFault(fault.Status!.Value).ExecuteAsync(context);
                break;
            case FaultMode.Status:
                response.StatusCode = fault.Status!.Value;
                response.ContentLength = 0;
                break;
            case FaultMode.Html:
                await WriteBodyAsync(context, StatusCodes.Status502BadGateway, "text/html", Encoding.UTF8.GetBytes(BadGatewayHtml));
                break;
            case FaultMode.Redirect:
                response.StatusCode = StatusCodes.Status307TemporaryRedirect;
                response.Headers.Location = fault.Location;
                response.ContentLength = 0;
                break;
            case FaultMode.Truncated:
                await WriteBodyAsync(context, StatusCodes.Status200OK, "application/json", realBody[..(realBody.Length / 2)]);
                break;
            case FaultMode.Echo:
                var authorization = context.Request.Headers.Authorization.ToString();
                var dpop = context.Request.Headers["DPoP"].ToString();
                var echo = new System.Text.Json.Nodes.JsonObject
                {
                    ["errorCode"] = "E0000001",
                    ["errorSummary"] = $"Api validation failed: request. Received Authorization: {authorization}",
                    ["errorLink"] = "E0000001",
                    ["errorId"] = "oaeEcho" + Guid.NewGuid().ToString("N")[..18],
                    ["errorCauses"] = new System.Text.Json.Nodes.JsonArray(
                        new System.Text.Json.Nodes.JsonObject { ["errorSummary"] = $"header Authorization: {authorization}; DPoP: {dpop}" }),
                };
                await WriteBodyAsync(context, StatusCodes.Status400BadRequest, "application/json", Encoding.UTF8.GetBytes(echo.ToJsonString()));
                break;
            default:
                throw new InvalidOperationException($"Mode {fault.ModeName} does not write an answer.");
        }
    }

    private static async Task WriteBodyAsync(HttpContext context, int status, string contentType, byte[] body)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }
}
