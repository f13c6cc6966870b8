using KejiLive.Dashboard;
using KejiLive.Dashboard.Hosting;
using KejiLive.Silo;
using KejiLive.Silo.Demo;

var builder = WebApplication.CreateBuilder(DemoArgs.Expand(args));
if (builder.TryAddKejiPlan(Console.Error) is not { } plan) return 2;
builder.AddKejiClock();
builder.AddKejiSilo(plan);
builder.AddKejiDashboard();
if (builder.Configuration.GetValue("Demo:Enabled", false)) builder.Services.AddHostedService<DemoReplay>();

var app = builder.Build();
app.MapKejiDashboard();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the API tests.</summary>
public partial class Program;
