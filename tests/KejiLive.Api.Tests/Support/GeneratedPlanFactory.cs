using KejiLive.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KejiLive.Api.Tests.Support;

/// <summary>The whole system in-process over a generated plan of <paramref name="units"/> county-level units
/// (<see cref="ScalePlan"/>) in a fresh temp directory, the plan clock pinned to 2025-07-01 09:00 Shanghai; clients send
/// the configured admin token.</summary>
public abstract class GeneratedPlanFactory(int units, string name) : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"keji-{name}-tests-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(DataDirectory);
        var planFile = Path.Combine(DataDirectory, $"{name}-2025.json");
        File.WriteAllText(planFile, ScalePlan.Json(units));
        builder.UseSetting("Plan:File", planFile);
        builder.UseSetting("Plan:Holidays", Path.Combine(AppContext.BaseDirectory, "plans", "holidays-2025.json"));
        builder.UseSetting("Data:Directory", DataDirectory);
        builder.UseSetting("Auth:AdminToken", KejiApiFactory.AdminToken);
        builder.UseSetting("Auth:PermitsPerMinute", "1000000");
        builder.UseSetting("Clock:Now", KejiApiFactory.ClockNow);
        builder.UseSetting("Clock:Speed", "1");
        FreeOrleansPorts.Use(builder);
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", KejiApiFactory.AdminToken);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        KejiApiFactory.TryDelete(DataDirectory);
    }
}
