using System.Collections.Immutable;
using KejiLive.Domain.Calendar;
using KejiLive.Domain.Demo;
using KejiLive.Domain.Planning;
using KejiLive.Grains;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using KejiLive.Grains.Abstractions.Security;
using KejiLive.Grains.Abstractions.Time;

namespace KejiLive.Silo.Demo;

/// <summary>Sends the demo year's reports as the plan clock reaches the day each is due, through the same grains and
/// rules as the API (idempotent report ids, so a restarted demo continues where it was). The reports already due on the
/// first day go in before the silo's first judging sweep (<see cref="IBeforeFirstJudgement"/>): sent a second later,
/// they left every unit's 未报送 督办 opened and closed at once, in /alerts and the first weekly pack.</summary>
public sealed class DemoReplay(IGrainFactory grains, PlanDocument plan, PlanClock clock, TimeProvider time, IConfiguration configuration,
    ILogger<DemoReplay> logger) : BackgroundService, IBeforeFirstJudgement
{
    private static readonly ReportAuditContext ReplayAudit = new() { Actor = DemoYear.Reporter, Role = "system", Address = "demo-replay", Via = "demo" };

    private readonly SemaphoreSlim _sending = new(1, 1);
    private Queue<DemoReport>? _pending;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (sent, _) = await SendDueAsync();
            logger.LogInformation("Demo: {Sent} reports already due on {Today:yyyy-MM-dd} sent before the first judgement.",
                sent, ShanghaiTime.DateOf(clock.GetUtcNow()));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The replay's loop sends them instead; a demo that cannot send its first reports still starts.
            logger.LogWarning(e, "Demo: the reports due on the first day could not be sent before the first judgement.");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var (_, left) = await SendDueAsync();
                if (left == 0) break;
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

    /// <summary>Sends every report due by the plan clock's today (once: a report leaves the queue when its grain took
    /// it); returns how many went and how many are still to come.</summary>
    private async Task<(int Sent, int Left)> SendDueAsync()
    {
        await _sending.WaitAsync();
        try
        {
            var pending = _pending ??= Generate();
            var today = ShanghaiTime.DateOf(clock.GetUtcNow());
            var due = pending.TakeWhile(r => r.SendOn <= today).ToList();
            if (due.Count > 0) await SendAsync(due);
            for (var i = 0; i < due.Count; i++) pending.Dequeue();
            return (due.Count, pending.Count);
        }
        finally
        {
            _sending.Release();
        }
    }

    private Queue<DemoReport> Generate()
    {
        var seed = configuration.GetValue("Demo:Seed", 2025);
        var year = new Queue<DemoReport>(DemoYear.Generate(plan, seed));
        logger.LogWarning("Demo mode (示例数据): replaying {Count} synthetic reports of {Year} with seed {Seed} at {Speed}× speed",
            year.Count, plan.Year, seed, clock.Speed);
        return year;
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
