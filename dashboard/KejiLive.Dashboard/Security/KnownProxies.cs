using System.Net;

namespace KejiLive.Dashboard.Security;

/// <summary>The parsed <c>Network:KnownProxies</c>: the only senders whose forwarded headers count.</summary>
public sealed record KnownProxies(IReadOnlyList<IPNetwork> Networks);
