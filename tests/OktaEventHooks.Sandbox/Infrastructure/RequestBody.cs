namespace OktaEventHooks.Sandbox.Infrastructure;

/// <summary>
/// The raw request body, read once by the pipeline (for the request log) and shared with the endpoints,
/// so logging and validation see exactly the same text.
/// </summary>
internal static class RequestBody
{
    private static readonly object ItemKey = new();

    /// <summary>Reads the body as UTF-8 text; null when there is none.</summary>
    public static async Task<string?> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength is 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count == 0))
        {
            context.Items[ItemKey] = null;
            return null;
        }

        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        var body = text.Length == 0 ? null : text;
        context.Items[ItemKey] = body;
        return body;
    }

    /// <summary>The body the pipeline read for this request.</summary>
    public static string? Get(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var body) ? body as string : null;
}
