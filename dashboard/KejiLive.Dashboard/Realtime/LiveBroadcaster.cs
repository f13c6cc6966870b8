using System.Collections.Immutable;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Views;
using KejiLive.Grains.Abstractions.Alerts;
using KejiLive.Grains.Abstractions.Messages;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace KejiLive.Dashboard.Realtime;

/// <summary>Routes changes from the grains to SignalR groups, numbering each group's messages. The first change after a
/// quiet moment goes out almost at once — after <see cref="Gather"/>, so that what one report sets off (the unit's
/// state, the city roll-up, the unit card, the ranking) travels as one message; changes arriving within
/// <see cref="Window"/> of a send are merged (newest state of each entity wins) and sent when the window closes, so a
/// screen repaints at most twice a second.</summary>
/// <remarks>A wall of a large plan (more than <see cref="WallLimits.ShowAllUpTo"/> ranked units) lists only the leaders
/// and laggards: it gets their cards from the ranking grain (<see cref="LiveChanges.WallCards"/>) instead of every unit's
/// card.</remarks>
/// <remarks>Unit users (<see cref="LiveAlertScopes"/>) get the same numbered messages with only their own unit's 督办 and
/// without the plan-wide <see cref="AlertTally"/>.</remarks>
public sealed class LiveBroadcaster(IHubContext<LiveHub, ILiveClient> hub, TimeProvider time, PlanDocument plan, LiveAlertScopes scopes,
    ILogger<LiveBroadcaster> logger)
{
    private readonly bool _wallShowsAllUnits = plan.Units.Count(u => u.IsRanked) <= WallLimits.ShowAllUpTo;

    /// <summary>The shortest time between two messages to one group.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(500);

    /// <summary>How long the first change after a quiet moment waits for the rest of its cascade.</summary>
    public static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(15);

    private readonly Dictionary<string, GroupState> _groups = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The number of the last message sent to <paramref name="group"/> (0 before the first).</summary>
    public long CurrentSeq(string group)
    {
        lock (_lock) return _groups.TryGetValue(group, out var g) ? g.Seq : 0;
    }

    public void Publish(LiveChanges changes)
    {
        foreach (var t in changes.Targets)
        {
            Add(LiveGroups.Unit(t.Unit), p => p.Targets[t.Target] = Newer(p.Targets, t.Target, t));
            Add(LiveGroups.Target(t.Target), p => p.Targets[t.Unit] = Newer(p.Targets, t.Unit, t));
        }
        foreach (var c in changes.Cities)
        {
            Add(LiveGroups.Wall, p => p.Cities[c.Target] = Newer(p.Cities, c.Target, c));
            Add(LiveGroups.Target(c.Target), p => p.Cities[c.Target] = Newer(p.Cities, c.Target, c));
        }
        foreach (var u in changes.Units)
        {
            if (_wallShowsAllUnits) Add(LiveGroups.Wall, p => p.Units[u.Unit] = u);
            Add(LiveGroups.Unit(u.Unit), p => p.Units[u.Unit] = u);
        }
        foreach (var u in changes.WallCards.IsDefault ? [] : changes.WallCards)
        {
            Add(LiveGroups.Wall, p => p.Units[u.Unit] = u);
        }
        if (!changes.Ranking.IsDefault)
        {
            Add(LiveGroups.Wall, p => p.Ranking = changes.Ranking);
        }
        if (!_wallShowsAllUnits && (!changes.Ranking.IsDefault || !changes.WallCards.IsDefault))
        {
            // Several ranking changes merged in one window: keep only the cards of the units the newest list shows.
            Add(LiveGroups.Wall, KeepListedCards);
        }
        if (changes.Counts is { } counts)
        {
            Add(LiveGroups.Wall, p => p.Counts = counts);
        }
        if (changes.AlertTally is { } tally)
        {
            Add(LiveGroups.Wall, p => p.AlertTally = p.AlertTally is { } held && held.Version > tally.Version ? held : tally);
        }
        foreach (var a in changes.Alerts.IsDefault ? [] : changes.Alerts)
        {
            Add(LiveGroups.Wall, p => p.Alerts[a.Id] = a);
            Add(LiveGroups.Unit(a.Unit), p => p.Alerts[a.Id] = a);
            if (a.Target is { } target) Add(LiveGroups.Target(target), p => p.Alerts[a.Id] = a);
        }
    }

    private static void KeepListedCards(Pending pending)
    {
        if (pending.Ranking is not { } ranking) return;
        var listed = ranking.Select(r => r.Unit).ToHashSet(StringComparer.Ordinal);
        foreach (var unit in pending.Units.Keys.Where(u => !listed.Contains(u)).ToList()) pending.Units.Remove(unit);
    }

    private static TargetSnapshot Newer(Dictionary<string, TargetSnapshot> known, string key, TargetSnapshot incoming) =>
        known.TryGetValue(key, out var held) && held.JudgedAt > incoming.JudgedAt ? held : incoming;

    private void Add(string group, Action<Pending> merge)
    {
        lock (_lock)
        {
            if (!_groups.TryGetValue(group, out var state)) _groups[group] = state = new GroupState();
            merge(state.Pending);
            if (state.WindowOpen) return;
            state.WindowOpen = true;
            // The group's pacing loop: it owns the window until the group falls quiet, and never throws.
            _ = PaceAsync(group, state);
        }
    }

    private async Task PaceAsync(string group, GroupState state)
    {
        var wait = Gather;
        while (true)
        {
            await Task.Delay(wait, time);
            wait = Window;
            LiveUpdate? merged;
            lock (_lock)
            {
                if (state.Pending.IsEmpty)
                {
                    state.WindowOpen = false;
                    return;
                }
                merged = state.Take(group);
            }
            Send(group, merged);
        }
    }

    private void Send(string group, LiveUpdate update)
    {
        // Sends to one group are chained so they leave in sequence order.
        lock (_lock)
        {
            var state = _groups[group];
            state.Tail = SendAfterAsync(state.Tail, group, update);
        }
    }

    private async Task SendAfterAsync(Task previous, string group, LiveUpdate update)
    {
        await previous;
        try
        {
            var scoped = update.Alerts.IsDefaultOrEmpty && update.AlertTally is null ? [] : scopes.In(group);
            if (scoped.Count == 0)
            {
                await hub.Clients.Group(group).Changes(update);
                return;
            }
            await hub.Clients.GroupExcept(group, [.. scoped.Select(s => s.Key)]).Changes(update);
            foreach (var unit in scoped.GroupBy(s => s.Value, StringComparer.Ordinal))
            {
                // Sent even when no alert is left: the message number must reach every member of the group.
                var own = update with { Alerts = [.. update.Alerts.Where(a => a.Unit == unit.Key)], AlertTally = null };
                await hub.Clients.Clients([.. unit.Select(s => s.Key)]).Changes(own);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not send change {Seq} to group {Group}", update.Seq, group);
        }
    }

    private sealed class GroupState
    {
        public long Seq;
        public bool WindowOpen;
        public Task Tail = Task.CompletedTask;
        public Pending Pending { get; } = new();

        public LiveUpdate Take(string group)
        {
            Seq++;
            var p = Pending;
            var update = new LiveUpdate(group, Seq, [.. p.Cities.Values], [.. p.Targets.Values], [.. p.Units.Values], p.Ranking,
                p.Cities.Values.Concat(p.Targets.Values).Max(t => t.LastReceivedAt), [.. p.Alerts.Values])
            {
                Counts = p.Counts,
                AlertTally = p.AlertTally,
            };
            p.Clear();
            return update;
        }
    }

    private sealed class Pending
    {
        public Dictionary<string, TargetSnapshot> Cities { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, TargetSnapshot> Targets { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, UnitCard> Units { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, AlertView> Alerts { get; } = new(StringComparer.Ordinal);
        public ImmutableArray<RankingEntry>? Ranking { get; set; }
        public WallCounts? Counts { get; set; }
        public AlertTally? AlertTally { get; set; }

        public bool IsEmpty => Cities.Count == 0 && Targets.Count == 0 && Units.Count == 0 && Alerts.Count == 0 && Ranking is null && Counts is null
            && AlertTally is null;

        public void Clear()
        {
            Cities.Clear();
            Targets.Clear();
            Units.Clear();
            Alerts.Clear();
            Ranking = null;
            Counts = null;
            AlertTally = null;
        }
    }
}
