namespace KejiLive.Domain.Weekly;

/// <summary>Every replayed track of a pack: per (target, unit) and per city target.</summary>
internal sealed record PackTracks(
    IReadOnlyDictionary<(string TargetId, string UnitId), TargetTrack> Units,
    IReadOnlyDictionary<string, TargetTrack> Cities)
{
    /// <summary>A unit's tracks in plan order, with their targets.</summary>
    public IEnumerable<(Planning.TargetDefinition Target, TargetTrack Track)> ForUnit(Planning.PlanDocument plan, string unitId)
    {
        foreach (var t in plan.Targets)
        {
            if (Units.TryGetValue((t.Id, unitId), out var track)) yield return (t, track);
        }
    }
}
