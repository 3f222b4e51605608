using System;
using System.Net;

namespace OktaEventHooks.Client.Http;

/// <summary>
/// Windows PowerShell 5.1 runs with .NET Framework 4.5 behaviour: on a host without the strong-crypto registry keys
/// (Windows Server 2016 among them) ServicePointManager.SecurityProtocol is Ssl3 and Tls 1.0 only, and Okta accepts
/// TLS 1.2 and later ("Could not create SSL/TLS secure channel"). On .NET Framework the client adds TLS 1.2, and
/// TLS 1.3 where the framework knows it, to what the process allows; it never takes anything away. .NET (Core) lets
/// the operating system choose and is left alone.
/// </summary>
internal static class FrameworkTls
{
    /// <summary>SecurityProtocolType.Tls13 (.NET Framework 4.8 and later); absent from older enums.</summary>
    private const string Tls13Name = "Tls13";

    private static readonly object Gate = new object();
    private static bool _done;

    /// <summary>
    /// The protocols to allow: <paramref name="current"/> with TLS 1.2 (and TLS 1.3 when <paramref name="tls13Known"/>)
    /// added. SystemDefault (0) is kept as it is: it already lets the operating system pick its best protocol, and
    /// naming protocols would take that choice away.
    /// </summary>
    public static SecurityProtocolType WithModernTls(SecurityProtocolType current, bool tls13Known)
    {
        if (current == 0)
        {
            return current;
        }

        var wanted = current | SecurityProtocolType.Tls12;
        if (tls13Known && Enum.TryParse<SecurityProtocolType>(Tls13Name, out var tls13))
        {
            wanted |= tls13;
        }

        return wanted;
    }

    /// <summary>Whether this runtime's SecurityProtocolType has TLS 1.3.</summary>
    public static bool Tls13Known => Enum.IsDefined(typeof(SecurityProtocolType), Tls13Name);

    /// <summary>Once per process, at the first client created on .NET Framework; nothing on .NET (Core).</summary>
    public static void EnsureModernProtocols()
    {
        if (!RuntimeProfile.IsFramework)
        {
            return;
        }

        lock (Gate)
        {
            if (_done)
            {
                return;
            }

            var current = ServicePointManager.SecurityProtocol;
            var wanted = WithModernTls(current, Tls13Known);
            if (wanted != current)
            {
                ServicePointManager.SecurityProtocol = wanted;
            }

            _done = true;
        }
    }
}
