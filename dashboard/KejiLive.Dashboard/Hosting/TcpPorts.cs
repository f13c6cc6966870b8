using System.Net;
using System.Net.Sockets;

namespace KejiLive.Dashboard.Hosting;

/// <summary>Whether a TCP port can be listened on, asked the only reliable way: by binding it, without
/// <c>SO_REUSEADDR</c>/<c>SO_REUSEPORT</c>. Orleans listens with <c>ReuseAddress</c>, which .NET maps to
/// <c>SO_REUSEPORT</c> on Linux, so a second silo on the same ports binds them too and the kernel shares the
/// connections between the two: a plain bind is refused while either holds the port, which is what this asks.</summary>
public static class TcpPorts
{
    /// <summary>Binds and listens on <paramref name="port"/> of <paramref name="address"/> for a moment: <see cref="SocketError.Success"/>
    /// when that worked (the answer can change at any moment after: callers check just before the real bind and still
    /// handle its failure), <see cref="SocketError.AddressAlreadyInUse"/> when something listens there, else why not.</summary>
    public static SocketError TryBind(IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(address);
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            if (address.Equals(IPAddress.IPv6Any)) socket.DualMode = true;
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(1);
            return SocketError.Success;
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode;
        }
    }

    /// <summary>A port that is free on <paramref name="address"/> now, chosen by the operating system.</summary>
    public static int PickFree(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
