namespace KejiLive.Deploy.Tests;

/// <summary>Paths of the repository under test, found by walking up from the test binaries to <c>KejiLive.sln</c>.</summary>
public static class Repo
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KejiLive.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"KejiLive.sln not found above {AppContext.BaseDirectory}");
    });

    /// <summary>The repository root (where KejiLive.sln is).</summary>
    public static string Root => RootPath.Value;

    /// <summary>The full path of a file or folder given relative to the root with forward slashes.</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The text of a file given relative to the root; fails the test naming the file when it is missing.</summary>
    public static string Read(string relative)
    {
        var path = PathOf(relative);
        Assert.True(File.Exists(path), $"{relative} is missing");
        return File.ReadAllText(path);
    }
}
