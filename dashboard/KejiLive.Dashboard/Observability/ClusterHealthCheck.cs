using KejiLive.Domain.Planning;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KejiLive.Dashboard.Observability;

/// <summary>Healthy when the cluster answers and the plan has been judged at least once since start; degraded (still 200)
/// with the progress while the first judgement runs.</summary>
public sealed class ClusterHealthCheck(IGrainFactory grains, PlanDocument plan) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var progress = await grains.GetGrain<IJudgeSchedulerGrain>(GrainKeys.Plan(plan.Id)).GetProgressAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            if (progress.Last is not { } last)
            {
                return HealthCheckResult.Degraded($"The plan is being judged for the first time: {progress.Done} of {progress.Total} target × unit.");
            }
            return HealthCheckResult.Healthy($"Plan {plan.Id}: {last.TargetUnits} target × unit judged at {last.JudgedAt:O}.");
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            return HealthCheckResult.Unhealthy("The Orleans cluster does not answer.", e);
        }
    }
}
