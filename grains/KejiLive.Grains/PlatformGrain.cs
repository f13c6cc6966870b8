using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;

namespace KejiLive.Grains;

/// <summary>A platform, pilot base or key measure: its milestones' status, from the owner's target grain.</summary>
public sealed class PlatformGrain(PlanDocument plan) : Grain, IPlatformGrain
{
    public async Task<PlatformSnapshot> GetAsync()
    {
        var id = this.GetPrimaryKeyString();
        var target = plan.FindTarget(id);
        if (target is not { Kind: TargetKind.Milestone } || target.Assignments.Length != 1)
        {
            throw new InvalidOperationException($"'{id}' is not a milestone target with one owner in plan '{plan.Id}'.");
        }
        var state = await GrainFactory.GetGrain<ITargetGrain>(GrainKeys.Target(id, target.Assignments[0].UnitId)).GetSnapshotAsync();
        var today = ShanghaiTime.DateOf(state.JudgedAt);
        var done = (int)Math.Floor(state.Actual);
        var lines = target.Milestones.Select((m, i) => new MilestoneLine
        {
            Id = m.Id,
            Name = m.Name,
            Due = m.Due,
            Done = i < done,
            DaysOverdue = i >= done && m.Due < today ? today.DayNumber - m.Due.DayNumber : 0,
        });
        return new PlatformSnapshot { State = state, Milestones = [.. lines] };
    }
}
