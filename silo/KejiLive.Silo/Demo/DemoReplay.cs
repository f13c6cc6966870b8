using System.Collections.Immutable;
using KejiLive.Domain.Calendar;
using KejiLive.Domain.Demo;
using KejiLive.Domain.Planning;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using KejiLive.Grains.Abstractions.Security;
using KejiLive.Grains.Abstractions.Time;

namespace KejiLive.Silo.Demo;

/// <summary>Sends the demo year's reports as the plan clock reaches the day each is due, through the same grains and
/// rules as the API (idempotent report ids, so a restarted demo continues where it was).</summary>
public sealed class DemoReplay(IGrainFactory grains, PlanDocument plan, PlanClock clock, TimeProvider time, IConfiguration configuration,
    ILogger<DemoReplay> logger) : BackgroundService
{
    private static readonly ReportAuditContext ReplayAudit = new() { Actor = DemoYear.Reporter, Role = "system", Address = "demo-replay", Via = "demo" };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seed = configuration.GetValue("Demo:Seed", 2025);
        var pending = new Queue<DemoReport>(DemoYear.Generate(plan, seed));
        logger.LogWarning("Demo mode (示例数据): replaying {Count} synthetic reports of {Year} with seed {Seed} at {Speed}× speed",
            pending.Count, plan.Year, seed, clock.Speed);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            while (pending.Count > 0 && !stoppingToken.IsCancellationRequested)
            {
                var today = ShanghaiTime.DateOf(clock.GetUtcNow());
                var due = new List<DemoReport>();
                while (pending.Count > 0 && pending.Peek().SendOn <= today) due.Add(pending.Dequeue());
                await SendAsync(due);
                var untilTomorrow = ShanghaiTime.NextMidnight(clock.GetUtcNow()) - clock.GetUtcNow() + TimeSpan.FromMinutes(5);
                await Task.Delay(clock.ToRealDelay(untilTomorrow), time, stoppingToken);
            }
            logger.LogWarning("Demo year replayed.");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task SendAsync(List<DemoReport> due)
    {
        await Task.WhenAll(due.GroupBy(r => GrainKeys.Target(r.TargetId, r.UnitId)).Select(async g =>
        {
            ImmutableArray<ReportSubmission> reports = [.. g.OrderBy(r => r.AsOf).Select(r => new ReportSubmission
            {
                ReportId = r.ReportId, AsOf = r.AsOf, Value = r.Value, Numerator = r.Numerator, Denominator = r.Denominator,
                Note = r.Note, SubmittedBy = DemoYear.Reporter, Source = DemoYear.ReplaySource,
            })];
            // Audited like any report (every stored report has its entry): the replay is the actor.
            var results = await grains.GetGrain<ITargetGrain>(g.Key).SubmitAuditedAsync(reports, ReplayAudit);
            foreach (var refused in results.Where(r => r.Outcome is IngestOutcome.Refused or IngestOutcome.Conflict))
            {
                logger.LogWarning("Demo report for {Key} refused: {Field} {Message}", g.Key, refused.Field, refused.Message);
            }
        }));
    }
}
