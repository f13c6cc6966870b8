using System.Net;
using Microsoft.AspNetCore.Builder;
using IPNetwork = System.Net.IPNetwork;

namespace KejiLive.Dashboard.Security;

/// <summary>The <c>Network</c> configuration section: which reverse proxies in front of this web node are trusted.</summary>
public sealed class NetworkOptions
{
    public const string Section = "Network";

    /// <summary>Comma-separated addresses or CIDR ranges of the reverse proxies in front (e.g. <c>10.0.0.5, 10.1.0.0/16</c>).
    /// Only a request arriving from one of them has its <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> honoured (the
    /// client address for the rate limit and the audit, https for the Secure cookie and HSTS). Empty: no proxy is
    /// trusted and those headers are ignored.</summary>
    public string? KnownProxies { get; set; }

    /// <summary>The ranges of <see cref="KnownProxies"/>; throws naming the entry that is neither an address nor a range.</summary>
    public IReadOnlyList<IPNetwork> ParseKnownProxies()
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in (KnownProxies ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPNetwork.TryParse(entry, out var network)) networks.Add(network);
            else if (IPAddress.TryParse(entry, out var address)) networks.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
            else throw new InvalidOperationException($"Network:KnownProxies: '{entry}' is neither an IP address nor a CIDR range (e.g. 10.0.0.5 or 10.1.0.0/16).");
        }
        return networks;
    }

    /// <summary>Forwarded-headers options that trust exactly <paramref name="proxies"/> (none of ASP.NET Core's loopback
    /// defaults), for the client address and the scheme, through a chain of known proxies.</summary>
    public static ForwardedHeadersOptions ForwardedHeaders(IReadOnlyList<IPNetwork> proxies)
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto,
            // Walk the chain from the nearest hop while each hop is a known proxy; the first unknown one is the client.
            ForwardLimit = null,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var network in proxies) options.KnownIPNetworks.Add(network);
        return options;
    }
}
