namespace KejiLive.Storage.Tests;

/// <summary>The grain storage contract on a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainStorageSemanticsTests(PostgresFixture fixture) : GrainStorageSemanticsTests
{
    protected override StorageEngine CreateEngine() => new PostgresEngine(fixture);
}
