using KejiLive.Domain.Alerts;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests.Alerts;

/// <summary>The optional <c>alerts</c> blocks of a plan file. The base test plan's target 0 (hi-tech) has yellowPoints 5;
/// target 6 (lab) is a milestone target with the default milestoneRedDays 15.</summary>
public class PlanAlertsLoaderTests
{
    private static PlanDocument Load(params (string Path, string? Json)[] edits)
    {
        var doc = PlanJson.Base();
        foreach (var (path, json) in edits)
        {
            // create the alerts block an edit reaches into (PlanJson.Set only sets leaves of existing objects)
            var m = System.Text.RegularExpressions.Regex.Match(path, @"^(?:targets\[(\d+)\]\.)?alerts\.");
            if (m.Success)
            {
                var owner = m.Groups[1].Success ? doc["targets"]![int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)]!.AsObject() : doc;
                if (owner["alerts"] is null) owner["alerts"] = new System.Text.Json.Nodes.JsonObject();
            }
            doc.Set(path, json);
        }
        return PlanLoader.Parse(doc.ToJsonString(), PlanJson.File);
    }

    private static PlanValidationException Fail(params (string Path, string? Json)[] edits) =>
        Assert.Throws<PlanValidationException>(() => Load(edits));

    [Fact]
    public void Parse_WhenNoAlertsBlock_UsesDefaultsEverywhere()
    {
        var plan = PlanJson.Load();
        Assert.Same(AlertSettings.Default, plan.Alerts);
        Assert.All(plan.Targets, t => Assert.Same(AlertSettings.Default, t.Alerts));
    }

    [Fact]
    public void Parse_WhenTopLevelAndTargetBlocks_MergesFieldByField()
    {
        var plan = Load(
            ("alerts", """{ "pendingDays": 1.5, "holdDays": 5, "reminderDays": [2, 7], "quietHours": { "from": "21:30", "until": "07:00" }, "muteNonWorkingDays": false }"""),
            ("targets[1].alerts", """{ "holdDays": 1, "fallingFastPoints": 40, "fallingFastWeeks": 2, "ackWorkingDays": 5, "marginPoints": 1, "milestoneOrangeAfterDays": 3 }"""));
        var top = plan.Alerts;
        Assert.Equal(AlertSettings.Default with
        {
            Pending = TimeSpan.FromHours(36), Hold = TimeSpan.FromDays(5), Reminders = [TimeSpan.FromDays(2), TimeSpan.FromDays(7)],
            QuietFrom = new TimeOnly(21, 30), QuietUntil = new TimeOnly(7, 0), MuteNonWorkingDays = false,
        }, top);
        Assert.Same(top, plan.FindTarget("hi-tech")!.Alerts);
        var batches = plan.FindTarget("batches")!.Alerts;
        Assert.Equal(top with
        {
            Hold = TimeSpan.FromDays(1), FallingFastPoints = 40, FallingFastWeeks = 2, AckWorkingDays = 5, MarginPoints = 1, MilestoneOrangeAfterDays = 3,
        }, batches);
    }

    [Theory]
    [InlineData("alerts.holdDays", "0", "alerts.holdDays", null, "holdDays must be above 0")]
    [InlineData("alerts.pendingDays", "-1", "alerts.pendingDays", null, "pendingDays must be above 0")]
    [InlineData("alerts.pendingDays", "400", "alerts.pendingDays", null, "at most 366 days")]
    [InlineData("alerts.reminderDays", "[3, 1]", "alerts.reminderDays", null, "must not decrease")]
    [InlineData("alerts.reminderDays", "[0, 7]", "alerts.reminderDays", null, "reminderDays[0] must be above 0")]
    [InlineData("alerts.reminderDays", "[0.1]", "alerts.reminderDays", null, "at least 1 day")]
    [InlineData("alerts.reminderDays", "[]", "alerts.reminderDays", null, "at least one gap")]
    [InlineData("alerts.reminderDays", "\"weekly\"", "alerts.reminderDays", null, "must be an array")]
    [InlineData("alerts.reminderDays", "[1, \"x\"]", "alerts.reminderDays[1]", null, "must be a number of days")]
    [InlineData("alerts.fallingFastPoints", "0", "alerts.fallingFastPoints", null, "must be above 0")]
    [InlineData("alerts.fallingFastWeeks", "0", "alerts.fallingFastWeeks", null, "must be 1 or more")]
    [InlineData("alerts.fallingFastWeeks", "1.5", "alerts.fallingFastWeeks", null, "whole number")]
    [InlineData("alerts.ackWorkingDays", "0", "alerts.ackWorkingDays", null, "must be 1 or more")]
    [InlineData("alerts.marginPoints", "-1", "alerts.marginPoints", null, "at least 0 and below yellowPoints (10)")]
    [InlineData("alerts.milestoneOrangeAfterDays", "15", "alerts.milestoneOrangeAfterDays", null, "below milestoneRedDays (15)")]
    [InlineData("alerts.quietHours", "{ \"from\": \"25:00\", \"until\": \"08:00\" }", "alerts.quietHours.from", null, "HH:mm")]
    [InlineData("alerts.quietHours", "{ \"from\": \"22:00\" }", "alerts.quietHours.until", null, "missing required field 'until'")]
    [InlineData("alerts.muteNonWorkingDays", "\"yes\"", "alerts.muteNonWorkingDays", null, "true or false")]
    [InlineData("alerts.holdDay", "3", "alerts.holdDay", null, "unknown alerts field 'holdDay'")]
    [InlineData("alerts", "[]", "alerts", null, "must be an object")]
    [InlineData("targets[1].alerts.holdDays", "0", "targets[1].alerts.holdDays", "batches", "holdDays must be above 0")]
    [InlineData("targets[0].alerts.marginPoints", "5", "targets[0].alerts.marginPoints", "hi-tech", "below yellowPoints (5)")]
    [InlineData("targets[6].thresholds", "{ \"milestoneRedDays\": 5 }", "targets[6].alerts.milestoneOrangeAfterDays", "lab", "below milestoneRedDays (5) (inherited from the plan's alerts)")]
    public void Parse_WhenAlertsFieldIsBroken_NamesFileTargetAndField(string path, string json, string field, string? target, string fragment)
    {
        var ex = Fail((path, json));
        Assert.Contains(ex.Errors, e => e.File == PlanJson.File && e.Field == field && e.Target == target && e.Message.Contains(fragment, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_WhenTopLevelMarginTooLargeForOneTarget_ReportsThatTargetOnly()
    {
        // margin 6 is fine against the default yellow 10 but not against hi-tech's yellow 5
        var ex = Fail(("alerts.marginPoints", "6"));
        var error = Assert.Single(ex.Errors);
        Assert.Equal(("hi-tech", "targets[0].alerts.marginPoints"), (error.Target, error.Field));
    }

    [Fact]
    public void Parse_WhenTopLevelIsBroken_ReportsOnceNotPerTarget()
    {
        var ex = Fail(("alerts.holdDays", "0"), ("targets[1].alerts", "{ \"pendingDays\": 1 }"));
        Assert.Equal("alerts.holdDays", Assert.Single(ex.Errors).Field);
    }

    [Fact]
    public void ShippedPlan_AlertSettings_AreDefaultsWithBatchOverride()
    {
        var plan = PlanLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json"));
        Assert.Equal(AlertSettings.Default, plan.Alerts);
        Assert.Equal(40, plan.FindTarget("hi-tech-enterprises")!.Alerts.FallingFastPoints);
        Assert.Equal(10, plan.FindTarget("tech-smes")!.Alerts.FallingFastPoints);
    }
}
