using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

public class ReportRulesTests
{
    private static readonly Planning.PlanDocument Plan = PlanJson.Load();
    private static readonly DateTimeOffset Now = Fx.At("2025-07-01", 10);

    private static readonly ReportDraft Good = new("r-1", "hi-tech", "360702", Fx.D("2025-06-30"), 12, null, null, "六月数据", false);
    private static readonly ReportDraft GoodRatio = new("r-2", "rd-intensity", "360702", Fx.D("2025-06-30"), 2.4, 24, 1000, null, false);

    public static TheoryData<string, ReportDraft, string> BadDrafts => new()
    {
        { "reportId missing", Good with { ReportId = null }, "reportId" },
        { "reportId empty", Good with { ReportId = "" }, "reportId" },
        { "reportId blank", Good with { ReportId = "   " }, "reportId" },
        { "reportId too long", Good with { ReportId = new string('a', 101) }, "reportId" },
        { "reportId control char", Good with { ReportId = "a\nb" }, "reportId" },
        { "target missing", Good with { Target = null }, "target" },
        { "target unknown", Good with { Target = "nope" }, "target" },
        { "unit missing", Good with { Unit = null }, "unit" },
        { "unit unknown", Good with { Unit = "nope" }, "unit" },
        { "unit holds no share", Good with { Unit = "city" }, "unit" },
        { "asOf missing", Good with { AsOf = null }, "asOf" },
        { "asOf last year", Good with { AsOf = Fx.D("2024-12-31") }, "asOf" },
        { "asOf next year", Good with { AsOf = Fx.D("2026-01-01") }, "asOf" },
        { "asOf tomorrow", Good with { AsOf = Fx.D("2025-07-02") }, "asOf" },
        { "value missing", Good with { Value = null }, "value" },
        { "value NaN", Good with { Value = double.NaN }, "value" },
        { "value infinite", Good with { Value = double.PositiveInfinity }, "value" },
        { "value negative", Good with { Value = -1 }, "value" },
        { "count value absurd", Good with { Value = 1041 }, "value" },
        { "growth value absurd", Good with { Target = "rd-growth", Value = 1108.0001 }, "value" },
        { "ratio above scale", GoodRatio with { Value = 101, Numerator = 1010, Denominator = 1000 }, "value" },
        { "rank zero", Good with { Target = "award-rank", Unit = "city", Value = 0 }, "value" },
        { "rank 101", Good with { Target = "award-rank", Unit = "city", Value = 101 }, "value" },
        { "rank fraction", Good with { Target = "award-rank", Unit = "city", Value = 2.5 }, "value" },
        { "milestones above count", Good with { Target = "lab", Unit = "city", Value = 4 }, "value" },
        { "milestones fraction", Good with { Target = "lab", Unit = "city", Value = 1.5 }, "value" },
        { "ratio numerator missing", GoodRatio with { Numerator = null }, "numerator" },
        { "ratio numerator negative", GoodRatio with { Numerator = -1 }, "numerator" },
        { "ratio numerator NaN", GoodRatio with { Numerator = double.NaN }, "numerator" },
        { "ratio denominator missing", GoodRatio with { Denominator = null }, "denominator" },
        { "ratio denominator zero", GoodRatio with { Denominator = 0 }, "denominator" },
        { "ratio denominator infinite", GoodRatio with { Denominator = double.PositiveInfinity }, "denominator" },
        { "ratio value inconsistent", GoodRatio with { Value = 3 }, "value" },
        { "count with numerator", Good with { Numerator = 1 }, "numerator" },
        { "count with denominator", Good with { Denominator = 1 }, "denominator" },
        { "note too long", Good with { Note = new string('注', 2001) }, "note" },
    };

    [Theory]
    [MemberData(nameof(BadDrafts))]
    public void Validate_WhenInputIsBad_NamesTheFieldInChinese(string why, ReportDraft draft, string field)
    {
        var errors = ReportRules.Validate(Plan, draft, Now);
        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.True(error.Message.Any(c => c >= 0x4E00 && c <= 0x9FFF), $"{why}: message should be Chinese: {error.Message}");
    }

    public static TheoryData<string, ReportDraft> GoodDrafts => new()
    {
        { "count", Good },
        { "reportId of 100", Good with { ReportId = new string('a', 100) } },
        { "asOf today", Good with { AsOf = Fx.D("2025-07-01") } },
        { "asOf Jan 1", Good with { AsOf = Fx.D("2025-01-01") } },
        { "value zero", Good with { Value = 0 } },
        { "count at bound", Good with { Value = 1040 } },
        { "growth at bound", Good with { Target = "rd-growth", Value = 1108 } },
        { "big target bound is 10x", Good with { Target = "hi-tech", Value = 400, Unit = "360702" } },
        { "ratio", GoodRatio },
        { "ratio within 1%", GoodRatio with { Value = 2.42 } },
        { "ratio at scale", GoodRatio with { Value = 100, Numerator = 1000, Denominator = 1000 } },
        { "rank 1", Good with { Target = "award-rank", Unit = "city", Value = 1 } },
        { "rank 100", Good with { Target = "award-rank", Unit = "city", Value = 100 } },
        { "milestones 0", Good with { Target = "lab", Unit = "city", Value = 0 } },
        { "milestones all", Good with { Target = "lab", Unit = "city", Value = 3 } },
        { "note 2000", Good with { Note = new string('注', 2000) } },
        { "no note", Good with { Note = null } },
        { "overlay unit", Good with { Unit = "gxq", Value = 5 } },
    };

    [Theory]
    [MemberData(nameof(GoodDrafts))]
    public void Validate_WhenInputIsGood_ReturnsNoErrors(string why, ReportDraft draft)
    {
        Assert.True(ReportRules.Validate(Plan, draft, Now).IsEmpty, why);
    }

    [Fact]
    public void Validate_WhenEverythingMissing_ReturnsAllErrors()
    {
        var errors = ReportRules.Validate(Plan, new ReportDraft(null, null, null, null, null, null, null, null, false), Now);
        Assert.Equal(["reportId", "target", "unit", "asOf", "value"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Validate_NearMidnightUtc_TodayIsShanghaiDate()
    {
        var now = DateTimeOffset.Parse("2025-06-30T16:30:00Z", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Empty(ReportRules.Validate(Plan, Good with { AsOf = Fx.D("2025-07-01") }, now));
        var before = DateTimeOffset.Parse("2025-06-30T15:30:00Z", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("asOf", Assert.Single(ReportRules.Validate(Plan, Good with { AsOf = Fx.D("2025-07-01") }, before)).Field);
    }

    /// <summary>A county official knows its unit by name: the refusal names it, with the code beside it.</summary>
    [Fact]
    public void Validate_WhenUnitHoldsNoShare_NamesTheUnitByNameAndCode()
    {
        var error = Assert.Single(ReportRules.Validate(Plan, Good with { Unit = "city" }, Now));
        Assert.Equal($"{Plan.FindUnit("city")!.Name}（city）未承担目标“{Plan.FindTarget("hi-tech")!.Name}”的任务，不能报送", error.Message);
    }

    [Fact]
    public void Validate_InconsistentRatio_SaysWhatNumeratorOverDenominatorGives()
    {
        var error = Assert.Single(ReportRules.Validate(Plan, GoodRatio with { Value = 3 }, Now));
        Assert.Contains("= 2.4", error.Message, StringComparison.Ordinal);
    }
}
