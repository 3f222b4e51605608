using System;
using System.Net.Http;

namespace OktaEventHooks.Client.Http;

/// <summary>
/// The one HTTP stack of the module: every request, to Okta (<see cref="OktaHttpTransport"/>, through RestSharp) and
/// to a hook's endpoint (<c>EventHookEndpointProbe</c>: the endpoint test and the resend of events), leaves through a
/// handler set up here. No redirect is followed (credentials and hook secrets must not reach another host), no cookie
/// is kept, .NET Framework offers TLS 1.2 and later, and every answer is held to a size cap
/// (<see cref="AnswerSizeLimit"/>). What differs between Okta and an endpoint (retries, timeouts, what an answer
/// means) is the caller's; how a request leaves and how its failure is named (<see cref="NetworkFailure"/>) is not.
/// </summary>
internal static class HttpStack
{
    /// <summary>
    /// Sets <paramref name="handler"/> (the one RestSharp made, or a new one) to the module's rules and wraps it in the
    /// size cap of <paramref name="maxAnswerBytes"/>.
    /// </summary>
    public static HttpMessageHandler Configure(HttpMessageHandler handler, long maxAnswerBytes)
    {
        if (handler == null)
        {
            throw new ArgumentNullException(nameof(handler));
        }

        FrameworkTls.EnsureModernProtocols();
        if (handler is HttpClientHandler client)
        {
            client.AllowAutoRedirect = false;
            client.UseCookies = false;
        }

        return new AnswerSizeLimit(handler, maxAnswerBytes);
    }

    /// <summary>
    /// An HttpClient on the same stack, for requests that are not Okta API calls and so carry no Okta credentials. It
    /// has no timeout of its own: the caller's cancellation token bounds every request, body included.
    /// </summary>
    public static HttpClient NewClient(long maxAnswerBytes) =>
        new HttpClient(Configure(new HttpClientHandler(), maxAnswerBytes)) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
}
