using KejiLive.Silo.Demo;

namespace KejiLive.Api.Tests;

public sealed class DemoArgsTests
{
    [Fact]
    public void Expand_WhenDemoSwitchGiven_ReplaysIntoItsOwnDataDirectoryOnAFastPinnedClock()
    {
        var args = DemoArgs.Expand(["--demo", "--urls", "http://127.0.0.1:5000"]);

        Assert.Equal(["--urls", "http://127.0.0.1:5000", "--Demo:Enabled=true", "--Data:Directory=data-demo", "--Demo:StartAfresh=true",
            $"--Clock:Now={DemoArgs.Start}", $"--Clock:Speed={DemoArgs.Speed}", "--Auth:OpenReadingOnLoopback=true"], args);
    }

    [Fact]
    public void Expand_WhenAKeyIsGivenExplicitly_KeepsIt()
    {
        var args = DemoArgs.Expand(["--demo", "--Data:Directory=/tmp/x"]);

        Assert.Contains("--Data:Directory=/tmp/x", args);
        Assert.DoesNotContain("--Data:Directory=data-demo", args);
        // A directory the user names is never cleared at start.
        Assert.DoesNotContain(args, a => a.StartsWith("--Demo:StartAfresh", StringComparison.Ordinal));
    }

    [Fact]
    public void Expand_WithoutTheSwitch_ChangesNothing() =>
        Assert.Equal(["--urls", "http://127.0.0.1:5000"], DemoArgs.Expand(["--urls", "http://127.0.0.1:5000"]));
}
