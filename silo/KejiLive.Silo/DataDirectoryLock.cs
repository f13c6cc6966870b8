using System.Globalization;
using System.Text;
using KejiLive.Dashboard.Hosting;

namespace KejiLive.Silo;

/// <summary>The data directory held by this process alone: an exclusive lock on <c>keji.lock</c> inside it, kept until
/// <see cref="Dispose"/> (the end of the process). Two silos on one SQLite database would each believe they own every
/// grain's state. The lock is an operating-system file lock (.NET's <see cref="FileShare.None"/>, <c>flock</c> on Linux),
/// so the kernel drops it when the holder dies, even by <c>kill -9</c>: a stale <c>keji.lock</c> never blocks a restart.
/// The file holds the holder's process id for an operator to look up (<c>cat</c> takes no lock).</summary>
public sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = "keji.lock";

    /// <summary>What .NET reports when another open file description holds the lock (<c>EWOULDBLOCK</c>).</summary>
    private const int SharingViolation = 11;

    private readonly FileStream _lock;

    private DataDirectoryLock(string directory, FileStream held)
    {
        Directory = directory;
        _lock = held;
    }

    /// <summary>The full path of the locked directory.</summary>
    public string Directory { get; }

    /// <summary>Creates <paramref name="directory"/> when missing and locks it for this process.</summary>
    /// <exception cref="KejiStartupException">The directory cannot be created or written, or another process holds it.</exception>
    public static DataDirectoryLock Acquire(string directory)
    {
        try
        {
            System.IO.Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KejiStartupException($"the data directory {directory} (Data:Directory) cannot be created: {e.Message}");
        }
        var path = Path.Combine(directory, FileName);
        FileStream held;
        try
        {
            held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e.HResult == SharingViolation)
        {
            throw new KejiStartupException(
                $"the data directory {directory} (Data:Directory) is in use by another KejiLive process, which holds {FileName} (its process id is in that file); " +
                "stop that one, or give this one its own Data:Directory.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KejiStartupException($"the data directory {directory} (Data:Directory) is not writable: {e.Message}");
        }
        var pid = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        held.SetLength(0);
        held.Write(pid);
        held.Flush(flushToDisk: true);
        return new DataDirectoryLock(directory, held);
    }

    /// <summary>Releases the lock (the file stays: its presence means nothing).</summary>
    public void Dispose() => _lock.Dispose();
}
