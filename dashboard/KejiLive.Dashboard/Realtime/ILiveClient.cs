namespace KejiLive.Dashboard.Realtime;

/// <summary>What the server calls on a browser (SignalR client method names).</summary>
public interface ILiveClient
{
    /// <summary>Changes for one group the client watches, numbered per group: a client that sees a gap asks for a fresh snapshot.</summary>
    Task Changes(LiveUpdate update);
}
