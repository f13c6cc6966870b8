namespace KejiLive.Dashboard.Realtime;

/// <summary>The silo this web node runs in, registered by the silo's host (a separate web node has none). The node's
/// live subscription names it, so that the feed stops sending to the node once membership declares that silo dead.</summary>
public sealed class CoHostingSilo(Func<SiloAddress> address)
{
    public SiloAddress Address => address();
}
