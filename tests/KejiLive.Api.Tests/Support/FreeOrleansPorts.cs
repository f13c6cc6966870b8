using System.Net;
using KejiLive.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace KejiLive.Api.Tests.Support;

/// <summary>UseLocalhostClustering binds 11111/30000; an in-process test silo moves to free ports so a silo someone else
/// runs on this machine (or the restart tests' processes) cannot collide with it.</summary>
internal static class FreeOrleansPorts
{
    public static void Use(IWebHostBuilder builder)
    {
        var (siloPort, gatewayPort) = FreePorts.ReservePair();
        builder.ConfigureTestServices(services =>
        {
            services.Configure<EndpointOptions>(o =>
            {
                o.SiloPort = siloPort;
                o.GatewayPort = gatewayPort;
            });
            services.Configure<DevelopmentClusterMembershipOptions>(o => o.PrimarySiloEndpoint = new IPEndPoint(IPAddress.Loopback, siloPort));
        });
    }
}
