using System.Globalization;
using System.Net;
using System.Net.Sockets;
using KejiLive.Dashboard.Hosting;
using Orleans.Configuration;

namespace KejiLive.Silo;

/// <summary>The silo's two Orleans ports: <c>Orleans:SiloPort</c> (silo to silo, default 11111) and
/// <c>Orleans:GatewayPort</c> (clients such as extra web nodes, default 30000); <c>0</c> picks a free port at start.
/// Orleans listens with <c>SO_REUSEPORT</c> on Linux, so a second silo with the same ports would bind them too, share
/// the connections with the first and join its cluster: <see cref="EnsureFree"/> refuses to start instead.</summary>
public sealed record OrleansPorts(int Silo, int Gateway, bool Picked)
{
    public const string SiloKey = "Orleans:SiloPort";
    public const string GatewayKey = "Orleans:GatewayPort";
    public const int DefaultSilo = 11111;
    public const int DefaultGateway = 30000;

    /// <summary>Reads both ports; a <c>0</c> becomes a port free on the loopback now.</summary>
    /// <exception cref="KejiStartupException">A value is not a port number, or both are the same.</exception>
    public static OrleansPorts Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var silo = Read(configuration, SiloKey, DefaultSilo);
        var gateway = Read(configuration, GatewayKey, DefaultGateway);
        if (silo != 0 && silo == gateway)
        {
            throw new KejiStartupException($"{SiloKey} and {GatewayKey} are both {silo}; give them different ports.");
        }
        var picked = silo == 0 || gateway == 0;
        if (silo == 0) silo = PickOther(gateway);
        if (gateway == 0) gateway = PickOther(silo);
        return new OrleansPorts(silo, gateway, picked);
    }

    /// <summary>Refuses to go on when another process listens on the endpoints Orleans is about to listen on.</summary>
    /// <exception cref="KejiStartupException">A port is in use; the message names it and the key to change.</exception>
    public static void EnsureFree(EndpointOptions endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var address = endpoints.AdvertisedIPAddress ?? IPAddress.Any;
        Check(endpoints.SiloListeningEndpoint ?? new IPEndPoint(address, endpoints.SiloPort), "silo", SiloKey);
        if (endpoints.GatewayPort != 0 || endpoints.GatewayListeningEndpoint is not null)
        {
            Check(endpoints.GatewayListeningEndpoint ?? new IPEndPoint(address, endpoints.GatewayPort), "gateway", GatewayKey);
        }
    }

    private static void Check(IPEndPoint endpoint, string what, string key)
    {
        var error = TcpPorts.TryBind(endpoint.Address, endpoint.Port);
        if (error == SocketError.Success) return;
        throw new KejiStartupException(error == SocketError.AddressAlreadyInUse
            ? $"the Orleans {what} port {endpoint.Port} on {endpoint.Address} is in use (another KejiLive silo?); set {key} to a free port, or to 0 to pick one."
            : $"the Orleans {what} port {endpoint.Port} on {endpoint.Address} cannot be listened on ({error}); set {key} to another port, or to 0 to pick one.");
    }

    private static int Read(IConfiguration configuration, string key, int fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= IPEndPoint.MaxPort) return port;
        throw new KejiStartupException($"{key} '{text}' is not a port number (0–65535; 0 picks a free port).");
    }

    private static int PickOther(int other)
    {
        while (true)
        {
            var port = TcpPorts.PickFree(IPAddress.Loopback);
            if (port != other) return port;
        }
    }
}
