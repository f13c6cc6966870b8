using KejiLive.Domain.Planning;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

public class PlanLoaderTests
{
    private static readonly PlanDocument Plan = PlanJson.Load();

    [Fact]
    public void Parse_WhenValid_ReadsTopLevelFields()
    {
        Assert.Equal("test-2025", Plan.Id);
        Assert.Equal(2025, Plan.Year);
        Assert.Equal("赣州市", Plan.City);
        Assert.Equal("测试计划", Plan.Title);
        Assert.True(Plan.SampleSplit);
        Assert.Equal(6, Plan.Units.Length);
        Assert.Equal(7, Plan.Targets.Length);
    }

    [Fact]
    public void Parse_WhenGraceDaysMissing_DefaultsToFive()
    {
        Assert.Equal(5, Plan.GraceDays);
        Assert.Equal(9, Fx.Plan(j => j.Set("graceDays", "9")).GraceDays);
    }

    [Fact]
    public void Parse_WhenCommentsAndTrailingCommasPresent_Accepts()
    {
        var json = "// plan\n" + PlanJson.Base().ToJsonString().Replace("\"units\":[", "\"units\":[ /* units */", StringComparison.Ordinal)
            .Replace("\"city\",\"office\":\"赣州市科学技术局\"}", "\"city\",\"office\":\"赣州市科学技术局\",},", StringComparison.Ordinal);
        Assert.Equal(6, PlanLoader.Parse(json, "c.json").Units.Length);
    }

    [Fact]
    public void Parse_Units_ReadKindOverlayAndOffice()
    {
        var gxq = Plan.FindUnit("gxq")!;
        Assert.Equal(UnitKind.Overlay, gxq.Kind);
        Assert.Equal("360704", gxq.OverlayOf);
        Assert.False(gxq.IsRanked);
        Assert.Equal("章贡区科学技术局", Plan.FindUnit("360702")!.Office);
        Assert.Equal(4, Plan.Units.Count(u => u.IsRanked));
    }

    [Fact]
    public void Parse_Assignment_OfficeDefaultsToUnitOfficeAndSplitMayOverride()
    {
        var t = Plan.FindTarget("hi-tech")!;
        Assert.Equal("章贡区科学技术局", t.AssignmentFor("360702")!.Office);
        Assert.Equal("高新区科技局", t.AssignmentFor("gxq")!.Office);
        Assert.Equal("赣州市科学技术局", Plan.FindTarget("lab")!.AssignmentFor("city")!.Office);
    }

    [Fact]
    public void Parse_Thresholds_MergePartialOverrideOverDefaults()
    {
        Assert.Equal(new Thresholds(5, 30, 2, 15, 2), Plan.FindTarget("hi-tech")!.Thresholds);
        Assert.Equal(Thresholds.Default, Plan.FindTarget("batches")!.Thresholds);
        var custom = Fx.Plan(j => j.Set("defaultThresholds", "{\"redPoints\": 40, \"rankYellowPlaces\": 1}"));
        Assert.Equal(new Thresholds(10, 40, 2, 15, 1), custom.FindTarget("batches")!.Thresholds);
        Assert.Equal(new Thresholds(5, 40, 2, 15, 1), custom.FindTarget("hi-tech")!.Thresholds);
    }

    [Fact]
    public void Parse_GrowthTarget_DerivesUnitTargetsAndCityTarget()
    {
        var t = Plan.FindTarget("rd-growth")!;
        Assert.Equal(TargetKind.Growth, t.Kind);
        Assert.Equal(0.08, t.Growth);
        Assert.Equal(108, t.AssignmentFor("360702")!.Target, 9);
        Assert.Equal(54, t.AssignmentFor("360703")!.Target, 9);
        Assert.Equal(162, t.CityTarget, 9);
        Assert.Equal(100, t.AssignmentFor("360702")!.BaselineTotal);
        Assert.Equal(CurveKind.Baseline, t.Curve.Kind);
    }

    [Fact]
    public void Parse_GrowthTarget_RoundsUnitTargetToFourDecimals()
    {
        var plan = Fx.Plan(j => j.Set("targets[3].split[1].baseline[1].value", "33.33333").Set("targets[3].growth", "0.1"));
        Assert.Equal(36.6667, plan.FindTarget("rd-growth")!.AssignmentFor("360703")!.Target);
    }

    [Theory]
    [InlineData("hi-tech", CurveKind.Linear)]
    [InlineData("batches", CurveKind.Schedule)]
    [InlineData("jbgs", CurveKind.Schedule)]
    [InlineData("rd-growth", CurveKind.Baseline)]
    [InlineData("rd-intensity", CurveKind.Flat)]
    [InlineData("award-rank", CurveKind.Flat)]
    [InlineData("lab", CurveKind.Milestones)]
    public void Parse_EachKind_GetsItsCurve(string target, CurveKind curve)
    {
        Assert.Equal(curve, Plan.FindTarget(target)!.Curve.Kind);
    }

    [Fact]
    public void Parse_ScheduleCurve_ReadsInterpolationAndPoints()
    {
        var batches = Plan.FindTarget("batches")!.Curve;
        Assert.Equal(Interpolation.Step, batches.Interpolation);
        Assert.Equal([new CurvePoint(new(2025, 3, 31), 0.2), new CurvePoint(new(2025, 9, 30), 0.5), new CurvePoint(new(2025, 12, 31), 1)], batches.Points.ToArray());
        Assert.Equal(Interpolation.Linear, Plan.FindTarget("jbgs")!.Curve.Interpolation);
    }

    [Fact]
    public void Parse_MilestoneTarget_CityTargetIsCountAndMilestonesInDueOrder()
    {
        var t = Plan.FindTarget("lab")!;
        Assert.Equal(3, t.CityTarget);
        Assert.Equal(3, t.AssignmentFor("city")!.Target);
        Assert.Equal(["m1", "m2", "m3"], t.Milestones.Select(m => m.Id));
    }

    [Fact]
    public void Parse_RangeRatioRank_ReadKindFields()
    {
        var range = Plan.FindTarget("jbgs")!;
        Assert.Equal(6, range.CityTarget);
        Assert.Equal(10, range.Stretch);
        var ratio = Plan.FindTarget("rd-intensity")!;
        Assert.Equal(100, ratio.RatioScale);
        Assert.Equal(2.5, ratio.AssignmentFor("360702")!.Target);
        Assert.Equal(3, Plan.FindTarget("award-rank")!.AssignmentFor("city")!.Target);
    }

    [Fact]
    public void Parse_CommonFields_AreRead()
    {
        var t = Plan.FindTarget("hi-tech")!;
        Assert.Equal(("新认定高新技术企业", "main", "一", "家", "高新科", "副局长", ReportingCycle.Monthly),
            (t.Name, t.Group, t.Section, t.Measure, t.Department, t.Leader, t.ReportingCycle));
        Assert.Equal(5, t.Assignments.Length);
    }

    [Fact]
    public void Parse_LeapYearPlan_Loads()
    {
        var plan = PlanJson.Load(2024);
        Assert.Equal(2024, plan.Year);
        Assert.Equal(new DateOnly(2023, 12, 31), plan.FindTarget("rd-growth")!.AssignmentFor("360702")!.Baseline[^1].Date);
    }

    [Fact]
    public void LoadFile_ReportsTheFileName()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kejilive-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, PlanJson.Base().Set("targets[0].cityTarget", "0").ToJsonString());
        try
        {
            var ex = Assert.Throws<PlanValidationException>(() => PlanLoader.LoadFile(path));
            Assert.All(ex.Errors, e => Assert.Equal(Path.GetFileName(path), e.File));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
