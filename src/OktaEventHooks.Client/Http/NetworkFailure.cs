using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace OktaEventHooks.Client.Http;

/// <summary>What a request that got no answer ran into; each kind is reported and retried its own way.</summary>
internal enum NetworkFailureKind
{
    /// <summary>Something else: reported with the library's words, retried only when the request is safe to repeat.</summary>
    Other,

    /// <summary>The TLS handshake failed: nothing reached Okta, and trying again gives the same.</summary>
    TlsHandshake,

    /// <summary>The org could not be reached (name not resolved, connection refused): nothing was sent, so retrying is safe.</summary>
    Unreachable,

    /// <summary>No answer in time.</summary>
    Timeout,

    /// <summary>The connection broke after the request may have been sent (reset, closed, aborted).</summary>
    ConnectionReset,
}

/// <summary>
/// Reads an exception chain of either runtime into one <see cref="NetworkFailureKind"/>. .NET (Core) says it with
/// SocketException codes, AuthenticationException and its own texts; .NET Framework (Windows PowerShell 5.1) wraps
/// the same events in a WebException whose Status names them (SecureChannelFailure, NameResolutionFailure,
/// ConnectFailure, ReceiveFailure, Timeout, ...).
/// </summary>
internal static class NetworkFailure
{
    public static NetworkFailureKind Classify(Exception? exception)
    {
        var tls = false;
        var unreachable = false;
        var timeout = false;
        var reset = false;
        for (var e = exception; e != null; e = e.InnerException)
        {
            switch (e)
            {
                case AuthenticationException:
                    tls = true;
                    break;
                case WebException web:
                    Read(web, ref tls, ref unreachable, ref timeout, ref reset);
                    break;
                case SocketException socket:
                    Read(socket.SocketErrorCode, ref unreachable, ref reset);
                    break;
                case TimeoutException:
                    timeout = true;
                    break;
            }

            // .NET's own wording for a failed handshake, whatever the inner exception.
            if (e.Message.IndexOf("SSL connection could not be established", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                tls = true;
            }
        }

        return tls ? NetworkFailureKind.TlsHandshake
            : unreachable ? NetworkFailureKind.Unreachable
            : timeout ? NetworkFailureKind.Timeout
            : reset ? NetworkFailureKind.ConnectionReset
            : NetworkFailureKind.Other;
    }

    private static void Read(WebException web, ref bool tls, ref bool unreachable, ref bool timeout, ref bool reset)
    {
        switch (web.Status)
        {
            case WebExceptionStatus.SecureChannelFailure:
            case WebExceptionStatus.TrustFailure:
                tls = true;
                break;
            case WebExceptionStatus.NameResolutionFailure:
            case WebExceptionStatus.ProxyNameResolutionFailure:
            case WebExceptionStatus.ConnectFailure:
                unreachable = true;
                break;
            case WebExceptionStatus.Timeout:
                timeout = true;
                break;
            case WebExceptionStatus.SendFailure:
                // "An unexpected error occurred on a send" is also how .NET Framework reports a server that closes the
                // connection during the handshake because no protocol matched: SslStream's IOException says so.
                if (HandshakeClosed(web.InnerException))
                {
                    tls = true;
                }
                else
                {
                    reset = true;
                }

                break;
            case WebExceptionStatus.ReceiveFailure:
            case WebExceptionStatus.ConnectionClosed:
            case WebExceptionStatus.KeepAliveFailure:
            case WebExceptionStatus.PipelineFailure:
                reset = true;
                break;
        }
    }

    private static void Read(SocketError code, ref bool unreachable, ref bool reset)
    {
        switch (code)
        {
            case SocketError.ConnectionRefused:
            case SocketError.HostNotFound:
            case SocketError.HostUnreachable:
            case SocketError.NetworkUnreachable:
            case SocketError.NoData:
            case SocketError.TryAgain:
                unreachable = true;
                break;
            case SocketError.ConnectionReset:
            case SocketError.ConnectionAborted:
            case SocketError.Shutdown:
                reset = true;
                break;
        }
    }

    /// <summary>SslStream's "Authentication failed because the remote party has closed the transport stream".</summary>
    private static bool HandshakeClosed(Exception? exception)
    {
        for (var e = exception; e != null; e = e.InnerException)
        {
            if (e is IOException && e.Message.StartsWith("Authentication failed", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
