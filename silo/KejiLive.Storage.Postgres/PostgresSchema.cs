using Npgsql;

namespace KejiLive.Storage.Postgres;

/// <summary>
/// Creates the tables on start when they are missing, and refuses a database whose schema is newer than this build.
/// </summary>
/// <remarks>
/// <para>Each part (<c>grain_state</c>, <c>audit</c>) records its schema version in <c>keji_schema</c>. A later build
/// adds a step per version; a version above what this build knows is refused rather than half-understood.</para>
/// <para>Several silos start at once against one database, and concurrent <c>CREATE TABLE IF NOT EXISTS</c> can still
/// collide in PostgreSQL's catalog: every migration runs in one transaction under a transaction-scoped advisory lock,
/// so one silo creates and the others find it done.</para>
/// </remarks>
internal static class PostgresSchema
{
    /// <summary>Advisory lock key serialising schema changes ("KEJISCHM").</summary>
    public const long SchemaLockKey = 0x4B454A4953434852;

    public const string GrainStateTable = "grain_state";

    public const string AuditTable = "audit";

    private const string GrainStateV1 = $"""
        CREATE TABLE IF NOT EXISTS {GrainStateTable} (
            state_name text        NOT NULL,
            grain_id   text        NOT NULL,
            grain_type text        NOT NULL,
            version    bigint      NOT NULL,
            payload    bytea       NOT NULL,
            updated_at timestamptz NOT NULL,
            PRIMARY KEY (state_name, grain_id)
        );
        """;

    private const string AuditV1 = $"""
        CREATE TABLE IF NOT EXISTS {AuditTable} (
            seq      bigint PRIMARY KEY,
            at_ticks bigint NOT NULL,
            at       text   NOT NULL,
            actor    text   NOT NULL,
            role     text   NOT NULL,
            unit     text,
            address  text   NOT NULL,
            action   text   NOT NULL,
            subject  text   NOT NULL,
            detail   text   NOT NULL,
            hash     text   NOT NULL
        );
        CREATE INDEX IF NOT EXISTS audit_at ON {AuditTable} (at_ticks);
        CREATE OR REPLACE FUNCTION keji_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            RAISE EXCEPTION 'the audit log is append-only';
        END
        $fn$;
        CREATE OR REPLACE TRIGGER audit_no_update BEFORE UPDATE ON {AuditTable}
            FOR EACH ROW EXECUTE FUNCTION keji_audit_append_only();
        CREATE OR REPLACE TRIGGER audit_no_delete BEFORE DELETE ON {AuditTable}
            FOR EACH ROW EXECUTE FUNCTION keji_audit_append_only();
        CREATE OR REPLACE TRIGGER audit_no_truncate BEFORE TRUNCATE ON {AuditTable}
            FOR EACH STATEMENT EXECUTE FUNCTION keji_audit_append_only();
        """;

    /// <summary>Audit version 2: an index on the subject, for the check that every stored report has its entry
    /// (dropped again in version 3).</summary>
    private const string AuditV2 = $"CREATE INDEX IF NOT EXISTS audit_subject ON {AuditTable} (subject);";

    /// <summary>Audit version 3: the subject index goes again. Each report wrote one more index entry for it, and its one
    /// reader (<see cref="PostgresReportLogStore.UnauditedAsync"/>, a rare check) is answered by a hash anti-join
    /// over the two tables without it.</summary>
    private const string AuditV3 = "DROP INDEX IF EXISTS audit_subject;";

    public const string ReportHeadTable = "report_head";

    public const string ReportLogTable = "report_log";

    private const string ReportLogV1 = $"""
        CREATE TABLE IF NOT EXISTS {ReportHeadTable} (
            grain_key  text        PRIMARY KEY,
            version    bigint      NOT NULL,
            light      text        NOT NULL,
            judged_at  text,
            reports    integer     NOT NULL,
            updated_at timestamptz NOT NULL
        );
        CREATE TABLE IF NOT EXISTS {ReportLogTable} (
            grain_key text    NOT NULL,
            position  integer NOT NULL,
            report_id text    NOT NULL,
            payload   text    NOT NULL,
            PRIMARY KEY (grain_key, position),
            UNIQUE (grain_key, report_id)
        );
        """;

    /// <summary>Report log version 2: the light's since-time (its dwell rule); summaries written before read it as null.</summary>
    private const string ReportLogV2 = $"ALTER TABLE {ReportHeadTable} ADD COLUMN IF NOT EXISTS light_since text;";

    /// <summary>Report log version 3: one index per row instead of two. (key, reportId) becomes the primary key, in
    /// place of its unique constraint (built once in the migration's transaction); the position key goes, since the log is read per key and ordered by
    /// position, and only the grain that holds the summary's version appends to it.</summary>
    private const string ReportLogV3 = $"""
        ALTER TABLE {ReportLogTable} DROP CONSTRAINT {ReportLogTable}_pkey;
        ALTER TABLE {ReportLogTable} ADD CONSTRAINT {ReportLogTable}_pkey PRIMARY KEY (grain_key, report_id);
        ALTER TABLE {ReportLogTable} DROP CONSTRAINT {ReportLogTable}_grain_key_report_id_key;
        """;

    /// <summary>Brings the report log tables (<c>report_head</c>, <c>report_log</c>) to their current version (3).</summary>
    public static Task MigrateReportLogAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        MigrateAsync(connection, ReportLogTable, [ReportLogV1, ReportLogV2, ReportLogV3], cancellationToken);

    /// <summary>Brings the grain state table to its current version (1).</summary>
    public static Task MigrateGrainStateAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        MigrateAsync(connection, GrainStateTable, [GrainStateV1], cancellationToken);

    /// <summary>Brings the audit table, its indexes and its append-only triggers to their current version (3).</summary>
    public static Task MigrateAuditAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        MigrateAsync(connection, AuditTable, [AuditV1, AuditV2, AuditV3], cancellationToken);

    private static async Task MigrateAsync(
        NpgsqlConnection connection, string component, IReadOnlyList<string> steps, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock($1)", cancellationToken, SchemaLockKey).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, """
            CREATE TABLE IF NOT EXISTS keji_schema (component text PRIMARY KEY, version integer NOT NULL);
            """, cancellationToken).ConfigureAwait(false);
        await using var select = new NpgsqlCommand("SELECT version FROM keji_schema WHERE component = $1", connection, transaction);
        select.Parameters.Add(new NpgsqlParameter { Value = component });
        var version = await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int stored ? stored : 0;
        if (version > steps.Count)
        {
            throw new InvalidOperationException(
                $"PostgreSQL database {connection.Host}:{connection.Port}/{connection.Database}: '{component}' has schema " +
                $"version {version}; this build understands up to {steps.Count}.");
        }

        for (var step = version; step < steps.Count; step++)
        {
            await ExecuteAsync(connection, transaction, steps[step], cancellationToken).ConfigureAwait(false);
        }

        if (version != steps.Count)
        {
            await ExecuteAsync(connection, transaction, """
                INSERT INTO keji_schema (component, version) VALUES ($1, $2)
                ON CONFLICT (component) DO UPDATE SET version = EXCLUDED.version;
                """, cancellationToken, component, steps.Count).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
