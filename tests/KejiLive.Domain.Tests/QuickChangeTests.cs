using KejiLive.Domain.Demo;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Tests;

/// <summary>The replay's count of the "a unit's light changes at most once a week unless it crosses two bands":
/// which changes of one target × unit are quick.</summary>
public sealed class QuickChangeTests
{
    private static readonly DateTimeOffset Day1 = new(2025, 7, 1, 0, 0, 1, TimeSpan.FromHours(8));

    // Each row: the days (after 1 July, Shanghai) and lights of a pair's changes as "day:from>to", and the changes that are
    // quick as "day:from>to".
    [Theory]
    [InlineData("0:grey>green", "")]
    [InlineData("0:grey>green 14:green>yellow", "")]
    [InlineData("0:grey>green 7:green>yellow", "")]
    [InlineData("0:grey>green 6:green>yellow", "6:green>yellow")]
    [InlineData("0:grey>green 0:green>yellow", "0:green>yellow")]
    [InlineData("0:grey>yellow 3:yellow>red", "3:yellow>red")]
    [InlineData("0:grey>green 3:green>red", "")]
    [InlineData("0:grey>red 1:red>green", "")]
    [InlineData("0:green>yellow 20:yellow>green 22:green>grey", "22:green>grey")]
    [InlineData("0:green>yellow 2:yellow>green 4:green>yellow", "2:yellow>green 4:green>yellow")]
    [InlineData("0:green>red 2:red>yellow", "2:red>yellow")]
    public void Find_WhenAChangeFollowsTheLastWithinAWeekByOneBand_CountsItAndOnlyIt(string changes, string expected)
    {
        var parsed = Parse(changes).Select(c => (Day1.AddDays(c.Day), c.From, c.To)).ToList();

        var quick = QuickChange.Find("t", "u", parsed).ToList();

        Assert.Equal(Parse(expected).Select(c => (c.Day, c.From, c.To)), quick.Select(q => (q.Days + (q.PreviousAt - Day1).Days, q.From, q.To)));
        Assert.All(quick, q => Assert.InRange(q.Days, 0, QuickChange.WeekDays - 1));
        Assert.All(quick, q => Assert.Equal(("t", "u"), (q.TargetId, q.UnitId)));
    }

    [Fact]
    public void Find_WhenChangesAreOnOneShanghaiDayAcrossUtcMidnight_CountsCalendarDaysInShanghai()
    {
        // 23:30 Shanghai on 1 July and 00:30 on 8 July are 7 Shanghai calendar days apart (6 days 1 hour).
        var first = new DateTimeOffset(2025, 7, 1, 23, 30, 0, TimeSpan.FromHours(8));
        var second = new DateTimeOffset(2025, 7, 8, 0, 30, 0, TimeSpan.FromHours(8));

        var quick = QuickChange.Find("t", "u", [(first, Light.Grey, Light.Green), (second, Light.Green, Light.Yellow)]);

        Assert.Empty(quick);
    }

    private static IEnumerable<(int Day, Light From, Light To)> Parse(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            var (day, lights) = (part[..part.IndexOf(':')], part[(part.IndexOf(':') + 1)..].Split('>'));
            return (int.Parse(day, System.Globalization.CultureInfo.InvariantCulture), Enum.Parse<Light>(lights[0], ignoreCase: true), Enum.Parse<Light>(lights[1], ignoreCase: true));
        });
}
