using KejiLive.Grains.Abstractions.Reports;
using Microsoft.Extensions.Logging;

namespace KejiLive.Grains.Reports;

/// <summary>The default <see cref="IPackReadyNotifier"/>: writes one log line with the links.</summary>
public sealed class LoggingPackReadyNotifier(ILogger<LoggingPackReadyNotifier> logger) : IPackReadyNotifier
{
    public Task PackReadyAsync(PackSummary pack, CancellationToken cancellationToken)
    {
        logger.LogInformation("周调度材料 {Week} 第{Version}版已生成：{Html}（表格 {Xlsx}），红灯 {Red} 项、黄灯 {Yellow} 项",
            pack.Week, pack.Version, pack.HtmlPath, pack.XlsxPath, pack.Red, pack.Yellow);
        return Task.CompletedTask;
    }
}
