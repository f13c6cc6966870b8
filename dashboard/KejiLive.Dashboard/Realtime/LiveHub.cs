using KejiLive.Domain.Planning;
using Microsoft.AspNetCore.SignalR;

namespace KejiLive.Dashboard.Realtime;

/// <summary>The hub at /hubs/live. A client watches the wall, a unit or a target: it joins that group, then gets the
/// full snapshot with the group's current sequence number; changes follow numbered from there.</summary>
public sealed class LiveHub(LiveViews views, LiveBroadcaster broadcaster, PlanDocument plan) : Hub<ILiveClient>
{
    public async Task<WallView> WatchWall()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Wall);
        return await views.WallAsync(broadcaster.CurrentSeq(LiveGroups.Wall));
    }

    public async Task<UnitView> WatchUnit(string unitId)
    {
        if (plan.FindUnit(unitId) is null) throw new HubException($"没有单位 {unitId}。");
        var group = LiveGroups.Unit(unitId);
        await Groups.AddToGroupAsync(Context.ConnectionId, group);
        return await views.UnitAsync(unitId, broadcaster.CurrentSeq(group));
    }

    public async Task<TargetView> WatchTarget(string targetId)
    {
        if (plan.FindTarget(targetId) is null) throw new HubException($"没有目标 {targetId}。");
        var group = LiveGroups.Target(targetId);
        await Groups.AddToGroupAsync(Context.ConnectionId, group);
        return await views.TargetAsync(targetId, broadcaster.CurrentSeq(group));
    }

    /// <summary>Stops watching a group (a page that navigates away, or a client resynchronising).</summary>
    public Task Unwatch(string group) => Groups.RemoveFromGroupAsync(Context.ConnectionId, group);
}
