using System.Collections.Immutable;
using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Tests;

/// <summary>Lookups by id (an index per plan and target instance) find what a scan of the lists finds.</summary>
public class PlanLookupTests
{
    private static readonly PlanDocument Plan = PlanLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json"));

    [Fact]
    public void EveryTargetUnitAndShare_IsFoundByItsId_AsTheListHoldsIt()
    {
        foreach (var target in Plan.Targets)
        {
            Assert.Same(target, Plan.FindTarget(target.Id));
            foreach (var share in target.Assignments) Assert.Same(share, target.AssignmentFor(share.UnitId));
        }
        foreach (var unit in Plan.Units) Assert.Same(unit, Plan.FindUnit(unit.Id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-such-id")]
    [InlineData("360702 ")]
    [InlineData(null)]
    public void UnknownOrMissingIds_FindNothing(string? id)
    {
        Assert.Null(Plan.FindTarget(id!));
        Assert.Null(Plan.FindUnit(id!));
        Assert.Null(Plan.Targets[0].AssignmentFor(id!));
    }

    [Fact]
    public void ACopyWithOtherLists_FindsInItsOwnLists_AndTheFirstOfEqualIds()
    {
        var unit = Plan.Units[0];
        var renamed = unit with { Name = "改名单位" };
        var copy = Plan with { Units = [renamed, unit, .. Plan.Units.Skip(1)] };
        var target = Plan.Targets[0];
        var share = target.Assignments[0];
        var doubled = target with { Assignments = [share with { Target = share.Target + 1 }, .. target.Assignments] };

        Assert.Same(unit, Plan.FindUnit(unit.Id));
        Assert.Same(renamed, copy.FindUnit(unit.Id));
        Assert.Equal(share.Target + 1, doubled.AssignmentFor(share.UnitId)!.Target);
        Assert.Same(share, target.AssignmentFor(share.UnitId));
        Assert.Null((target with { Assignments = ImmutableArray<Assignment>.Empty }).AssignmentFor(share.UnitId));
    }
}
