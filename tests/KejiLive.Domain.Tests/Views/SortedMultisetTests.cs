using KejiLive.Domain.Views;

namespace KejiLive.Domain.Tests.Views;

public class SortedMultisetTests
{
    [Theory]
    [InlineData(new[] { 5, 3, 9 }, new int[0], 3, 9, 3)]
    [InlineData(new[] { 5, 3, 3, 9 }, new[] { 3 }, 3, 9, 3)]
    [InlineData(new[] { 5, 3, 3, 9 }, new[] { 3, 3 }, 5, 9, 2)]
    [InlineData(new[] { 5, 9, 9 }, new[] { 9, 5 }, 9, 9, 1)]
    [InlineData(new[] { 1 }, new[] { 2 }, 1, 1, 1)]
    public void MinMax_WhenAddedAndRemoved_FollowTheRemainingValues(int[] add, int[] remove, int min, int max, int count)
    {
        var set = new SortedMultiset<int>();
        foreach (var v in add) set.Add(v);
        foreach (var v in remove) set.Remove(v);
        Assert.Equal(min, set.Min);
        Assert.Equal(max, set.Max);
        Assert.Equal(count, set.Count);
    }

    [Theory]
    [InlineData(new[] { 5, 3, 3, 9 }, new int[0], 3, 0)]
    [InlineData(new[] { 5, 3, 3, 9 }, new int[0], 4, 2)]
    [InlineData(new[] { 5, 3, 3, 9 }, new int[0], 5, 2)]
    [InlineData(new[] { 5, 3, 3, 9 }, new int[0], 6, 3)]
    [InlineData(new[] { 5, 3, 3, 9 }, new int[0], 10, 4)]
    [InlineData(new[] { 5, 3, 3, 9 }, new[] { 3 }, 4, 1)]
    [InlineData(new[] { 5, 3, 3, 9 }, new[] { 3, 3, 5 }, 10, 1)]
    [InlineData(new int[0], new int[0], 10, 0)]
    public void CountBelow_CountsRepeatsStrictlyBelowTheBound(int[] add, int[] remove, int bound, int below)
    {
        var set = new SortedMultiset<int>();
        foreach (var v in add) set.Add(v);
        foreach (var v in remove) set.Remove(v);
        Assert.Equal(below, set.CountBelow(bound));
    }

    [Theory]
    [InlineData(7, false)]
    [InlineData(4, true)]
    public void Remove_WhenValueHeldOrNot_SaysSo(int value, bool removed)
    {
        var set = new SortedMultiset<int>();
        set.Add(4);
        Assert.Equal(removed, set.Remove(value));
    }
}
