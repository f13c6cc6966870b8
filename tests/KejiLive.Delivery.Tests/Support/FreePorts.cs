using System.Net;
using System.Net.Sockets;

namespace KejiLive.Delivery.Tests.Support;

/// <summary>Reserves free loopback ports all at once (holding every listener until all are known), so two receivers
/// never get the same port.</summary>
internal static class FreePorts
{
    public static int[] Reserve(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
