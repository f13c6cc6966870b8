using System.Globalization;
using Orleans.Storage;

namespace KejiLive.Storage.Sqlite;

/// <summary>
/// One queued write or clear, waiting for the commit of the batch that holds it.
/// </summary>
/// <remarks>
/// The payload is serialised by the caller before queueing, so serialisation runs in parallel on the callers'
/// threads and a serialisation error reaches only its own caller.
/// </remarks>
internal sealed class SqliteWriteOperation : SqliteQueued
{
    private readonly TaskCompletionSource<long?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SqliteWriteOperation(
        bool isDelete, string stateName, string grainId, string grainType, string? payload, long? expectedVersion, string? callerETag)
    {
        IsDelete = isDelete;
        StateName = stateName;
        GrainId = grainId;
        GrainType = grainType;
        Payload = payload;
        ExpectedVersion = expectedVersion;
        CallerETag = callerETag;
    }

    public bool IsDelete { get; }

    public string StateName { get; }

    public string GrainId { get; }

    public string GrainType { get; }

    /// <summary>JSON text to store; null for a delete.</summary>
    public string? Payload { get; }

    /// <summary>Version the caller believes is stored; null when the caller believes there is no row.</summary>
    public long? ExpectedVersion { get; }

    /// <summary>The ETag exactly as the caller passed it, for error messages.</summary>
    public string? CallerETag { get; }

    /// <summary>Completes with the new version (null after a delete) once the commit holding this write returned.</summary>
    public Task<long?> Completion => _completion.Task;

    public static SqliteWriteOperation Write(
        string stateName, string grainId, string grainType, string payload, long? expectedVersion, string? callerETag) =>
        new(false, stateName, grainId, grainType, payload, expectedVersion, callerETag);

    public static SqliteWriteOperation Delete(
        string stateName, string grainId, string grainType, long? expectedVersion, string? callerETag) =>
        new(true, stateName, grainId, grainType, null, expectedVersion, callerETag);

    /// <summary>The error for a caller whose ETag did not match; <paramref name="stored"/> is the version on disk.</summary>
    public InconsistentStateException Conflict(string providerName, long? stored)
    {
        var storedETag = stored?.ToString(CultureInfo.InvariantCulture);
        var message =
            $"SQLite grain storage '{providerName}': {(IsDelete ? "clear" : "write")} of state '{StateName}' of grain " +
            $"{GrainId} expected ETag {CallerETag ?? "null (no stored record)"} but the stored ETag is " +
            $"{storedETag ?? "null (no stored record)"}.";
        return new InconsistentStateException(message, storedETag, CallerETag);
    }

    public void Succeed(long? newVersion) => _completion.TrySetResult(newVersion);

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
