using System.Net;
using System.Net.Sockets;

namespace KejiLive.Testing;

/// <summary>Free TCP ports on the loopback, reserved together: all listeners are open at once, so no two answers are the
/// same port (one after another has been seen to collide), and released just before the caller binds them.</summary>
public static class FreePorts
{
    public static int[] Reserve(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners) listener.Stop();
        }
    }

    public static (int First, int Second) ReservePair()
    {
        var ports = Reserve(2);
        return (ports[0], ports[1]);
    }
}
