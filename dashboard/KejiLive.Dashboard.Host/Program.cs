using KejiLive.Dashboard;
using KejiLive.Dashboard.Hosting;

// Input that cannot work (plan, clock, HTTP address) ends the process with one line and exit code 2.
return await KejiStartup.RunAsync(Console.Error, async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    if (builder.TryAddKejiPlan(Console.Error) is null) return KejiStartup.ExitCode;
    builder.AddKejiClock();
    builder.AddKejiPublicUrl();
    // One machine: the silo's gateway on loopback. A cluster: Orleans reads Orleans:Clustering (Redis) by itself.
    var clustering = KejiClustering.Configure(builder);
    // Without the silos' Orleans:Reminders section: a client has no reminder provider and would crash on it.
    builder.Services.AddOrleansClient(KejiClustering.ForClient(builder.Configuration), client =>
    {
        if (clustering.IsCluster) client.Configure<Orleans.Configuration.ClusterOptions>(clustering.Apply);
        else client.UseLocalhostClustering(gatewayPort: builder.Configuration.GetValue("Orleans:GatewayPort", 30000));
    });
    builder.AddKejiDashboard();

    var app = builder.Build();
    KejiListenAddresses.EnsureFree(app.Configuration);
    app.MapKejiDashboard();
    await app.RunAsync();
    return 0;
});
