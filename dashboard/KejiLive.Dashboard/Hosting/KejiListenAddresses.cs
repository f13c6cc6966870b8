using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace KejiLive.Dashboard.Hosting;

/// <summary>The HTTP addresses the web side listens on, read the way Kestrel reads them (<c>--urls</c>,
/// <c>ASPNETCORE_URLS</c> or <c>urls</c>; else <c>ASPNETCORE_HTTP_PORTS</c>/<c>http_ports</c>; else
/// <c>http://localhost:5000</c>), and what follows from them: the default of <c>Alerts:Routes:PublicUrl</c> and the
/// check that no other process listens there before the host starts.</summary>
public static partial class KejiListenAddresses
{
    /// <summary>Kestrel's own default address when nothing is configured.</summary>
    public const string KestrelDefault = "http://localhost:5000";

    /// <summary>The base address links in messages and packs use (robot messages, e-mail, the weekly pack).</summary>
    public const string PublicUrlKey = "Alerts:Routes:PublicUrl";

    /// <summary>The configured listen addresses, in order; never empty.</summary>
    public static IReadOnlyList<string> Of(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (Split(configuration["urls"]) is { Length: > 0 } urls) return urls;
        var ports = Split(configuration["http_ports"]).Select(p => $"http://*:{p}")
            .Concat(Split(configuration["https_ports"]).Select(p => $"https://*:{p}"))
            .ToArray();
        return ports.Length > 0 ? ports : [KestrelDefault];
    }

    /// <summary>The default of <c>Alerts:Routes:PublicUrl</c>: the first listen address, with a wildcard host
    /// (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>) replaced by <c>localhost</c> and no trailing slash.</summary>
    public static string DefaultPublicUrl(IConfiguration configuration)
    {
        var first = Of(configuration)[0];
        if (ParseUrl(first) is not { } url) return first.TrimEnd('/');
        var host = IsWildcard(url.Host) ? "localhost" : url.Host;
        var port = url.Port is { } p ? ":" + p.ToString(CultureInfo.InvariantCulture) : "";
        return $"{url.Scheme}://{host}{port}{url.Path}".TrimEnd('/');
    }

    /// <summary>Gives <c>Alerts:Routes:PublicUrl</c> its default (<see cref="DefaultPublicUrl"/>) when it is not set, so
    /// every reader of that key (the alert grains, the weekly pack notice) agrees with where the web side listens.</summary>
    public static IHostApplicationBuilder AddKejiPublicUrl(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrWhiteSpace(builder.Configuration[PublicUrlKey]))
        {
            builder.Configuration.AddInMemoryCollection([new(PublicUrlKey, DefaultPublicUrl(builder.Configuration))]);
        }
        return builder;
    }

    /// <summary>Refuses to go on when another process already listens on one of the HTTP addresses (Kestrel would
    /// otherwise fail with an unhandled <see cref="IOException"/> after Orleans started).</summary>
    /// <exception cref="KejiStartupException">An address is in use or cannot be listened on.</exception>
    public static void EnsureFree(IConfiguration configuration)
    {
        foreach (var address in Of(configuration))
        {
            if (ParseUrl(address) is not { } url) continue;
            var port = url.Port ?? (url.Scheme == "https" ? 443 : 80);
            if (port == 0) continue;
            var error = Probe(url.Host, port);
            if (error == SocketError.AddressAlreadyInUse)
            {
                throw new KejiStartupException(
                    $"the HTTP port {port} of {address} is in use by another process (another KejiLive?); choose another with --urls (or ASPNETCORE_URLS).");
            }
            if (error != SocketError.Success)
            {
                throw new KejiStartupException($"cannot listen on {address} ({error}); check --urls (or ASPNETCORE_URLS).");
            }
        }
    }

    private static SocketError Probe(string host, int port)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            // Kestrel binds both loopbacks and only gives up on IPv6 when the machine has none.
            var v4 = TcpPorts.TryBind(IPAddress.Loopback, port);
            if (v4 != SocketError.Success) return v4;
            var v6 = Socket.OSSupportsIPv6 ? TcpPorts.TryBind(IPAddress.IPv6Loopback, port) : SocketError.Success;
            return v6 == SocketError.AddressAlreadyInUse ? v6 : SocketError.Success;
        }
        if (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && !IsWildcard(host)) return TcpPorts.TryBind(ip, port);
        // A wildcard or a host name: Kestrel listens on every interface ([::] dual-mode, else 0.0.0.0).
        var any6 = Socket.OSSupportsIPv6 ? TcpPorts.TryBind(IPAddress.IPv6Any, port) : SocketError.AddressFamilyNotSupported;
        return any6 is SocketError.Success or SocketError.AddressAlreadyInUse ? any6 : TcpPorts.TryBind(IPAddress.Any, port);
    }

    private static bool IsWildcard(string host) => host is "*" or "+" or "0.0.0.0" or "[::]" or "::";

    private static string[] Split(string? value) =>
        value?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    private static (string Scheme, string Host, int? Port, string Path)? ParseUrl(string text)
    {
        var m = UrlPattern().Match(text);
        if (!m.Success) return null;
        int? port = m.Groups["port"].Success ? int.Parse(m.Groups["port"].Value, CultureInfo.InvariantCulture) : null;
        return (m.Groups["scheme"].Value.ToLowerInvariant(), m.Groups["host"].Value, port, m.Groups["path"].Value);
    }

    /// <summary><c>scheme://host[:port][/path]</c> with the hosts Kestrel accepts (<c>*</c>, <c>+</c>, names, IPv4,
    /// bracketed IPv6); a Unix socket (<c>http://unix:/run/x.sock</c>) does not match and is not checked.</summary>
    [GeneratedRegex(@"^(?<scheme>https?)://(?<host>\[[0-9A-Fa-f:.]+\]|[^:/\[\]]+)(:(?<port>\d{1,5}))?(?<path>/.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();
}
