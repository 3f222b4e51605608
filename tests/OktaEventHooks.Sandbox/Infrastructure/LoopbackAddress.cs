using System.Net;

namespace OktaEventHooks.Sandbox.Infrastructure;

/// <summary>
/// Decides whether a host is this machine. The sandbox only ever talks to loopback endpoints,
/// and accepts plain http only for them, so this is the one place that rule lives.
/// </summary>
internal static class LoopbackAddress
{
    /// <summary>The only DNS name treated as loopback; other names are never resolved.</summary>
    public const string LocalhostName = "localhost";

    /// <summary>Where <c>localhost</c> goes, fixed, so no resolver (or hosts file) can send us elsewhere.</summary>
    public static IReadOnlyList<IPAddress> LocalhostAddresses { get; } = [IPAddress.Loopback, IPAddress.IPv6Loopback];

    /// <summary>True when the URI's literal host is <c>localhost</c>, 127.0.0.0/8 or ::1.</summary>
    public static bool IsLoopbackHost(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.HostNameType switch
        {
            UriHostNameType.Dns => IsLocalhostName(uri.IdnHost),
            UriHostNameType.IPv4 or UriHostNameType.IPv6 =>
                IPAddress.TryParse(uri.DnsSafeHost, out var address) && IsLoopback(address),
            _ => false,
        };
    }

    /// <summary>For a host string as it appears in a connection request (name or IP literal, maybe bracketed).</summary>
    public static IReadOnlyList<IPAddress> ResolveLoopbackOnly(string host)
    {
        var literal = host.TrimStart('[').TrimEnd(']');
        if (IPAddress.TryParse(literal, out var address))
        {
            return IsLoopback(address) ? [address] : [];
        }

        return IsLocalhostName(host) ? LocalhostAddresses : [];
    }

    public static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    private static bool IsLocalhostName(string host) =>
        string.Equals(host, LocalhostName, StringComparison.OrdinalIgnoreCase);
}
