using KejiLive.Dashboard.Security;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Security;
using Microsoft.AspNetCore.SignalR;

namespace KejiLive.Dashboard.Realtime;

/// <summary>The hub at /hubs/live. A client watches the wall, a unit or a target: it joins that group, then gets the
/// full snapshot with the group's current sequence number; changes follow numbered from there. A unit user sees only its
/// own unit's 督办, in the snapshots and in the changes (<see cref="LiveAlertScopes"/>); the other roles see all.</summary>
public sealed class LiveHub(LiveViews views, LiveBroadcaster broadcaster, LiveAlertScopes scopes, PlanDocument plan) : Hub<ILiveClient>
{
    public async Task<WallView> WatchWall()
    {
        await JoinAsync(LiveGroups.Wall);
        return await views.WallAsync(broadcaster.CurrentSeq(LiveGroups.Wall), AlertScope);
    }

    public async Task<UnitView> WatchUnit(string unitId)
    {
        if (plan.FindUnit(unitId) is null) throw new HubException($"没有单位 {unitId}。");
        var group = LiveGroups.Unit(unitId);
        await JoinAsync(group);
        return await views.UnitAsync(unitId, broadcaster.CurrentSeq(group), AlertScope);
    }

    public async Task<TargetView> WatchTarget(string targetId)
    {
        if (plan.FindTarget(targetId) is null) throw new HubException($"没有目标 {targetId}。");
        var group = LiveGroups.Target(targetId);
        await JoinAsync(group);
        return await views.TargetAsync(targetId, broadcaster.CurrentSeq(group), AlertScope);
    }

    /// <summary>Stops watching a group (a page that navigates away, or a client resynchronising).</summary>
    public async Task Unwatch(string group)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, group);
        scopes.Leave(group, Context.ConnectionId);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        scopes.LeaveAll(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>The unit whose 督办 alone the caller may see (a unit user; "" when its token names no unit), or null for
    /// every other role.</summary>
    private string? AlertScope => Context.User is { } user && user.RoleOf() == Role.Unit ? user.UnitOf() ?? "" : null;

    private async Task JoinAsync(string group)
    {
        if (AlertScope is { } unit) scopes.Join(group, Context.ConnectionId, unit);
        await Groups.AddToGroupAsync(Context.ConnectionId, group);
    }
}
