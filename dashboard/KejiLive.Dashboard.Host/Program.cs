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
        if (clustering.IsCluster)
        {
            client.Configure<Orleans.Configuration.ClusterOptions>(clustering.Apply);
            // Orleans reads the gateway list once a minute by default: a web node started beside the first silo would
            // know that silo's gateway only, and when it died the live feed stayed away for ~10 s while the client
            // found the others. Read every 5 s (one Redis read), as the silos refresh their membership view.
            client.Configure<Orleans.Configuration.GatewayOptions>(o => o.GatewayListRefreshPeriod = KejiClustering.GatewayListRefresh);
        }
        else client.UseLocalhostClustering(gatewayPort: builder.Configuration.GetValue("Orleans:GatewayPort", 30000));
    });
    builder.AddKejiDashboard();

    var app = builder.Build();
    KejiListenAddresses.EnsureFree(app.Configuration);
    app.MapKejiDashboard();
    await app.RunAsync();
    return 0;
});
