using KejiLive.Reports;

namespace KejiLive.Silo;

/// <summary>Says at start which font the charts draw Chinese with (bundled, installed, or none: a warning, not a stop).</summary>
public sealed class ChartFontLog(ILogger<ChartFontLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var choice = ChartFonts.Configure();
        if (choice.Source == ChartFontSource.None) logger.LogWarning("KejiLive: {Font}", choice.Describe());
        else logger.LogInformation("KejiLive: {Font}", choice.Describe());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
