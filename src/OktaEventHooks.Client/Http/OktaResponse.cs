using System;
using System.Net;

namespace OktaEventHooks.Client.Http;

/// <summary>A successful answer from Okta.</summary>
public sealed class OktaResponse
{
    public OktaResponse(HttpStatusCode statusCode, string? content, string? requestId)
    {
        StatusCode = statusCode;
        Content = content;
        RequestId = requestId;
    }

    public HttpStatusCode StatusCode { get; }
    public string? Content { get; }
    public string? RequestId { get; }

    /// <summary>The server's clock when it answered (the Date header, whole seconds), or null without one.</summary>
    public DateTimeOffset? Date { get; set; }

    /// <summary>The URL of the next page (the <c>Link: &lt;…&gt;; rel="next"</c> header), or null on the last page.</summary>
    public Uri? NextLink { get; set; }
}
