namespace KejiLive.Reports.Tests;

public class SafeCellTests
{
    [Theory]
    [InlineData("=A1", "'=A1")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@x", "'@x")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("正常文字", "正常文字")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void Text_PrefixesFormulaStarters(string? input, string? expected) => Assert.Equal(expected, SafeCell.Text(input));
}
