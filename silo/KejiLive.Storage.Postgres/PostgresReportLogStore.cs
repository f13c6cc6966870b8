using System.Collections.Immutable;
using System.Globalization;
using KejiLive.Grains.Abstractions.Storage;
using Npgsql;

namespace KejiLive.Storage.Postgres;

/// <summary>
/// The report logs of a cluster in PostgreSQL (<c>report_head</c>, <c>report_log</c>), each commit in one transaction
/// with its audit entries on the cluster's one chain (<see cref="PostgresAuditStore"/>'s table and advisory lock).
/// </summary>
/// <remarks>Commits go through the process's one <see cref="PostgresLogWriter"/> (group commit, a savepoint per commit,
/// version conflicts as <see cref="Orleans.Storage.InconsistentStateException"/>), shared with the audit store when
/// both are registered by <see cref="PostgresGrainStorageSiloBuilderExtensions"/>. Reads use their own connections.</remarks>
public sealed class PostgresReportLogStore : IReportLogStore, IAsyncDisposable
{
    private readonly PostgresLogWriter _writer;
    private readonly bool _ownsWriter;

    /// <param name="connectionString">Npgsql connection string of the cluster's database.</param>
    /// <param name="timeProvider">Clock for <c>updated_at</c>; <see cref="TimeProvider.System"/> when null.</param>
    public PostgresReportLogStore(string connectionString, TimeProvider? timeProvider = null)
        : this(new PostgresLogWriter(connectionString, timeProvider), ownsWriter: true)
    {
    }

    internal PostgresReportLogStore(PostgresLogWriter writer, bool ownsWriter)
    {
        _writer = writer;
        _ownsWriter = ownsWriter;
    }

    /// <summary>Connects and creates the report log and audit tables when missing. Operations call it lazily.</summary>
    /// <exception cref="PostgresUnavailableException">The server cannot be used.</exception>
    public Task StartAsync() => _writer.StartAsync();

    /// <inheritdoc />
    public async Task<ReportLog> LoadAsync(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await StartAsync().ConfigureAwait(false);
        await using var connection = await _writer.DataSource.OpenConnectionAsync().ConfigureAwait(false);
        // One snapshot for the summary and the rows.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"SELECT version, light, judged_at, reports, light_since FROM {PostgresSchema.ReportHeadTable} WHERE grain_key = $1") { Parameters = { Text(key) } },
                new NpgsqlBatchCommand($"SELECT position, report_id, payload FROM {PostgresSchema.ReportLogTable} WHERE grain_key = $1 ORDER BY position") { Parameters = { Text(key) } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false);
        if (!await reader.ReadAsync().ConfigureAwait(false)) return new ReportLog();
        var version = reader.GetInt64(0);
        var summary = new ReportLogSummary
        {
            Light = reader.GetString(1),
            JudgedAt = reader.IsDBNull(2) ? null : DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            Reports = reader.GetInt32(3),
            LightSince = reader.IsDBNull(4) ? null : DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        };
        await reader.NextResultAsync().ConfigureAwait(false);
        var rows = ImmutableArray.CreateBuilder<ReportLogRow>(summary.Reports);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            rows.Add(new ReportLogRow(reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
        }

        return new ReportLog { Version = version, Summary = summary, Rows = rows.ToImmutable() };
    }

    /// <inheritdoc />
    public Task<ReportLogCommitted> CommitAsync(ReportLogCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentException.ThrowIfNullOrEmpty(commit.Key);
        return _writer.CommitAsync(commit, commit.Audit, nameof(PostgresReportLogStore));
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<string>> UnauditedAsync(int limit)
    {
        await StartAsync().ConfigureAwait(false);
        await using var command = _writer.DataSource.CreateCommand($"""
            SELECT l.grain_key || '/' || l.report_id FROM {PostgresSchema.ReportLogTable} l
            WHERE NOT EXISTS (SELECT 1 FROM {PostgresSchema.AuditTable} a
                              WHERE a.subject = l.grain_key || '/' || l.report_id AND a.action IN ('report', 'correction'))
            ORDER BY l.grain_key, l.position LIMIT $1
            """);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Math.Max(1, limit) });
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var result = ImmutableArray.CreateBuilder<string>();
        while (await reader.ReadAsync().ConfigureAwait(false)) result.Add(reader.GetString(0));
        return result.ToImmutable();
    }

    /// <summary>Stops accepting commits, commits those already queued, then closes the connections (of a writer this
    /// store created; a shared one is closed by its owner).</summary>
    public ValueTask DisposeAsync() => _ownsWriter ? _writer.DisposeAsync() : ValueTask.CompletedTask;

    private static NpgsqlParameter<string> Text(string value) => PostgresLogWriter.Text(value);
}
