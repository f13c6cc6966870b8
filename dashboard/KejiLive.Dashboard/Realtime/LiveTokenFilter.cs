using KejiLive.Dashboard.Security;
using KejiLive.Grains.Abstractions.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.SignalR;

namespace KejiLive.Dashboard.Realtime;

/// <summary>Keeps the hub honest about tokens after the handshake: records each connection's token (and page session)
/// when it opens, and checks it again (revoked? expired? signed out?) before every hub method, so a revoked token's <c>WatchTarget</c> is refused and
/// its connection closed at once.</summary>
public sealed class LiveTokenFilter(LiveConnections connections, IGrainFactory grains, TimeProvider time) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var caller = context.Context;
        var expires = caller.GetHttpContext()?.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties?.ExpiresUtc;
        connections.Add(caller, caller.User?.StoredTokenId(), expires, caller.User?.SessionKeyOf());
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        connections.Remove(context.Context.ConnectionId);
        await next(context, exception);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var caller = invocationContext.Context;
        if (connections.Find(caller.ConnectionId) is not { } connection || !await IsValidAsync(connection))
        {
            caller.Abort();
            throw new HubException("令牌已吊销或已过期，实时连接已关闭；请重新登录。");
        }
        return await next(invocationContext);
    }

    private async Task<bool> IsValidAsync(LiveConnection connection)
    {
        if (connection.IsExpiredAt(time.GetUtcNow())) return false;
        if (connection.SessionKey is { } session && await grains.GetGrain<ISessionGrain>(session).GetAsync() is null) return false;
        if (connection.StoredTokenId is not { } id) return true;
        var active = await grains.GetGrain<ITokenGrain>(ITokenGrain.Key).ActiveAsync([id]);
        return active.Contains(id);
    }
}
