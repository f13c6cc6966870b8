using KejiLive.Grains.Abstractions.Security;
using KejiLive.Grains.Abstractions.Storage;

namespace KejiLive.Benchmarks;

/// <summary>Appends a row of a stored report's size (about 225 characters of JSON) with one audit entry per call, as
/// <c>TargetGrain</c> commits an accepted report, under its own keys (<c>bench-append/{n}</c>).</summary>
public sealed class BenchAppendGrain(IReportLogStore log, TimeProvider time) : Grain, IBenchAppendGrain
{
    private static readonly string Filler = new('x', 160);
    private long _version;
    private int _position;

    public async Task AppendAsync()
    {
        var key = "bench-append/" + this.GetPrimaryKeyLong();
        var id = $"append-{_position}";
        var committed = await log.CommitAsync(new ReportLogCommit
        {
            Key = key,
            ExpectedVersion = _version,
            Summary = new ReportLogSummary { Light = "green", Reports = _position + 1 },
            Appended = [new ReportLogRow(_position, id, $$"""{"reportId":"{{id}}","asOf":"2025-06-30","value":{{_position}},"note":"{{Filler}}"}""")],
            Audit = [new AuditRecord
            {
                At = time.GetUtcNow(), Actor = "bench", Role = "unit", Address = "127.0.0.1", Action = "report",
                Subject = $"{key}/{id}", Detail = "asOf=2025-06-30 value=" + _position + " via=bench",
            }],
        });
        _version = committed.Version;
        _position++;
    }
}
