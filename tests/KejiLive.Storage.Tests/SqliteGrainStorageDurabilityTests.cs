namespace KejiLive.Storage.Tests;

/// <summary>Durability and concurrency on the embedded SQLite engine.</summary>
public sealed class SqliteGrainStorageDurabilityTests : GrainStorageDurabilityTests
{
    protected override StorageEngine CreateEngine() => new SqliteEngine();
}
