using System.Net;
using System.Net.Sockets;

namespace OktaEventHooks.Sandbox.Infrastructure;

/// <summary>
/// The one HttpClient setup for every call the sandbox makes to a hook endpoint (verification and event
/// delivery). Hard rule: no connection to anything but loopback, ever. Callers check the host before trying,
/// and the socket layer here refuses non-loopback addresses again (defence in depth against redirects,
/// proxies or a hosts file that maps localhost elsewhere).
/// </summary>
internal static class LoopbackHttpClient
{
    /// <summary>No client-wide timeout: each caller applies its own per-attempt timeout.</summary>
    public static HttpClient Create(TimeSpan connectTimeout)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = connectTimeout,
            // Fresh connections per call: a pooled connection would hide "could not connect".
            PooledConnectionLifetime = TimeSpan.Zero,
            ConnectCallback = ConnectToLoopbackOnlyAsync,
            // Okta sends no W3C trace headers; keep the receiver's view of the request faithful.
            ActivityHeadersPropagator = null,
        };
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static async ValueTask<Stream> ConnectToLoopbackOnlyAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endPoint = context.DnsEndPoint;
        var addresses = LoopbackAddress.ResolveLoopbackOnly(endPoint.Host);
        if (addresses.Count == 0)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"Refusing to connect to non-loopback host '{endPoint.Host}'.");
        }

        SocketException? lastError = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                lastError = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new HttpRequestException(HttpRequestError.ConnectionError, "Could not connect to the loopback endpoint.", lastError);
    }
}
