namespace KejiLive.Silo.Demo;

/// <summary>The demo's own data directory starts each run afresh. The replay begins again on <see cref="DemoArgs.Start"/>,
/// so the previous run's year (reports up to wherever its clock stopped, their lights, 督办 and packs) would otherwise
/// show beside a clock that has gone back: a wall reading 数据截至 5月7日 on 3 March.</summary>
public static class DemoData
{
    /// <summary>Set by <see cref="DemoArgs"/> only when it chose the data directory itself; a directory given
    /// explicitly is never cleared.</summary>
    public const string StartAfreshKey = "Demo:StartAfresh";

    /// <summary>The embedded database's files (with SQLite's write-ahead log and its index, and an earlier build's audit
    /// file); the directory's lock file stays, held by this process.</summary>
    private static readonly string[] Files =
        [SiloExtensions.DatabaseFile, SiloExtensions.DatabaseFile + "-wal", SiloExtensions.DatabaseFile + "-shm", "audit.db", "audit.db-wal", "audit.db-shm"];

    /// <summary>Deletes the previous demo run's embedded database from <paramref name="directory"/> (call with the
    /// directory's lock held, before the silo opens it); returns how many files it removed.</summary>
    public static int ClearPreviousRun(string directory)
    {
        var removed = 0;
        foreach (var name in Files)
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path)) continue;
            File.Delete(path);
            removed++;
        }
        return removed;
    }
}
