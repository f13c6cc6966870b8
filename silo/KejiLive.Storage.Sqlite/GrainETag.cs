using System.Globalization;

namespace KejiLive.Storage.Sqlite;

/// <summary>The ETag rule of KejiLive's grain storages (SQLite and PostgreSQL): the ETag is the row's integer version,
/// written as invariant digits; null means the caller believes there is no row.</summary>
internal static class GrainETag
{
    /// <summary>A version no row ever has: an ETag that is not a positive integer, so any write with it conflicts.</summary>
    public const long UnknownVersion = -1;

    /// <summary>The version <paramref name="etag"/> names: null for null, <see cref="UnknownVersion"/> when it is not a
    /// positive integer.</summary>
    public static long? Parse(string? etag) =>
        etag is null ? null
        : long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0 ? version
        : UnknownVersion;
}
