namespace KejiLive.Storage.Tests;

/// <summary>The test classes that share one <see cref="PostgresFixture"/> server (run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
