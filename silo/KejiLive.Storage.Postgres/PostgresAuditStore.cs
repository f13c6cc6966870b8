using System.Collections.Immutable;
using System.Globalization;
using KejiLive.Domain.Security;
using KejiLive.Grains.Abstractions.Security;
using KejiLive.Storage.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace KejiLive.Storage.Postgres;

/// <summary>
/// The audit trail of a whole cluster in one PostgreSQL table: append-only, one hash chain whichever silo appends.
/// </summary>
/// <remarks>
/// <para>Append-only twice over, as in the SQLite audit: this class has no update or delete, and triggers refuse
/// <c>UPDATE</c>, <c>DELETE</c> and <c>TRUNCATE</c> (<c>the audit log is append-only</c>). A deliberate edit made
/// after dropping a trigger still breaks the hash chain, which <see cref="VerifyAsync"/> reports.</para>
/// <para>One chain, no fork: every append transaction first takes a transaction-scoped advisory lock, then reads the
/// chain head (the last sequence number and hash) and appends after it. Appenders in other processes wait for the lock
/// and read the head only once the holder committed, so sequence numbers follow without gaps and each hash covers its
/// true predecessor; the primary key on <c>seq</c> would refuse a second entry with the same number even so.</para>
/// <para>Durable like the grain state: appends go through the process's one <see cref="PostgresLogWriter"/> with the
/// report log's commits (<c>synchronous_commit=on</c>, group commit), and no caller's task completes before its commit. Row fields and the hash
/// input are those of the SQLite audit (<see cref="AuditChain"/>), with the time kept as the exact ISO-8601 text hashed.</para>
/// </remarks>
public sealed class PostgresAuditStore : IAuditStore, IAsyncDisposable, IDisposable
{
    /// <summary>Advisory lock key serialising appends across the cluster ("KEJIAUDT").</summary>
    public const long ChainLockKey = 0x4B454A4941554454;

    private const string Columns = "seq, at, actor, role, unit, address, action, subject, detail, hash";

    private const string InsertSql = $"""
        INSERT INTO {PostgresSchema.AuditTable} (seq, at_ticks, at, actor, role, unit, address, action, subject, detail, hash)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        """;

    private readonly PostgresLogWriter _writer;
    private readonly bool _ownsWriter;

    /// <param name="connectionString">Npgsql connection string of the cluster's database.</param>
    /// <exception cref="ArgumentException">The connection string is not in Npgsql's form.</exception>
    public PostgresAuditStore(string connectionString)
        : this(new PostgresLogWriter(connectionString), ownsWriter: true)
    {
    }

    internal PostgresAuditStore(PostgresLogWriter writer, bool ownsWriter)
    {
        _writer = writer;
        _ownsWriter = ownsWriter;
    }

    /// <summary>Connects and creates the tables and their triggers when missing. Operations call it lazily.</summary>
    /// <exception cref="PostgresUnavailableException">The server cannot be used.</exception>
    public Task StartAsync() => _writer.StartAsync();

    /// <inheritdoc />
    public async Task<ImmutableArray<AuditRecord>> AppendAsync(IReadOnlyList<AuditRecord> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0) return [];
        return (await _writer.CommitAsync(null, [.. entries], nameof(PostgresAuditStore)).ConfigureAwait(false)).Audit;
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<AuditRecord>> QueryAsync(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await StartAsync().ConfigureAwait(false);
        await using var command = _writer.DataSource.CreateCommand();
        var where = new List<string>();
        void Filter(string condition, object value)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
            where.Add(condition.Replace("@", "$" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        if (query.From is { } from) Filter("at_ticks >= @", from.UtcTicks);
        if (query.Until is { } until) Filter("at_ticks < @", until.UtcTicks);
        if (query.Action is { } action) Filter("action = @", action);
        if (query.Actor is { } actor) Filter("actor = @", actor);
        if (query.BeforeSeq is { } before) Filter("seq < @", before);
        command.Parameters.Add(new NpgsqlParameter { Value = Math.Clamp(query.Limit, 1, 10_000) });
        command.CommandText = $"SELECT {Columns} FROM {PostgresSchema.AuditTable}"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "")
            + (query.OldestFirst ? " ORDER BY seq ASC" : " ORDER BY seq DESC")
            + " LIMIT $" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var result = ImmutableArray.CreateBuilder<AuditRecord>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            result.Add(AuditRows.Read(reader));
        }

        return result.ToImmutable();
    }

    /// <inheritdoc />
    public async Task<long?> VerifyAsync()
    {
        await StartAsync().ConfigureAwait(false);
        // Rows stream through the shared chain rule (AuditChain.FirstBroken) on a pool thread: the whole trail, every
        // silo's entries, is checked without being held in memory.
        return await Task.Run(() =>
        {
            using var command = _writer.DataSource.CreateCommand($"SELECT {Columns} FROM {PostgresSchema.AuditTable} ORDER BY seq ASC");
            using var reader = command.ExecuteReader();
            return AuditChain.FirstBroken(AuditRows.All(reader), r => (r.Seq, r.At, r.Actor, r.Role, r.Unit, r.Address, r.Action, r.Subject, r.Detail, r.Hash));
        }).ConfigureAwait(false);
    }

    /// <summary>Stops accepting appends, commits those already queued, then closes the connections (of a writer this
    /// store created; a shared one is closed by its owner).</summary>
    public ValueTask DisposeAsync() => _ownsWriter ? _writer.DisposeAsync() : ValueTask.CompletedTask;

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The statement that appends <paramref name="row"/> (sequence number and hash set).</summary>
    internal static NpgsqlBatchCommand InsertCommand(AuditRecord row) => new(InsertSql)
    {
        Parameters =
        {
            new NpgsqlParameter<long> { TypedValue = row.Seq },
            new NpgsqlParameter<long> { TypedValue = row.At.UtcTicks },
            new NpgsqlParameter<string> { TypedValue = row.At.ToString("O", CultureInfo.InvariantCulture) },
            new NpgsqlParameter<string> { TypedValue = row.Actor },
            new NpgsqlParameter<string> { TypedValue = row.Role },
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)row.Unit ?? DBNull.Value },
            new NpgsqlParameter<string> { TypedValue = row.Address },
            new NpgsqlParameter<string> { TypedValue = row.Action },
            new NpgsqlParameter<string> { TypedValue = row.Subject },
            new NpgsqlParameter<string> { TypedValue = row.Detail },
            new NpgsqlParameter<string> { TypedValue = row.Hash },
        },
    };

    /// <summary>Takes the cluster-wide append lock (held until the transaction ends), then reads the chain head.</summary>
    internal static async Task<(long Seq, string Hash)> LockHeadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        await using var head = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1)") { Parameters = { new NpgsqlParameter<long> { TypedValue = ChainLockKey } } },
                new NpgsqlBatchCommand($"SELECT seq, hash FROM {PostgresSchema.AuditTable} ORDER BY seq DESC LIMIT 1"),
            },
        };
        await using var reader = await head.ExecuteReaderAsync().ConfigureAwait(false);
        await reader.NextResultAsync().ConfigureAwait(false);
        return await reader.ReadAsync().ConfigureAwait(false) ? (reader.GetInt64(0), reader.GetString(1)) : (0, AuditChain.Genesis);
    }
}
