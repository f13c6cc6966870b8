using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Tests;

/// <summary>退回 of a 待核实 report: only while it awaits review, and only with a reason.</summary>
public class ReviewDecisionTests
{
    public static TheoryData<bool, bool, string?, string?, string?> Cases => new()
    {
        // marked, confirmed, settledBy, reason → the field at fault (null: may be sent back)
        { true, false, null, "与统计台账不符，请核对后重报", null },
        { true, false, null, "  与台账不符  ", null },
        { false, false, null, "与台账不符", "reportId" },
        { true, true, null, "与台账不符", "reportId" },
        { true, false, "r-later", "与台账不符", "reportId" },
        { true, false, null, null, "reason" },
        { true, false, null, "", "reason" },
        { true, false, null, "   ", "reason" },
        { true, false, null, new string('因', ReportRules.MaxNoteLength), null },
        { true, false, null, new string('因', ReportRules.MaxNoteLength + 1), "reason" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reject_NamesTheFieldAtFault_OrAllowsIt(bool marked, bool confirmed, string? settledBy, string? reason, string? field)
    {
        var error = ReviewDecision.Reject(marked, confirmed, settledBy, reason);

        Assert.Equal(field, error?.Field);
        if (error is not null) Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", error.Message);
    }
}
