using KejiLive.Domain.Planning;
using KejiLive.Domain.Weekly;
using KejiLive.Grains;
using KejiLive.Grains.Alerts;
using KejiLive.Grains.Delivery;
using KejiLive.Grains.Reports;
using KejiLive.Reports;
using KejiLive.Dashboard.Hosting;
using KejiLive.Dashboard.Realtime;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace KejiLive.Silo;

/// <summary>How this host runs the cluster: one silo on this machine with the embedded SQLite storage under
/// <c>Data:Directory</c> (default <c>./data</c>) or, with <c>Storage:Provider=Postgres</c>, everything accepted in the
/// PostgreSQL database of <c>ConnectionStrings:postgres</c> (<see cref="KejiStorage"/>), listening on <c>Orleans:SiloPort</c> (11111) and
/// <c>Orleans:GatewayPort</c> (30000, where extra web nodes connect as clients; 0 picks free ports). Before it runs,
/// <see cref="ClaimKejiResources"/> locks the data directory and checks that no other process holds its ports.</summary>
public static class SiloExtensions
{
    public const string DatabaseFile = "keji.db";

    public static WebApplicationBuilder AddKejiSilo(this WebApplicationBuilder builder, PlanDocument plan)
    {
        var dataDirectory = DataDirectoryOf(builder.Configuration, builder.Environment);
        var ports = OrleansPorts.Resolve(builder.Configuration);
        var storage = KejiStorage.Resolve(builder.Configuration);
        storage.EnsureReachable();
        builder.Services.AddSingleton(ports);
        builder.Services.AddSingleton(storage);
        var clustering = KejiClustering.Configure(builder);
        if (clustering.IsCluster && !storage.IsPostgres)
        {
            throw new KejiStartupException("a cluster (Orleans:Clustering:ProviderType=Redis) keeps everything accepted in PostgreSQL: set " +
                "Storage:Provider=Postgres and ConnectionStrings:postgres (a SQLite file belongs to one machine, and a grain that moves to another silo would not find its state).");
        }
        var kubernetes = KejiKubernetes.Resolve(builder.Configuration, clustering.IsCluster);
        builder.UseOrleans(silo =>
        {
            silo.UseKejiClustering(clustering, ports, builder.Configuration)
                .AddKejiStorage(storage, dataDirectory)
                .AddKejiGrains(plan)
                .AddKejiWeeklyPacks(builder.Configuration, new WeeklyPackRenderer())
                .AddKejiDelivery(builder.Configuration);
            if (kubernetes) silo.UseKubernetesHosting();
        });
        builder.Services.Configure<AlertRoutingOptions>(builder.Configuration.GetSection(AlertRoutingOptions.Section));
        builder.Services.AddSingleton<IProgressChartRenderer, AlertChartRenderer>();
        builder.Services.AddSingleton(sp => new CoHostingSilo(() => sp.GetRequiredService<ILocalSiloDetails>().SiloAddress));
        builder.Services.AddHostedService<ChartFontLog>();
        builder.Services.AddHostedService<MembershipLog>();
        builder.Services.AddHostedService<SecurityBootstrap>();
        return builder;
    }

    /// <summary>Localhost clustering on this machine (the embedded default), or a member of the Redis-membership cluster
    /// <paramref name="clustering"/> names: listening on every address, advertising <c>Orleans:AdvertisedIP</c> (default:
    /// this host's address), with membership tuned so a dead silo is declared dead, and its grains live elsewhere,
    /// within seconds (probe timeout 1 s, 2 missed probes; STACK.md measured ~1.5 s with Redis), and with a heartbeat in the
    /// membership table every 5 s, so a silo started after the whole cluster was lost does not wait a minute for the dead.</summary>
    /// <exception cref="KejiStartupException"><c>Orleans:AdvertisedIP</c> is not an IP address.</exception>
    public static ISiloBuilder UseKejiClustering(this ISiloBuilder silo, KejiClustering clustering, OrleansPorts ports, IConfiguration configuration)
    {
        if (!clustering.IsCluster) return silo.UseLocalhostClustering(ports.Silo, ports.Gateway);
        var advertised = configuration["Orleans:AdvertisedIP"];
        if (string.IsNullOrWhiteSpace(advertised))
        {
            silo.ConfigureEndpoints(ports.Silo, ports.Gateway, listenOnAnyHostAddress: true);
        }
        else if (System.Net.IPAddress.TryParse(advertised, out var ip))
        {
            silo.ConfigureEndpoints(ip, ports.Silo, ports.Gateway, listenOnAnyHostAddress: true);
        }
        else
        {
            throw new KejiStartupException($"Orleans:AdvertisedIP '{advertised}' is not an IP address (the address other silos and web nodes reach this silo at).");
        }
        return silo
            .Configure<ClusterOptions>(clustering.Apply)
            .Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(5);
                // A joining silo ignores entries whose heartbeat is older than 2 × this (Orleans' default 30 s): after the
                // whole cluster went down, a new silo joins in ~15 s instead of ~77 s probing the dead ones first.
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
            });
    }

    /// <summary>The grain storage of every grain on the engine <paramref name="storage"/> names (<see cref="KejiStorage"/>).</summary>
    public static ISiloBuilder AddKejiStorage(this ISiloBuilder silo, KejiStorage storage, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return storage.AddGrainStorage(silo, dataDirectory);
    }

    /// <summary>The full path of <c>Data:Directory</c> (default <c>data</c> under the content root).</summary>
    public static string DataDirectoryOf(IConfiguration configuration, IHostEnvironment environment) =>
        Path.GetFullPath(configuration["Data:Directory"] is { Length: > 0 } configured ? configured : "data", environment.ContentRootPath);

    /// <summary>What this process must hold alone, claimed after the host is built and before it runs (so nothing has
    /// touched the data directory or bound a port yet): the data directory's lock, the Orleans silo and gateway ports
    /// and the HTTP addresses. Dispose the result when the host has stopped.</summary>
    /// <exception cref="KejiStartupException">The data directory cannot be used or is held by another process, or a
    /// port is in use.</exception>
    public static IDisposable ClaimKejiResources(this WebApplication app)
    {
        var dataLock = DataDirectoryLock.Acquire(DataDirectoryOf(app.Configuration, app.Environment));
        try
        {
            if (app.Configuration.GetValue("Demo:Enabled", false) && app.Configuration.GetValue(Demo.DemoData.StartAfreshKey, false)
                && !KejiStorage.Resolve(app.Configuration).IsPostgres && Demo.DemoData.ClearPreviousRun(dataLock.Directory) > 0)
            {
                app.Logger.LogInformation("Demo: the previous run's data in {DataDirectory} was cleared; the year is replayed again from {ClockNow}.",
                    dataLock.Directory, app.Configuration["Clock:Now"]);
            }
            var endpoints = app.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
            OrleansPorts.EnsureFree(endpoints);
            KejiListenAddresses.EnsureFree(app.Configuration);
            var ports = app.Services.GetRequiredService<OrleansPorts>();
            app.Logger.LogInformation("Data directory {DataDirectory} locked; Orleans silo port {SiloPort}, gateway port {GatewayPort}{Picked}.",
                dataLock.Directory, endpoints.SiloPort, endpoints.GatewayPort, ports.Picked ? " (0 in the configuration: picked free ports)" : "");
            return dataLock;
        }
        catch (KejiStartupException)
        {
            dataLock.Dispose();
            throw;
        }
    }
}
