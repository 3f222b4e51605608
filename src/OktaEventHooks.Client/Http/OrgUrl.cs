using System;
using System.Net;

namespace OktaEventHooks.Client.Http;

/// <summary>Rules for org and hook URLs: https, or http only to a loopback host.</summary>
public static class OrgUrl
{
    /// <summary>True for localhost, 127.0.0.0/8 and ::1, judged from the literal host (no DNS lookup).</summary>
    public static bool IsLoopback(Uri uri)
    {
        if (uri == null || !uri.IsAbsoluteUri)
        {
            return false;
        }

        var host = uri.Host.Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }

    /// <summary>Null when the URI is an acceptable secure endpoint, else the reason it is not.</summary>
    public static string? ProblemWith(Uri? uri)
    {
        if (uri == null || !uri.IsAbsoluteUri)
        {
            return "must be an absolute URI such as https://example.okta.com";
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return null;
        }

        if (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri))
        {
            return null;
        }

        return uri.Scheme == Uri.UriSchemeHttp
            ? "must use https:// (http:// is allowed only for a loopback host: localhost, 127.0.0.0/8, ::1)"
            : "must use the https:// scheme";
    }
}
