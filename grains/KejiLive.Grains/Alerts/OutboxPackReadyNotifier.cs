using System.Globalization;
using KejiLive.Domain.Planning;
using KejiLive.Grains.Abstractions.Delivery;
using KejiLive.Grains.Abstractions.Reports;
using KejiLive.Grains.Abstractions.Time;
using KejiLive.Grains.Reports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KejiLive.Grains.Alerts;

/// <summary>Tells the city office's contact points (the plan's <c>routes.city</c> and <c>Alerts:Routes:City</c>) that a week's dispatch pack is ready, with
/// a link to it.</summary>
public sealed class OutboxPackReadyNotifier(IGrainFactory grains, PlanDocument plan, IOptions<AlertRoutingOptions> routing, PlanClock clock,
    ILogger<OutboxPackReadyNotifier> logger) : IPackReadyNotifier
{
    public async Task PackReadyAsync(PackSummary pack, CancellationToken cancellationToken)
    {
        var link = $"{routing.Value.PublicUrl.TrimEnd('/')}/reports/{pack.Week}";
        var city = AlertRoutes.City(plan, routing.Value);
        if (city.Length == 0) logger.LogInformation("Weekly pack {Week} v{Version} is ready at {Link}; no city route configured", pack.Week, pack.Version, link);
        foreach (var contactPoint in city)
        {
            var outcome = await grains.GetGrain<IOutboxGrain>(contactPoint).EnqueueAsync(new Notification
            {
                IdempotencyKey = $"pack/{pack.Week}/v{pack.Version.ToString(CultureInfo.InvariantCulture)}@{contactPoint}",
                ContactPointId = contactPoint,
                Kind = NotificationKind.PackReady,
                Unit = "city",
                UnitName = "市科技局",
                Title = $"【周调度】{pack.Week} 周调度材料已生成",
                Markdown = $"### 【周调度】{pack.Week} 周调度材料已生成\n> 生成时间：{pack.GeneratedAt.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm}（第 {pack.Version} 版）；红灯 {pack.Red} 项，黄灯 {pack.Yellow} 项\n[查看周调度材料]({link})",
                Link = link,
                CreatedAt = clock.GetUtcNow(),
            });
            if (outcome == EnqueueOutcome.Refused) logger.LogError("Outbox {ContactPoint} is full (Alerts:MaxPending): {Kind} notification refused", contactPoint, "OutboxPackReadyNotifier");
        }
    }
}
