using KejiLive.Testing;

namespace KejiLive.Api.Tests.Support;

/// <summary>The test run's own PostgreSQL server for the silo processes started with <c>Storage:Provider=Postgres</c>;
/// each test creates its own database on it.</summary>
public sealed class PostgresApiFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("The PostgreSQL fixture has not started.");

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
