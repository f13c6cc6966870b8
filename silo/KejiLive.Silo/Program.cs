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
    if (builder.Configuration.GetValue("Demo:Enabled", false)) builder.Services.AddHostedService<DemoReplay>();

    var app = builder.Build();
    using var claimed = app.ClaimKejiResources();
    app.MapKejiDashboard();
    await app.RunAsync();
    return 0;
});

/// <summary>The entry point, visible to WebApplicationFactory in the API tests.</summary>
public partial class Program;
