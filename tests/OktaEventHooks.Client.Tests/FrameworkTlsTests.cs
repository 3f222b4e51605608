using OktaEventHooks.Client.EventHooks;
using OktaEventHooks.Client.Auth;
using OktaEventHooks.Client.Http;
using System.Net;

namespace OktaEventHooks.Client.Tests;

public class FrameworkTlsTests
{
    private const SecurityProtocolType Tls13 = (SecurityProtocolType)12288;

    // Ssl3 | Tls (48 | 192): what Windows PowerShell 5.1 starts with on a host without the strong-crypto keys. By value,
    // because the analyzers rightly refuse these names in code.
    private const SecurityProtocolType WindowsPowerShellDefault = (SecurityProtocolType)(48 | 192);
    private const SecurityProtocolType Tls11 = (SecurityProtocolType)768;

    [Fact]
    public void AddsTls12AndTls13ToWindowsPowerShellsDefaultWhereTheEnumHasTls13()
    {
        var wanted = FrameworkTls.WithModernTls(WindowsPowerShellDefault, tls13Known: true);
        Assert.Equal(WindowsPowerShellDefault | SecurityProtocolType.Tls12 | Tls13, wanted);
    }

    [Fact]
    public void AddsOnlyTls12WhereTheEnumHasNoTls13()
    {
        var wanted = FrameworkTls.WithModernTls(WindowsPowerShellDefault, tls13Known: false);
        Assert.Equal(WindowsPowerShellDefault | SecurityProtocolType.Tls12, wanted);
        Assert.False(wanted.HasFlag(Tls13));
    }

    [Fact]
    public void LeavesSystemDefaultAloneSoTheOperatingSystemKeepsChoosing()
    {
        Assert.Equal(SecurityProtocolType.SystemDefault, FrameworkTls.WithModernTls(SecurityProtocolType.SystemDefault, tls13Known: true));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void NeverTakesAwayAProtocolTheProcessAllows(bool tls13Known)
    {
        foreach (var current in new[] { WindowsPowerShellDefault, Tls11, SecurityProtocolType.Tls12, Tls11 | SecurityProtocolType.Tls12 | Tls13, Tls13 })
        {
            var wanted = FrameworkTls.WithModernTls(current, tls13Known);
            Assert.Equal(current, wanted & current);
            Assert.True(wanted.HasFlag(SecurityProtocolType.Tls12), $"{current} -> {wanted}");
        }
    }

    [Fact]
#pragma warning disable SYSLIB0014 // The obsolete setting is what the test reads: the client must leave it alone on .NET.
    public void ChangesNothingOnDotNet()
    {
        var before = ServicePointManager.SecurityProtocol;
        try
        {
            ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls12;
            using var client = new EventHookClient(new OktaClientOptions(new Uri("http://127.0.0.1:9/"), new ApiTokenAuthorizer("t")));
            Assert.Equal(SecurityProtocolType.Tls12, ServicePointManager.SecurityProtocol);
        }
        finally
        {
            ServicePointManager.SecurityProtocol = before;
        }
    }
#pragma warning restore SYSLIB0014
}
