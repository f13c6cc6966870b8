using KejiLive.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace KejiLive.Storage.Tests;

/// <summary>A SQLite file in its own temp directory, deleted with the directory on dispose.</summary>
internal sealed class TempDatabase : IDisposable
{
    private readonly string _directory =
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kejilive-storage-tests", Guid.NewGuid().ToString("N"));

    /// <summary>In a sub-directory that does not exist yet: the storage must create it.</summary>
    public string FilePath => Path.Combine(_directory, "data", "grains.db");

    public SqliteGrainStorage OpenStorage(string name = "test", TimeProvider? timeProvider = null) =>
        new(name, new SqliteGrainStorageOptions { DatabasePath = FilePath }, timeProvider);

    /// <summary>A raw connection to the file, outside the storage, for inspecting or planting rows.</summary>
    public SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public object? Scalar(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
