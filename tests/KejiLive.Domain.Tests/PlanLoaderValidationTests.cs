using KejiLive.Domain.Planning;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

public class PlanLoaderValidationTests
{
    private static PlanValidationException Fail(string path, string? json)
    {
        var doc = PlanJson.Base().Set(path, json);
        return Assert.Throws<PlanValidationException>(() => PlanLoader.Parse(doc.ToJsonString(), PlanJson.File));
    }

    private static void AssertError(PlanValidationException ex, string field, string? target, string fragment)
    {
        Assert.Contains(ex.Errors, e => e.File == PlanJson.File && e.Field == field && e.Target == target && e.Message.Contains(fragment, StringComparison.Ordinal));
    }

    [Theory]
    // unknown enum values name the allowed ones
    [InlineData("targets[0].kind", "\"bogus\"", "targets[0].kind", "hi-tech", "allowed: count, growth, ratio, milestone, range, rank")]
    [InlineData("targets[1].curve.kind", "\"wavy\"", "targets[1].curve.kind", "batches", "allowed: linear, schedule")]
    [InlineData("targets[1].curve.interpolation", "\"cubic\"", "targets[1].curve.interpolation", "batches", "allowed: step, linear")]
    [InlineData("targets[0].reportingCycle", "\"daily\"", "targets[0].reportingCycle", "hi-tech", "allowed: weekly, monthly, quarterly, annual")]
    [InlineData("units[0].kind", "\"province\"", "units[0].kind", null, "allowed: county, zone, overlay, city")]
    [InlineData("targets[0].group", "\"other\"", "targets[0].group", "hi-tech", "allowed: main, platform, measure")]
    // ids
    [InlineData("units[1].id", "\"360702\"", "units[1].id", null, "duplicate unit id '360702'")]
    [InlineData("targets[1].id", "\"hi-tech\"", "targets[1].id", "hi-tech", "duplicate target id 'hi-tech'")]
    [InlineData("targets[0].id", "\"Hi_Tech\"", "targets[0].id", "Hi_Tech", "^[a-z0-9][a-z0-9-]*$")]
    [InlineData("targets[0].id", "\"-tech\"", "targets[0].id", "-tech", "^[a-z0-9][a-z0-9-]*$")]
    // overlays
    [InlineData("units[4].overlayOf", "\"city\"", "units[4].overlayOf", null, "must name a county or zone")]
    [InlineData("units[4].overlayOf", "\"nowhere\"", "units[4].overlayOf", null, "must name a county or zone")]
    [InlineData("units[4].overlayOf", null, "units[4].overlayOf", null, "needs 'overlayOf'")]
    [InlineData("units[0].overlayOf", "\"360703\"", "units[0].overlayOf", null, "only overlay units")]
    [InlineData("targets[0].split[4].target", "25", "targets[0].split[4].target", "hi-tech", "exceeds its parent '360704' share 20")]
    [InlineData("targets[0].split[2].unit", "\"jkq\"", "targets[0].split[3].unit", "hi-tech", "appears twice")]
    // split and owner
    [InlineData("targets[0].split[1].unit", "\"nowhere\"", "targets[0].split[1].unit", "hi-tech", "unknown unit 'nowhere'")]
    [InlineData("targets[0].split[1].unit", "\"360702\"", "targets[0].split[1].unit", "hi-tech", "unit '360702' appears twice")]
    [InlineData("targets[1].split", "[{\"unit\":\"city\",\"target\":10}]", "targets[1].owner", "batches", "not both")]
    [InlineData("targets[1].owner", null, "targets[1].split", "batches", "missing 'split'")]
    [InlineData("targets[1].owner", "\"nowhere\"", "targets[1].owner", "batches", "unknown unit 'nowhere'")]
    [InlineData("targets[0].split[0].target", "41", "targets[0].split", "hi-tech", "sums to 101, but cityTarget is 100")]
    [InlineData("targets[0].split[3]", null, "targets[0].split", "hi-tech", "sums to 90, but cityTarget is 100")]
    [InlineData("targets[5].owner", null, "targets[5].split", "award-rank", "missing 'split'")]
    // targets must be positive
    [InlineData("targets[0].cityTarget", "0", "targets[0].cityTarget", "hi-tech", "must be above 0")]
    [InlineData("targets[0].split[0].target", "-40", "targets[0].split[0].target", "hi-tech", "must be above 0")]
    [InlineData("targets[4].split[0].target", "0", "targets[4].split[0].target", "rd-intensity", "must be above 0")]
    [InlineData("targets[4].cityTarget", "-2", "targets[4].cityTarget", "rd-intensity", "must be above 0")]
    [InlineData("targets[0].cityTarget", "\"lots\"", "targets[0].cityTarget", "hi-tech", "must be a number")]
    // dates outside the year
    [InlineData("targets[1].curve.points[0].date", "\"2026-03-31\"", "targets[1].curve.points[0].date", "batches", "outside the year 2025")]
    [InlineData("targets[1].curve.points[0].date", "\"31/03/2025\"", "targets[1].curve.points[0].date", "batches", "yyyy-MM-dd")]
    [InlineData("targets[6].milestones[0].due", "\"2024-12-31\"", "targets[6].milestones[0].due", "lab", "outside the year 2025")]
    [InlineData("targets[3].split[0].baseline[0].date", "\"2025-03-31\"", "targets[3].split[0].baseline[0].date", "rd-growth", "outside the year 2024")]
    // schedules
    [InlineData("targets[1].curve.points[1].date", "\"2025-03-01\"", "targets[1].curve.points[1].date", "batches", "must be ascending")]
    [InlineData("targets[1].curve.points[1].date", "\"2025-03-31\"", "targets[1].curve.points[1].date", "batches", "must be ascending")]
    [InlineData("targets[1].curve.points[0].share", "1.5", "targets[1].curve.points[0].share", "batches", "between 0 and 1")]
    [InlineData("targets[1].curve.points[0].share", "-0.1", "targets[1].curve.points[0].share", "batches", "between 0 and 1")]
    [InlineData("targets[1].curve.points[1].share", "0.1", "targets[1].curve.points[1].share", "batches", "must not decrease")]
    [InlineData("targets[1].curve.points[2].share", "0.9", "targets[1].curve.points[2].share", "batches", "last share must be 1")]
    [InlineData("targets[1].curve.points", "[]", "targets[1].curve.points", "batches", "at least one point")]
    // thresholds (target 0 overrides yellowPoints to 5)
    [InlineData("targets[0].thresholds.yellowPoints", "0", "targets[0].thresholds.yellowPoints", "hi-tech", "must be above 0")]
    [InlineData("targets[0].thresholds.redPoints", "4", "targets[0].thresholds.redPoints", "hi-tech", "must be greater than yellowPoints (5)")]
    [InlineData("targets[0].thresholds.hysteresisPoints", "5", "targets[0].thresholds.hysteresisPoints", "hi-tech", "below yellowPoints (5)")]
    [InlineData("targets[0].thresholds.hysteresisPoints", "-1", "targets[0].thresholds.hysteresisPoints", "hi-tech", "at least 0")]
    [InlineData("targets[0].thresholds.milestoneRedDays", "-1", "targets[0].thresholds.milestoneRedDays", "hi-tech", "0 or more")]
    [InlineData("targets[0].thresholds.rankYellowPlaces", "-1", "targets[0].thresholds.rankYellowPlaces", "hi-tech", "0 or more")]
    [InlineData("targets[0].thresholds.milestoneRedDays", "1.5", "targets[0].thresholds.milestoneRedDays", "hi-tech", "whole number")]
    [InlineData("defaultThresholds", "{\"yellowPoints\": 40}", "defaultThresholds.redPoints", null, "must be greater than yellowPoints (40)")]
    // kinds
    [InlineData("targets[2].stretch", "6", "targets[2].stretch", "jbgs", "above the floor (cityTarget 6)")]
    [InlineData("targets[2].stretch", null, "targets[2].stretch", "jbgs", "missing required field 'stretch'")]
    [InlineData("targets[3].growth", "-1", "targets[3].growth", "rd-growth", "above -1")]
    [InlineData("targets[3].growth", null, "targets[3].growth", "rd-growth", "missing required field 'growth'")]
    [InlineData("targets[3].split[1].baseline", null, "targets[3].split[1].baseline", "rd-growth", "missing required field 'baseline'")]
    [InlineData("targets[3].split[1].baseline", "[]", "targets[3].split[1].baseline", "rd-growth", "missing baseline")]
    [InlineData("targets[3].split[0].baseline[1].value", "5", "targets[3].split[0].baseline[1].value", "rd-growth", "must not decrease")]
    [InlineData("targets[3].split[0].baseline[1].date", "\"2024-01-31\"", "targets[3].split[0].baseline[1].date", "rd-growth", "must be ascending")]
    [InlineData("targets[4].ratioScale", "0", "targets[4].ratioScale", "rd-intensity", "must be above 0")]
    [InlineData("targets[4].ratioScale", null, "targets[4].ratioScale", "rd-intensity", "missing required field 'ratioScale'")]
    [InlineData("targets[5].cityTarget", "2.5", "targets[5].cityTarget", "award-rank", "whole place of 1 or more")]
    [InlineData("targets[5].cityTarget", "0", "targets[5].cityTarget", "award-rank", "whole place of 1 or more")]
    [InlineData("targets[5].split", "[{\"unit\":\"city\",\"target\":3}]", "targets[5].split", "award-rank", "one owner")]
    [InlineData("targets[6].milestones", "[]", "targets[6].milestones", "lab", "at least one milestone")]
    [InlineData("targets[6].milestones", null, "targets[6].milestones", "lab", "missing required field 'milestones'")]
    [InlineData("targets[6].milestones[1].id", "\"m2\"", "targets[6].milestones[1].id", "lab", "duplicate milestone id 'm2'")]
    // required fields
    [InlineData("targets[0].name", null, "targets[0].name", "hi-tech", "missing required field 'name'")]
    [InlineData("targets[0].leader", null, "targets[0].leader", "hi-tech", "missing required field 'leader'")]
    [InlineData("targets[0].department", "\"\"", "targets[0].department", "hi-tech", "must not be empty")]
    [InlineData("targets[0].curve", null, "targets[0].curve", "hi-tech", "missing required field 'curve'")]
    [InlineData("targets[0].kind", null, "targets[0].kind", "hi-tech", "missing required field 'kind'")]
    [InlineData("targets[0].id", null, "targets[0].id", null, "missing required field 'id'")]
    [InlineData("units[0].name", null, "units[0].name", null, "missing required field 'name'")]
    [InlineData("id", null, "id", null, "missing required field 'id'")]
    [InlineData("year", "1999", "year", null, "between 2000 and 2100")]
    [InlineData("graceDays", "-1", "graceDays", null, "0 or more")]
    [InlineData("sampleSplit", "\"yes\"", "sampleSplit", null, "true or false")]
    [InlineData("targets", null, "targets", null, "missing required field 'targets'")]
    public void Parse_WhenFieldIsBroken_NamesFileTargetAndField(string path, string? json, string field, string? target, string fragment)
    {
        AssertError(Fail(path, json), field, target, fragment);
    }

    [Fact]
    public void Parse_WhenJsonIsMalformed_ReportsDollarFieldWithLineNumber()
    {
        var ex = Assert.Throws<PlanValidationException>(() => PlanLoader.Parse("{\n  \"id\": \"x\",\n  \"year\": ,\n}", "bad.json"));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("$", error.Field);
        Assert.Equal("bad.json", error.File);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenRootIsNotAnObject_ReportsDollarField()
    {
        var ex = Assert.Throws<PlanValidationException>(() => PlanLoader.Parse("[1, 2]", "bad.json"));
        Assert.Equal("$", Assert.Single(ex.Errors).Field);
    }

    [Fact]
    public void Parse_WhenManyFieldsAreBroken_CollectsEveryError()
    {
        var doc = PlanJson.Base()
            .Set("targets[0].kind", "\"bogus\"")
            .Set("targets[1].curve.points[2].share", "0.9")
            .Set("targets[2].stretch", "1")
            .Set("targets[6].milestones[1].id", "\"m2\"")
            .Set("units[4].overlayOf", "\"city\"");
        var ex = Assert.Throws<PlanValidationException>(() => PlanLoader.Parse(doc.ToJsonString(), PlanJson.File));
        Assert.Equal(5, ex.Errors.Length);
        Assert.Equal("hi-tech|batches|jbgs|lab|", string.Join("|", ex.Errors.Select(e => e.Target).OrderBy(t => t is null)));
    }

    [Fact]
    public void PlanValidationException_Message_ListsFileTargetAndFieldPerLine()
    {
        var ex = Fail("targets[0].split[0].target", "41");
        Assert.Contains("test-plan.json: target 'hi-tech': targets[0].split: ", ex.Message, StringComparison.Ordinal);
    }
}
