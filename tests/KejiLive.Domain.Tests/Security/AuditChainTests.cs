using KejiLive.Domain.Security;

namespace KejiLive.Domain.Tests.Security;

public sealed class AuditChainTests
{
    private sealed record Row(long Seq, DateTimeOffset At, string Actor, string Role, string? Unit, string Address, string Action, string Subject, string Detail, string Hash);

    private static readonly DateTimeOffset At = new(2025, 7, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private static List<Row> Chain(int count)
    {
        var rows = new List<Row>();
        var previous = AuditChain.Genesis;
        for (var seq = 1; seq <= count; seq++)
        {
            var hash = AuditChain.Hash(previous, seq, At.AddMinutes(seq), "章贡区 填报员", "unit", "360702", "127.0.0.1", "report", $"t/360702/r{seq}", $"value={seq}");
            rows.Add(new Row(seq, At.AddMinutes(seq), "章贡区 填报员", "unit", "360702", "127.0.0.1", "report", $"t/360702/r{seq}", $"value={seq}", hash));
            previous = hash;
        }
        return rows;
    }

    private static long? Broken(IEnumerable<Row> rows) =>
        AuditChain.FirstBroken(rows, r => (r.Seq, r.At, r.Actor, r.Role, r.Unit, r.Address, r.Action, r.Subject, r.Detail, r.Hash));

    [Fact]
    public void AnUntouchedChain_IsIntact()
    {
        Assert.Null(Broken(Chain(5)));
        Assert.Null(Broken([]));
    }

    public static TheoryData<string, long> Tampering() => new()
    {
        { "detail", 3 },
        { "actor", 3 },
        { "at", 3 },
        { "remove", 3 },
        { "swap", 3 },
        { "hash", 4 },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public void AnyEdit_IsFoundAtTheFirstRowItBreaks(string edit, long firstBroken)
    {
        var rows = Chain(5);
        switch (edit)
        {
            case "detail": rows[2] = rows[2] with { Detail = "value=300" }; break;
            case "actor": rows[2] = rows[2] with { Actor = "someone else" }; break;
            case "at": rows[2] = rows[2] with { At = rows[2].At.AddSeconds(1) }; break;
            case "remove": rows.RemoveAt(2); break;
            case "swap": (rows[2], rows[3]) = (rows[3], rows[2]); break;
            // A recomputed hash on row 3 hides that row's edit but not the next row, which chained the old hash.
            case "hash": rows[2] = rows[2] with { Detail = "x", Hash = AuditChain.Hash(rows[1].Hash, 3, rows[2].At, rows[2].Actor, rows[2].Role, rows[2].Unit, rows[2].Address, rows[2].Action, rows[2].Subject, "x") }; break;
        }

        Assert.Equal(firstBroken, Broken(rows));
    }

    [Fact]
    public void Fields_AreLengthPrefixed_SoShiftingTextBetweenThemChangesTheHash() =>
        Assert.NotEqual(
            AuditChain.Hash(AuditChain.Genesis, 1, At, "ab", "c", null, "", "x", "y", "z"),
            AuditChain.Hash(AuditChain.Genesis, 1, At, "a", "bc", null, "", "x", "y", "z"));
}
