using KejiLive.Domain.Security;

namespace KejiLive.Domain.Tests.Security;

/// <summary>The authorization table, row by row: role × operation × own unit / other unit / no unit.</summary>
public sealed class AccessTests
{
    public static TheoryData<Role, Operation, string?, bool> Table() => new()
    {
        // Read: everyone.
        { Role.Viewer, Operation.Read, null, true },
        { Role.Unit, Operation.Read, "360703", true },
        { Role.Leader, Operation.Read, null, true },
        { Role.Admin, Operation.Read, null, true },
        // Report and acknowledge: the unit for itself, admin for anyone.
        { Role.Unit, Operation.Report, "360702", true },
        { Role.Unit, Operation.Report, "360703", false },
        { Role.Unit, Operation.Report, null, false },
        { Role.Admin, Operation.Report, "360703", true },
        { Role.Leader, Operation.Report, "360702", false },
        { Role.Viewer, Operation.Report, "360702", false },
        { Role.Unit, Operation.Acknowledge, "360702", true },
        { Role.Unit, Operation.Acknowledge, "360703", false },
        { Role.Admin, Operation.Acknowledge, "360703", true },
        { Role.Leader, Operation.Acknowledge, "360702", false },
        { Role.Viewer, Operation.Acknowledge, "360702", false },
        // Templates: the unit for itself, the office for any.
        { Role.Unit, Operation.Template, "360702", true },
        { Role.Unit, Operation.Template, "360703", false },
        { Role.Leader, Operation.Template, "360703", true },
        { Role.Admin, Operation.Template, "360703", true },
        { Role.Viewer, Operation.Template, "360702", false },
        // The office's work.
        { Role.Leader, Operation.Oversee, null, true },
        { Role.Admin, Operation.Oversee, null, true },
        { Role.Unit, Operation.Oversee, "360702", false },
        { Role.Viewer, Operation.Oversee, null, false },
        { Role.Leader, Operation.ReadOversight, null, true },
        { Role.Unit, Operation.ReadOversight, "360702", false },
        { Role.Viewer, Operation.ReadOversight, null, false },
        // Admin only.
        { Role.Admin, Operation.Silence, null, true },
        { Role.Admin, Operation.Reopen, null, true },
        { Role.Leader, Operation.Reopen, null, false },
        { Role.Unit, Operation.Reopen, "360702", false },
        { Role.Viewer, Operation.Reopen, null, false },
        { Role.Leader, Operation.Silence, null, false },
        { Role.Unit, Operation.Silence, "360702", false },
        { Role.Admin, Operation.ManageTokens, null, true },
        { Role.Leader, Operation.ManageTokens, null, false },
        { Role.Viewer, Operation.ManageTokens, null, false },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Allows_FollowsTheTable(Role role, Operation operation, string? subjectUnit, bool allowed)
    {
        var ownUnit = role == Role.Unit ? "360702" : null;

        Assert.Equal(allowed, Access.Allows(role, ownUnit, operation, subjectUnit));
    }

    [Fact]
    public void UnitReporter_WithoutABoundUnit_MayNotWriteForAnyUnit() =>
        Assert.False(Access.Allows(Role.Unit, null, Operation.Report, "360702"));

    [Fact]
    public void UnitIds_AreComparedExactly() =>
        Assert.False(Access.Allows(Role.Unit, "360702", Operation.Report, "360702 "));
}
