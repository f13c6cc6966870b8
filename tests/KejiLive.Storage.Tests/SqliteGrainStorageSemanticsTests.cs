namespace KejiLive.Storage.Tests;

/// <summary>The grain storage contract on the embedded SQLite engine.</summary>
public sealed class SqliteGrainStorageSemanticsTests : GrainStorageSemanticsTests
{
    protected override StorageEngine CreateEngine() => new SqliteEngine();
}
