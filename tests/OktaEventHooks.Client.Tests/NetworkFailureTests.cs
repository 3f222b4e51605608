using OktaEventHooks.Client.Http;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace OktaEventHooks.Client.Tests;

/// <summary>
/// Exception chains as each runtime builds them for the same event: .NET (PowerShell 7) and .NET Framework
/// (Windows PowerShell 5.1, where HttpClient wraps a WebException whose Status names what happened).
/// </summary>
public class NetworkFailureTests
{
    private const string FrameworkOuter = "An error occurred while sending the request.";

    private static HttpRequestException Framework(string message, WebExceptionStatus status, Exception? inner = null) =>
        new HttpRequestException(FrameworkOuter, new WebException(message, inner, status, null));

    public static TheoryData<string, Exception, string> Chains() => new()
    {
        // .NET
        { ".NET: TLS alert", new HttpRequestException("The SSL connection could not be established, see inner exception.", new AuthenticationException("Authentication failed because the remote party sent a TLS alert: 'HandshakeFailure'.")), "TlsHandshake" },
        { ".NET: plain http at an https port", new HttpRequestException("The SSL connection could not be established, see inner exception.", new IOException("Received an unexpected EOF or 0 bytes from the transport stream.")), "TlsHandshake" },
        { ".NET: refused", new HttpRequestException("Connection refused (127.0.0.1:9)", new SocketException((int)SocketError.ConnectionRefused)), "Unreachable" },
        { ".NET: name not resolved", new HttpRequestException("Name or service not known (contoso.okta.com:443)", new SocketException((int)SocketError.HostNotFound)), "Unreachable" },
        { ".NET: reset", new HttpRequestException("An error occurred while sending the request.", new IOException("Unable to read data from the transport connection: Connection reset by peer.", new SocketException((int)SocketError.ConnectionReset))), "ConnectionReset" },
        { ".NET: HttpClient timeout", new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 30 seconds elapsing.", new TimeoutException("The operation was canceled.")), "Timeout" },
        { ".NET: something else", new HttpRequestException("The response ended prematurely."), "Other" },

        // .NET Framework
        { "Framework: no common protocol", Framework("The request was aborted: Could not create SSL/TLS secure channel.", WebExceptionStatus.SecureChannelFailure), "TlsHandshake" },
        { "Framework: certificate not trusted", Framework("The underlying connection was closed: Could not establish trust relationship for the SSL/TLS secure channel.", WebExceptionStatus.TrustFailure, new AuthenticationException("The remote certificate is invalid according to the validation procedure.")), "TlsHandshake" },
        { "Framework: server closed during the handshake", Framework("The underlying connection was closed: An unexpected error occurred on a send.", WebExceptionStatus.SendFailure, new IOException("Authentication failed because the remote party has closed the transport stream.")), "TlsHandshake" },
        { "Framework: name not resolved", Framework("The remote name could not be resolved: 'contoso.okta.com'", WebExceptionStatus.NameResolutionFailure), "Unreachable" },
        { "Framework: proxy name not resolved", Framework("The proxy name could not be resolved: 'proxy.contoso.com'", WebExceptionStatus.ProxyNameResolutionFailure), "Unreachable" },
        { "Framework: refused", Framework("Unable to connect to the remote server", WebExceptionStatus.ConnectFailure, new SocketException((int)SocketError.ConnectionRefused)), "Unreachable" },
        { "Framework: connect timed out", Framework("Unable to connect to the remote server", WebExceptionStatus.ConnectFailure, new SocketException((int)SocketError.TimedOut)), "Unreachable" },
        { "Framework: reset on receive", Framework("The underlying connection was closed: An unexpected error occurred on a receive.", WebExceptionStatus.ReceiveFailure, new IOException("Unable to read data from the transport connection: An existing connection was forcibly closed by the remote host.", new SocketException((int)SocketError.ConnectionReset))), "ConnectionReset" },
        { "Framework: closed unexpectedly", Framework("The underlying connection was closed: The connection was closed unexpectedly.", WebExceptionStatus.ConnectionClosed), "ConnectionReset" },
        { "Framework: aborted on send", Framework("The underlying connection was closed: An unexpected error occurred on a send.", WebExceptionStatus.SendFailure, new IOException("Unable to write data to the transport connection: An established connection was aborted by the software in your host machine.", new SocketException((int)SocketError.ConnectionAborted))), "ConnectionReset" },
        { "Framework: kept-alive connection closed", Framework("The underlying connection was closed: A connection that was expected to be kept alive was closed by the server.", WebExceptionStatus.KeepAliveFailure), "ConnectionReset" },
        { "Framework: timeout", Framework("The operation has timed out", WebExceptionStatus.Timeout), "Timeout" },
        { "Framework: something else", Framework("The remote server returned an error: (407) Proxy Authentication Required.", WebExceptionStatus.ProtocolError), "Other" },
    };

    [Theory]
    [MemberData(nameof(Chains))]
    public void NamesWhatTheConnectionRanInto(string chain, Exception exception, string expected)
    {
        Assert.True(expected == NetworkFailure.Classify(exception).ToString(), $"{chain}: expected {expected}, got {NetworkFailure.Classify(exception)}");
    }

    [Fact]
    public void NamesTheSameFailureAlikeOnBothRuntimes()
    {
        var pairs = new (Exception Core, Exception Framework)[]
        {
            (new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused)),
             Framework("Unable to connect to the remote server", WebExceptionStatus.ConnectFailure, new SocketException((int)SocketError.ConnectionRefused))),
            (new HttpRequestException("The SSL connection could not be established, see inner exception.", new AuthenticationException("handshake")),
             Framework("The request was aborted: Could not create SSL/TLS secure channel.", WebExceptionStatus.SecureChannelFailure)),
            (new HttpRequestException("reset", new IOException("reset", new SocketException((int)SocketError.ConnectionReset))),
             Framework("The underlying connection was closed: An unexpected error occurred on a receive.", WebExceptionStatus.ReceiveFailure)),
        };
        foreach (var (core, framework) in pairs)
        {
            Assert.Equal(NetworkFailure.Classify(core), NetworkFailure.Classify(framework));
        }
    }

    [Fact]
    public void NamesNothingWithoutAnException()
    {
        Assert.Equal(NetworkFailureKind.Other, NetworkFailure.Classify(null));
    }
}
