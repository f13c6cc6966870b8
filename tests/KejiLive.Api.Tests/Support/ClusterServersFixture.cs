using KejiLive.Testing;

namespace KejiLive.Api.Tests.Support;

/// <summary>The engines a cluster test runs on: the test run's own Redis (membership and reminders) and PostgreSQL
/// (everything accepted). Each test makes its own database and cluster id, so tests never see each other's silos.</summary>
public sealed class ClusterServersFixture : IAsyncLifetime
{
    private RedisServer? _redis;
    private PostgresServer? _postgres;

    public RedisServer Redis => _redis ?? throw new InvalidOperationException("The cluster fixture has not started.");

    public PostgresServer Postgres => _postgres ?? throw new InvalidOperationException("The cluster fixture has not started.");

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _postgres = await PostgresServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_postgres is not null) await _postgres.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
    }

    /// <summary>The arguments that put a silo or a web node into the cluster <paramref name="clusterId"/> on this Redis.</summary>
    public string[] ClusterArgs(string clusterId) =>
    [
        "--Orleans:Clustering:ProviderType", "Redis", "--Orleans:Reminders:ProviderType", "Redis",
        "--ConnectionStrings:redis", Redis.ConnectionString, "--Orleans:ClusterId", clusterId,
    ];

    /// <summary>The arguments of a silo of <paramref name="clusterId"/> keeping everything in <paramref name="database"/>.</summary>
    public string[] SiloArgs(string clusterId, string database) =>
    [
        .. ClusterArgs(clusterId), "--Storage:Provider", "Postgres", "--ConnectionStrings:postgres", database, "--Orleans:AdvertisedIP", "127.0.0.1",
    ];
}
