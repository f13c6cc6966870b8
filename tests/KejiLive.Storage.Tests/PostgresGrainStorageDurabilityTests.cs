namespace KejiLive.Storage.Tests;

/// <summary>Durability and concurrency on a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainStorageDurabilityTests(PostgresFixture fixture) : GrainStorageDurabilityTests
{
    protected override StorageEngine CreateEngine() => new PostgresEngine(fixture);
}
