using Microsoft.Data.Sqlite;

namespace KejiLive.Delivery.Tests.Support;

/// <summary>Reads and writes grain state rows of the SQLite file directly, as another process would see them.</summary>
internal static class StoredRows
{
    /// <summary>Every stored row of <paramref name="stateName"/>: grain id and JSON payload.</summary>
    public static List<(string GrainId, string Payload)> Read(string databasePath, string stateName)
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_id, payload FROM grain_state WHERE state_name = $state ORDER BY grain_id";
        command.Parameters.AddWithValue("$state", stateName);
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string)>();
        while (reader.Read()) rows.Add((reader.GetString(0), reader.GetString(1)));
        return rows;
    }

    /// <summary>Puts <paramref name="payload"/> in as the stored state of one grain (the silo must be stopped).</summary>
    public static void Upsert(string databasePath, string stateName, string grainId, string grainType, string payload)
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO grain_state (state_name, grain_id, grain_type, version, payload, updated_at)
            VALUES ($state, $id, $type, 1, $payload, '2026-12-06T22:50:00Z')
            ON CONFLICT (state_name, grain_id) DO UPDATE SET payload = excluded.payload, version = grain_state.version + 1
            """;
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$id", grainId);
        command.Parameters.AddWithValue("$type", grainType);
        command.Parameters.AddWithValue("$payload", payload);
        command.ExecuteNonQuery();
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }
}
