using KejiLive.Testing;

namespace KejiLive.Storage.Tests;

/// <summary>One real PostgreSQL server for every test class of <see cref="PostgresCollection"/>; each test creates its
/// own database on it.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("The PostgreSQL fixture has not started.");

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
