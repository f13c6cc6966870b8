using System.Net;
using System.Net.Sockets;
using KejiLive.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace KejiLive.Storage.Tests;

public sealed class SqliteGrainStorageRegistrationTests : IDisposable
{
    private readonly TempDatabase _named = new();
    private readonly TempDatabase _default = new();

    public void Dispose()
    {
        _named.Dispose();
        _default.Dispose();
    }

    [Fact]
    public async Task Silo_WhenStorageRegisteredByNameAndAsDefault_ResolvesKeyedProvidersAndOpensThemOnStart()
    {
        var (siloPort, gatewayPort) = ReserveTwoPorts();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort, gatewayPort)
            .AddSqliteGrainStorage("reports", options => options.DatabasePath = _named.FilePath)
            .AddSqliteGrainStorageAsDefault(options => options.DatabasePath = _default.FilePath));
        using var host = builder.Build();

        var named = Assert.IsType<SqliteGrainStorage>(host.Services.GetRequiredKeyedService<IGrainStorage>("reports"));
        var fallback = Assert.IsType<SqliteGrainStorage>(host.Services.GetRequiredService<IGrainStorage>());
        Assert.Equal("reports", named.Name);
        Assert.Equal("Default", fallback.Name);
        Assert.False(File.Exists(_named.FilePath));

        await host.StartAsync();
        try
        {
            Assert.True(File.Exists(_named.FilePath));
            Assert.True(File.Exists(_default.FilePath));
            var state = new TestGrainState<TargetState>(new TargetState { Revision = 1 });
            await named.WriteStateAsync("target", GrainId.Create("target", "x"), state);
            Assert.Equal("1", state.ETag);
        }
        finally
        {
            await host.StopAsync();
        }

        Assert.Equal(1L, _named.Scalar("SELECT count(*) FROM grain_state"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => named.WriteStateAsync(
            "target", GrainId.Create("target", "y"), new TestGrainState<TargetState>(new TargetState())));
    }

    /// <summary>Both ports held at once, so the second pick cannot return the first.</summary>
    private static (int Silo, int Gateway) ReserveTwoPorts()
    {
        using var first = new TcpListener(IPAddress.Loopback, 0);
        using var second = new TcpListener(IPAddress.Loopback, 0);
        first.Start();
        second.Start();
        var ports = (((IPEndPoint)first.LocalEndpoint).Port, ((IPEndPoint)second.LocalEndpoint).Port);
        first.Stop();
        second.Stop();
        return ports;
    }
}
