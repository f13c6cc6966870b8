using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Tests;

/// <summary>The code of a 判灯依据 with the 未报送 rule appended names the reason that decided the light: the verdict's own
/// when it names one, else not-reported (a page shows 缺报不判红 then).</summary>
public sealed class LightBasisTests
{
    [Theory]
    [InlineData(null, LightBasis.NotReported)]
    [InlineData(LightBasis.Gap, LightBasis.NotReported)]
    [InlineData(LightBasis.WholeItems, LightBasis.WholeItems)]
    [InlineData(LightBasis.ItemCount, LightBasis.ItemCount)]
    [InlineData(LightBasis.WillMiss, LightBasis.WillMiss)]
    [InlineData(LightBasis.ReleasePending, LightBasis.ReleasePending)]
    [InlineData(LightBasis.Milestone, LightBasis.Milestone)]
    public void WithNotReported_KeepsASpecificVerdictElseSaysNotReported(string? verdict, string code) =>
        Assert.Equal(code, LightBasis.WithNotReported(verdict));
}
