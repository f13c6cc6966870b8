using System.Collections.Immutable;
using System.Globalization;
using KejiLive.Grains.Abstractions.Storage;

namespace KejiLive.Storage.Sqlite;

/// <summary>
/// The report logs in the grain storage's own file (<c>keji.db</c>): tables <c>report_head</c> and <c>report_log</c>,
/// committed by the storage's writer thread in the same group commit as grain state, together with the audit entries.
/// </summary>
/// <remarks>A commit is one <see cref="SqliteLogCommit"/> in the writer's batch (see <see cref="SqliteLogStatements"/>):
/// its summary, rows and audit entries are in the batch's one transaction and one fsync, or none of them is stored.
/// Reads run on the storage's read connections (WAL: a snapshot of the last commit).</remarks>
public sealed class SqliteReportLogStore(SqliteGrainStorage storage) : IReportLogStore
{
    /// <inheritdoc />
    public Task<ReportLog> LoadAsync(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Task.FromResult(storage.Read(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: true);
            using var head = connection.CreateCommand();
            head.Transaction = transaction;
            head.CommandText = $"SELECT version, light, judged_at, reports, light_since FROM {SqliteSchema.ReportHeadTable} WHERE grain_key = $key;";
            head.Parameters.AddWithValue("$key", key);
            long version;
            ReportLogSummary summary;
            using (var reader = head.ExecuteReader())
            {
                if (!reader.Read()) return new ReportLog();
                version = reader.GetInt64(0);
                summary = new ReportLogSummary
                {
                    Light = reader.GetString(1),
                    JudgedAt = reader.IsDBNull(2) ? null : DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                    Reports = reader.GetInt32(3),
                    LightSince = reader.IsDBNull(4) ? null : DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                };
            }

            using var rows = connection.CreateCommand();
            rows.Transaction = transaction;
            rows.CommandText = $"SELECT position, report_id, payload FROM {SqliteSchema.ReportLogTable} WHERE grain_key = $key ORDER BY position;";
            rows.Parameters.AddWithValue("$key", key);
            var result = ImmutableArray.CreateBuilder<ReportLogRow>(summary.Reports);
            using (var reader = rows.ExecuteReader())
            {
                while (reader.Read()) result.Add(new ReportLogRow(reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
            }

            transaction.Commit();
            return new ReportLog { Version = version, Summary = summary, Rows = result.ToImmutable() };
        }));
    }

    /// <inheritdoc />
    public Task<ReportLogCommitted> CommitAsync(ReportLogCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentException.ThrowIfNullOrEmpty(commit.Key);
        return storage.EnqueueLog(new SqliteLogCommit(commit, commit.Audit));
    }

    /// <inheritdoc />
    /// <remarks>The audit trail has no index on its subject (each report would write one more scattered page for it):
    /// the uncorrelated <c>NOT IN</c> makes SQLite collect the audited subjects once per run into a temporary index,
    /// one pass over each table instead of a lookup per stored report.</remarks>
    public Task<ImmutableArray<string>> UnauditedAsync(int limit) => Task.Run(() => storage.Read(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT l.grain_key || '/' || l.report_id FROM {SqliteSchema.ReportLogTable} l
            WHERE l.grain_key || '/' || l.report_id NOT IN
                  (SELECT a.subject FROM {SqliteSchema.AuditTable} a WHERE a.action IN ('report', 'correction'))
            ORDER BY l.grain_key, l.position LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$limit", Math.Max(1, limit));
        using var reader = command.ExecuteReader();
        var result = ImmutableArray.CreateBuilder<string>();
        while (reader.Read()) result.Add(reader.GetString(0));
        return result.ToImmutable();
    }));
}
