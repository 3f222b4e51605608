using OktaEventHooks.Client.Probe;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace OktaEventHooks.Client.Tests;

/// <summary>
/// What Test-OktaEventHookEndpoint and Send-OktaEventHookEvent say when an endpoint gives no answer, for the exception
/// chains each runtime builds: the same words on PowerShell 7 (.NET) and Windows PowerShell 5.1 (.NET Framework, whose
/// HttpClient wraps a WebException).
/// </summary>
public class EndpointProbeFailureTests
{
    private static HttpRequestException Framework(string message, WebExceptionStatus status, Exception? inner = null) =>
        new HttpRequestException("An error occurred while sending the request.", new WebException(message, inner, status, null));

    public static TheoryData<string, Exception, string> Chains() => new()
    {
        { ".NET: refused", new HttpRequestException("Connection refused (127.0.0.1:9)", new SocketException((int)SocketError.ConnectionRefused)), "could not connect: nothing is listening at that address and port" },
        { "Framework: refused", Framework("Unable to connect to the remote server", WebExceptionStatus.ConnectFailure, new SocketException((int)SocketError.ConnectionRefused)), "could not connect: nothing is listening at that address and port" },
        { "Framework: name not resolved", Framework("The remote name could not be resolved: 'hooks.contoso.com'", WebExceptionStatus.NameResolutionFailure), "could not connect: The remote name could not be resolved: 'hooks.contoso.com'" },
        { ".NET: reset", new HttpRequestException("An error occurred while sending the request.", new IOException("Unable to read data from the transport connection: Connection reset by peer.", new SocketException((int)SocketError.ConnectionReset))), "the connection broke: Connection reset by peer" },
        { "Framework: closed unexpectedly", Framework("The underlying connection was closed: The connection was closed unexpectedly.", WebExceptionStatus.ConnectionClosed), "the connection broke: The underlying connection was closed: The connection was closed unexpectedly" },
        { "Framework: no common protocol", Framework("The request was aborted: Could not create SSL/TLS secure channel.", WebExceptionStatus.SecureChannelFailure), "the TLS (https) handshake failed (The request was aborted: Could not create SSL/TLS secure channel); Okta accepts only TLS 1.2 or later with a certificate from a public certificate authority" },
        { ".NET: plain http at an https port", new HttpRequestException("The SSL connection could not be established, see inner exception.", new IOException("Received an unexpected EOF or 0 bytes from the transport stream.")), "the TLS (https) handshake failed (Received an unexpected EOF or 0 bytes from the transport stream); Okta accepts only TLS 1.2 or later with a certificate from a public certificate authority" },
        { "Framework: certificate not trusted", Framework("The underlying connection was closed: Could not establish trust relationship for the SSL/TLS secure channel.", WebExceptionStatus.TrustFailure, new AuthenticationException("The remote certificate is invalid according to the validation procedure.")), "TLS certificate not trusted (The remote certificate is invalid according to the validation procedure.); Okta accepts only certificates from a public certificate authority" },
    };

    [Theory]
    [MemberData(nameof(Chains))]
    public void NamesWhatTheEndpointConnectionRanInto(string chain, Exception exception, string expected)
    {
        Assert.True(expected == EventHookEndpointProbe.DescribeConnectionFailure(exception), $"{chain}: got {EventHookEndpointProbe.DescribeConnectionFailure(exception)}");
    }
}
