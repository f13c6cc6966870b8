namespace KejiLive.Domain.Security;

/// <summary>Everything a request can ask to do, as the authorization rules see it.</summary>
public enum Operation
{
    /// <summary>Dashboards, the wall, targets, units, ranking, 督办 list, weekly packs: every role.</summary>
    Read,

    /// <summary>Report progress (JSON or an Excel upload) for a unit.</summary>
    Report,

    /// <summary>Download a unit's Excel template.</summary>
    Template,

    /// <summary>Answer (acknowledge) a unit's 督办.</summary>
    Acknowledge,

    /// <summary>Close (销号) a 督办; confirm a 待核实 report; regenerate a weekly pack.</summary>
    Oversee,

    /// <summary>Read the audit, the silences, the review queue and the duplicate items.</summary>
    ReadOversight,

    /// <summary>Add or remove silences.</summary>
    Silence,

    /// <summary>Create, list and revoke tokens.</summary>
    ManageTokens,

    /// <summary>Reopen a closed (销号) 督办: the city office's administrator only — it undoes the office's own decision,
    /// so a leader who may close cannot reopen.</summary>
    Reopen,
}

/// <summary>The authorization rules, one table: which role may do what, and for which unit.
/// A unit reporter acts for its own unit only; read is everyone's; the office's work is the leader's and the admin's.</summary>
public static class Access
{
    /// <summary>Whether <paramref name="role"/> (bound to <paramref name="ownUnit"/> when a unit reporter) may perform
    /// <paramref name="operation"/> on <paramref name="subjectUnit"/> (null when the operation is not about one unit).</summary>
    public static bool Allows(Role role, string? ownUnit, Operation operation, string? subjectUnit = null) => operation switch
    {
        Operation.Read => true,
        Operation.Report or Operation.Acknowledge => role == Role.Admin || IsOwn(role, ownUnit, subjectUnit),
        Operation.Template => role is Role.Admin or Role.Leader || IsOwn(role, ownUnit, subjectUnit),
        Operation.Oversee or Operation.ReadOversight => role is Role.Admin or Role.Leader,
        Operation.Silence or Operation.ManageTokens or Operation.Reopen => role == Role.Admin,
        _ => false,
    };

    private static bool IsOwn(Role role, string? ownUnit, string? subjectUnit) =>
        role == Role.Unit && ownUnit is not null && subjectUnit is not null && string.Equals(ownUnit, subjectUnit, StringComparison.Ordinal);
}
