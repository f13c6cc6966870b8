using KejiLive.Domain.Alerts;

namespace KejiLive.Domain.Tests.Alerts;

/// <summary>What the weekly pack and the robot messages show for the codes the alert index and the API carry.</summary>
public class AlertNamesTests
{
    [Theory]
    [InlineData("behind", "落后序时进度")]
    [InlineData("will-miss", "预计完不成全年目标")]
    [InlineData("falling-fast", "差距快速扩大")]
    [InlineData("not-reported", "未按期报送")]
    [InlineData("milestone-overdue", "节点逾期")]
    [InlineData("something-new", "something-new")]
    [InlineData("", "")]
    public void RuleOfCodeName_NamesEveryRuleAndPassesAnUnknownCodeThrough(string code, string expected) =>
        Assert.Equal(expected, AlertNames.RuleOfCodeName(code));

    [Theory]
    [InlineData("red", "红")]
    [InlineData("orange", "橙")]
    [InlineData("yellow", "黄")]
    [InlineData("info", "提示")]
    [InlineData("Yellow", "黄")]
    [InlineData("purple", "purple")]
    [InlineData("1", "1")]
    public void SeverityOfCodeName_NamesEverySeverityAndPassesAnUnknownCodeThrough(string code, string expected) =>
        Assert.Equal(expected, AlertNames.SeverityOfCodeName(code));

    [Fact]
    public void EveryRule_HasACodeThatReadsBackAndAChineseName()
    {
        foreach (var rule in Enum.GetValues<AlertRule>())
        {
            Assert.Equal(rule, AlertNames.RuleOfCode(AlertIds.RuleCode(rule)));
            Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}+$", AlertNames.Rule(rule));
        }
        Assert.Equal(Enum.GetValues<AlertRule>().Length, Enum.GetValues<AlertRule>().Select(AlertNames.Rule).Distinct().Count());
    }

    [Theory]
    [InlineData("city-office", "市科技局")]   // stored before the city office was named
    [InlineData("市科技局", "市科技局")]
    [InlineData("市科技局分管副局长", "市科技局分管副局长")]
    public void Recipient_ReadsTheCityOfficeCodeAsItsName(string stored, string shown) =>
        Assert.Equal(shown, AlertNames.Recipient(stored));

    [Fact]
    public void EveryAudience_HasAChineseName_AndTheCityOfficeIsNamedAsItsNotices()
    {
        foreach (var audience in Enum.GetValues<AlertAudience>()) Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}+$", AlertNames.Audience(audience));
        Assert.Equal(AlertNotices.CityOffice, AlertNames.Audience(AlertAudience.CityOffice));
        Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}+$", AlertNotices.CityOffice);
    }
}
