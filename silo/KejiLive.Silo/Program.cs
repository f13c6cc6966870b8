using KejiLive.Dashboard;
using KejiLive.Dashboard.Hosting;
using KejiLive.Silo;
using KejiLive.Silo.Demo;

// Input that cannot work (plan, clock, data directory, ports) ends the process with one line and exit code 2.
return await KejiStartup.RunAsync(Console.Error, async () =>
{
    var builder = WebApplication.CreateBuilder(DemoArgs.Expand(args));
    if (builder.TryAddKejiPlan(Console.Error) is not { } plan) return KejiStartup.ExitCode;
    builder.AddKejiClock();
    builder.AddKejiPublicUrl();
    builder.AddKejiSilo(plan);
    builder.AddKejiDashboard();
    if (builder.Configuration.GetValue("Demo:Enabled", false))
    {
        // One replay: it sends the first day's reports before the first judgement, then the rest as the clock reaches them.
        builder.Services.AddSingleton<DemoReplay>();
        builder.Services.AddSingleton<KejiLive.Grains.IBeforeFirstJudgement>(sp => sp.GetRequiredService<DemoReplay>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoReplay>());
    }

    var app = builder.Build();
    using var claimed = app.ClaimKejiResources();
    app.MapKejiDashboard();
    await app.RunAsync();
    return 0;
});

/// <summary>The entry point, visible to WebApplicationFactory in the API tests.</summary>
public partial class Program;
