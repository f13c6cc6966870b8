using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;

namespace KejiLive.Grains.Tests;

/// <summary>Time passing alone moves 序时进度: the scheduler's timer re-judges every target, so a unit whose figure falls
/// behind as plan days pass changes light on the right day, and 未报送 appears once its cycle has passed.</summary>
public sealed class TimeJudgingTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    [Fact]
    public async Task Scheduler_WhenMidnightPassesWithoutReports_TurnsTheLightOnThatDay()
    {
        // tech-smes curve: linear from 0 on 1 Jan to 30% on 31 Mar (share 0.3·d/90 on day d), monthly figures released
        // on the 10th of the next month, 5 grace days. 瑞金市 (125 家) reports 13 as of 31 Jan (12 due: green) and then
        // nothing. Issue 17 reads a figure at its own date until a second figure is overdue by the release calendar
        // (February's from 16 March, March's — released 10 April, + 5 grace days — from 16 April), then at the newest
        // overdue figure's date: on 16 April March's (37 due, 19.2 pp behind) turns it yellow. Only the scheduler's
        // judgement can show that. (The old 2 × 31 + 5 day rule read February's from 9 April and March's from 15 April.)
        await using var keji = await KejiCluster.StartAsync(new DateTimeOffset(2025, 1, 31, 20, 0, 0, Shanghai));
        try
        {
            await keji.Client.GetGrain<ITargetGrain>(GrainKeys.Target("tech-smes", "360781")).SubmitAsync(Reports.Count("rj-01", "2025-01-31", 13));
            var city = keji.Client.GetGrain<ICityTargetGrain>("tech-smes");
            // The city hears of the unit's light by a one-way call (batched while the start's sweep publishes): wait for it.
            var reported = await Eventually.Until(city.GetAsync, c => Unit(c, "360781").Light != "grey");
            Assert.Equal("green", Unit(reported, "360781").Light);

            await JumpAsync(keji, new DateTimeOffset(2025, 4, 15, 20, 0, 0, Shanghai));
            var before = Unit(await city.GetAsync(), "360781");
            Assert.Equal(("green", new DateOnly(2025, 1, 31)), (before.Light, before.ScheduleDate));

            await AdvanceUntilAsync(keji, new DateTimeOffset(2025, 4, 16, 0, 30, 0, Shanghai));

            // The flushed judgement still reaches the city by a one-way call: wait for the 16 April one.
            var after = Unit(await Eventually.Until(city.GetAsync,
                c => Domain.Calendar.ShanghaiTime.DateOf(Unit(c, "360781").JudgedAt) == new DateOnly(2025, 4, 16)), "360781");
            Assert.Equal(("yellow", new DateOnly(2025, 3, 31)), (after.Light, after.ScheduleDate));
            Assert.Equal(new DateOnly(2025, 4, 16), Domain.Calendar.ShanghaiTime.DateOf(after.JudgedAt));
            Assert.Equal(13.0 / 125 * 100 - 30, after.GapPoints, 9); // 较序时 against the 30% share itself
        }
        finally
        {
            KejiCluster.DeleteDatabase(keji.DatabasePath);
        }
    }

    [Fact]
    public async Task Scheduler_WhenReportingCyclePasses_FlagsNotReportedBesideTheLight()
    {
        // Monthly figures follow the release calendar: with no report since the year began, January's figure (released
        // 10 February, + 5 grace days) is 未报送 from 16 February — not on 6 February (31 + 5 days), as it used to be.
        await using var keji = await KejiCluster.StartAsync(new DateTimeOffset(2025, 2, 5, 22, 0, 0, Shanghai));
        try
        {
            var unit = keji.Client.GetGrain<IUnitGrain>("360735");
            var before = (await unit.GetScorecardAsync()).Targets.Single(t => t.Target == "talent-teams");
            Assert.False(before.NotReported);

            await AdvanceUntilAsync(keji, new DateTimeOffset(2025, 2, 6, 0, 30, 0, Shanghai));
            var sixth = (await unit.GetScorecardAsync()).Targets.Single(t => t.Target == "talent-teams");
            Assert.False(sixth.NotReported);

            await JumpAsync(keji, new DateTimeOffset(2025, 2, 15, 22, 0, 0, Shanghai));
            var fifteenth = (await unit.GetScorecardAsync()).Targets.Single(t => t.Target == "talent-teams");
            Assert.False(fifteenth.NotReported);

            await AdvanceUntilAsync(keji, new DateTimeOffset(2025, 2, 16, 0, 30, 0, Shanghai));

            // The unit hears of the 16 February judgement by a one-way call: wait for it (fails with the last scorecard).
            var after = (await Eventually.Until(unit.GetScorecardAsync,
                c => c.Targets.Single(t => t.Target == "talent-teams").NotReported)).Targets.Single(t => t.Target == "talent-teams");
            Assert.True(after.NotReported);
        }
        finally
        {
            KejiCluster.DeleteDatabase(keji.DatabasePath);
        }
    }

    [Fact]
    public async Task UnitNotReportedAlert_WhenOneOfItsTargetsReports_TheIndexShowsTheNewCount()
    {
        // From 16 February every monthly target of 石城县 without a January figure is 未报送: one alert for the unit,
        // counting them. A report of one of them lowers the count; the 督办 pages (the index) must show the unit's count
        // as its page does, not the count the alert opened with.
        await using var keji = await KejiCluster.StartAsync(new DateTimeOffset(2025, 2, 15, 22, 0, 0, Shanghai));
        try
        {
            await AdvanceUntilAsync(keji, new DateTimeOffset(2025, 2, 16, 0, 30, 0, Shanghai));
            var index = keji.Client.GetGrain<Abstractions.Alerts.IAlertIndexGrain>(GrainKeys.Plan(KejiCluster.Plan.Id));
            async Task<Abstractions.Alerts.AlertView?> NotReportedAsync() =>
                (await index.QueryAsync("360735", null)).SingleOrDefault(a => a.Rule == "not-reported");
            // The sweep's judgements reach the unit in more than one batch, and each of its counts reaches the index one-way:
            // wait until the index shows the count the unit's scorecard shows (the alert may open on a first batch's count).
            var unitGrain = keji.Client.GetGrain<IUnitGrain>("360735");
            var (opened, missing) = await Eventually.Until(async () => (Alert: await NotReportedAsync(), (await unitGrain.GetScorecardAsync()).NotReportedTargets),
                x => x.Alert is not null && x.Alert.Points == x.NotReportedTargets);
            Assert.Equal(missing, opened!.Points);
            Assert.True(missing >= 2, $"{missing} targets 未报送");

            var stored = StoredAlertsVersion(keji.DatabasePath, GrainKeys.UnitAlerts("360735"));
            await keji.Client.GetGrain<ITargetGrain>(GrainKeys.Target("talent-teams", "360735")).SubmitAsync(Reports.Count("sc-01", "2025-01-31", 1));

            var now = await Eventually.Until(NotReportedAsync, a => a!.Points == missing - 1);
            Assert.Equal((opened.Id, opened.State, opened.History.Length), (now!.Id, now.State, now.History.Length));
            // The count alone moved: published at once, stored later with the grain's next change or within SaveDelay
            // (a report does not pay for a second fsynced write of the unit's alert state).
            Assert.NotNull(stored);
            Assert.Equal(stored, StoredAlertsVersion(keji.DatabasePath, GrainKeys.UnitAlerts("360735")));
        }
        finally
        {
            KejiCluster.DeleteDatabase(keji.DatabasePath);
        }
    }

    /// <summary>The stored version of an alerts grain's state, read from the SQLite file itself; null when no row.</summary>
    private static long? StoredAlertsVersion(string databasePath, string key)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM grain_state WHERE state_name = 'alerts' AND substr(grain_id, -length($key)) = $key";
        command.Parameters.AddWithValue("$key", "/" + key);
        return command.ExecuteScalar() as long?;
    }

    [Fact]
    public async Task StepCurve_WhenBatchDateArrives_JudgesOnlyFromThatDay()
    {
        // 高企 are certified in batches: nothing is expected before 30 September, and from that day 30% is. 上犹县 never
        // reports, so its light stays grey (issue 17: no report is nothing to judge, not zero progress), but the
        // 序时进度 its city view shows steps on the batch day, and only the scheduler's judgement after midnight pushes it.
        await using var keji = await KejiCluster.StartAsync(new DateTimeOffset(2025, 9, 29, 23, 0, 0, Shanghai));
        try
        {
            // Read what the judgements pushed (the city view), not a snapshot evaluated at read time: only the
            // scheduler's run after midnight can turn it red.
            var city = keji.Client.GetGrain<ICityTargetGrain>("hi-tech-enterprises");
            var summer = Unit(await city.GetAsync(), "360724");
            Assert.Equal(("grey", 0.0), (summer.Light, summer.Expected));

            await AdvanceUntilAsync(keji, new DateTimeOffset(2025, 9, 30, 0, 30, 0, Shanghai));

            // The flushed judgement still reaches the city by a one-way call: wait for the 30 September one.
            var batch = Unit(await Eventually.Until(city.GetAsync,
                c => Domain.Calendar.ShanghaiTime.DateOf(Unit(c, "360724").JudgedAt) == new DateOnly(2025, 9, 30)), "360724");
            Assert.Equal(0.3, batch.ScheduleRate, 9);
            Assert.Equal(0.3 * batch.AnnualTarget, batch.Expected, 9);
            Assert.Equal(("grey", new DateOnly(2025, 9, 30)), (batch.Light, batch.ScheduleDate));
            Assert.Equal(new DateOnly(2025, 9, 30), Domain.Calendar.ShanghaiTime.DateOf(batch.JudgedAt));
        }
        finally
        {
            KejiCluster.DeleteDatabase(keji.DatabasePath);
        }
    }

    [Fact]
    public async Task DueSoon_WhenTheLastMonthBeforeAnItemsDueDateBegins_ShowsOnTheUnitAndIsCountedForTheCity()
    {
        // pilot-bases: 信丰县 and 大余县 each owe 1 中试基地 by 31 December (the 50% step on 30 June is half an item). Both
        // stay green (nothing is late), and from 1 December both are 临期 — only the scheduler's judgement after
        // midnight can say so. 信丰县 reported 0 at the end of September; 大余县 never reported (it owes the item all the same).
        await using var keji = await KejiCluster.StartAsync(new DateTimeOffset(2025, 11, 30, 22, 0, 0, Shanghai));
        try
        {
            await keji.Client.GetGrain<ITargetGrain>(GrainKeys.Target("pilot-bases", "360722")).SubmitAsync(Reports.Count("xf-pilot", "2025-09-30", 0));
            var city = keji.Client.GetGrain<ICityTargetGrain>("pilot-bases");
            var november = await Eventually.Until(city.GetAsync, c => Unit(c, "360722").Light != "grey");
            Assert.Equal("green", Unit(november, "360722").Light);
            Assert.Null(Unit(november, "360722").DueSoon);
            Assert.Equal(0, november.City.UnitsDueSoon);

            await AdvanceUntilAsync(keji, new DateTimeOffset(2025, 12, 1, 0, 30, 0, Shanghai));

            var december = await Eventually.Until(city.GetAsync, c => c.City.UnitsDueSoon == 2);
            var xinfeng = Unit(december, "360722");
            Assert.Equal("green", xinfeng.Light);
            Assert.Equal(new DateOnly(2025, 12, 31), xinfeng.DueSoon!.Due);
            Assert.Equal(30, xinfeng.DueSoon.DaysLeft);
            Assert.Equal("临期：第1项期限12月31日，还剩30天，已完成0项（共1项）。", xinfeng.DueSoon.Text);
            Assert.NotNull(Unit(december, "360723").DueSoon);
        }
        finally
        {
            KejiCluster.DeleteDatabase(keji.DatabasePath);
        }
    }

    private static TargetSnapshot Unit(CitySnapshot city, string unit) => city.Units.Single(u => u.Unit == unit);

    /// <summary>Moves the fake clock to <paramref name="to"/> in one step (as a silo's host asleep for weeks would see it)
    /// and waits for the scheduler's judgement there.</summary>
    private static async Task JumpAsync(KejiCluster keji, DateTimeOffset to)
    {
        var scheduler = keji.Client.GetGrain<IJudgeSchedulerGrain>(GrainKeys.Plan(KejiCluster.Plan.Id));
        keji.Time.Advance(to - keji.Time.GetUtcNow());
        await Eventually.Until(scheduler.GetLastAsync, s => s!.JudgedAt >= to);
        keji.FlushPublications();
    }

    /// <summary>Moves the fake clock an hour (or less) at a time and waits for the scheduler's judgement at each step,
    /// as a real clock would let it.</summary>
    private static async Task AdvanceUntilAsync(KejiCluster keji, DateTimeOffset until)
    {
        var scheduler = keji.Client.GetGrain<IJudgeSchedulerGrain>(GrainKeys.Plan(KejiCluster.Plan.Id));
        while (keji.Time.GetUtcNow() < until)
        {
            var last = await scheduler.GetLastAsync() ?? throw new InvalidOperationException("The plan was not judged at start.");
            var next = last.NextJudgeAt!.Value;
            keji.Time.Advance(next - keji.Time.GetUtcNow());
            await Eventually.Until(scheduler.GetLastAsync, s => s!.JudgedAt >= next);
        }
        keji.FlushPublications();
    }
}
