using System.Collections.Immutable;

namespace KejiLive.Domain.Alerts;

/// <summary>All alert state a target × unit grain keeps: the gap history (falling-fast) and one track per rule.</summary>
public sealed record TargetAlertState(string TargetId, string UnitId, GapHistory History, ImmutableArray<AlertTrack> Tracks)
{
    /// <summary>Nothing seen yet.</summary>
    public static TargetAlertState Empty(string targetId, string unitId) => new(targetId, unitId, GapHistory.Empty, []);

    /// <summary>The track of <paramref name="rule"/> (a new one when none is kept yet).</summary>
    public AlertTrack Track(AlertRule rule)
    {
        foreach (var t in Tracks.IsDefault ? [] : Tracks)
        {
            if (t.Key.Rule == rule) return t;
        }
        return AlertTrack.New(AlertKey.ForTarget(TargetId, UnitId, rule));
    }

    /// <summary>Every current alert (live, resolved or just closed), by rule order of the tracks.</summary>
    public IEnumerable<Alert> Alerts => (Tracks.IsDefault ? [] : Tracks).Where(t => t.Alert is not null).Select(t => t.Alert!);

    /// <summary>Every alert kept: the current ones and each track's latest closed one (<see cref="AlertTrack.LastClosed"/>).</summary>
    public IEnumerable<Alert> Kept => (Tracks.IsDefault ? [] : Tracks).SelectMany(t => t.Kept);

    /// <summary>The state with <paramref name="track"/> stored (replacing the one of the same rule).</summary>
    public TargetAlertState With(AlertTrack track)
    {
        var tracks = Tracks.IsDefault ? [] : Tracks;
        for (var i = 0; i < tracks.Length; i++)
        {
            if (tracks[i].Key.Rule == track.Key.Rule) return this with { Tracks = tracks.SetItem(i, track) };
        }
        return this with { Tracks = tracks.Add(track) };
    }

    /// <summary>The state with an alert changed by a person (acknowledged, closed) put back in its track; unchanged
    /// when no track holds an alert with that id.</summary>
    public TargetAlertState WithAlert(Alert alert)
    {
        foreach (var t in Tracks.IsDefault ? [] : Tracks)
        {
            if (t.Alert?.Id == alert.Id) return With(t with { Alert = alert });
        }
        return this;
    }
}
