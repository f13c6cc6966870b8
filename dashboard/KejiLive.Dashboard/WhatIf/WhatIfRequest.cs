using System.Collections.Immutable;
using System.Text.Json;
using KejiLive.Dashboard.Ingest;
using KejiLive.Domain.Progress;
using KejiLive.Domain.WhatIf;

namespace KejiLive.Dashboard.WhatIf;

/// <summary>Reads a proposal strictly from a JSON body (the shape of <see cref="OpenApi.WhatIfBody"/>): every field of
/// the wrong type, and every field not listed, gets its own Chinese error.</summary>
public static class WhatIfRequest
{
    private static readonly HashSet<string> Fields = ["from", "amount", "to", "changesCityTotal"];
    private static readonly HashSet<string> MoveFields = ["unit", "amount", "share"];

    public static (WhatIfProposal? Proposal, ImmutableArray<FieldError> Errors) Read(JsonElement body)
    {
        var errors = new List<FieldError>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, [new FieldError("$", "请求体须为 JSON 对象，例如 { \"from\": \"360703\", \"amount\": 10, \"to\": [{ \"unit\": \"360702\", \"amount\": 10 }] }。")]);
        }
        Unknown(body, Fields, "", errors);
        var from = Text(body, "from", "from", errors, required: true);
        var amount = Number(body, "amount", "amount", errors);
        var cut = false;
        if (body.TryGetProperty("changesCityTotal", out var c) && c.ValueKind != JsonValueKind.Null)
        {
            if (c.ValueKind is JsonValueKind.True or JsonValueKind.False) cut = c.GetBoolean();
            else errors.Add(new FieldError("changesCityTotal", "changesCityTotal 须为 true 或 false。"));
        }
        var moves = ImmutableArray.CreateBuilder<WhatIfMove>();
        if (!body.TryGetProperty("to", out var to) || to.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new FieldError("to", "请填写承接单位 to，例如 [{ \"unit\": \"360702\", \"amount\": 5 }]。"));
        }
        else if (to.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new FieldError("to", "to 须为数组。"));
        }
        else
        {
            var i = 0;
            foreach (var m in to.EnumerateArray())
            {
                var field = $"to[{i++}]";
                if (i > WhatIfRules.MaxReceivers + 1) break;
                if (m.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new FieldError(field, "每个承接单位须为对象 { \"unit\": …, \"amount\": … } 或 { \"unit\": …, \"share\": … }。"));
                    continue;
                }
                Unknown(m, MoveFields, field + ".", errors);
                var unit = Text(m, "unit", field + ".unit", errors, required: true);
                moves.Add(new WhatIfMove(unit ?? "", Number(m, "amount", field + ".amount", errors), Number(m, "share", field + ".share", errors)));
            }
        }
        return errors.Count > 0 ? (null, [.. errors]) : (new WhatIfProposal(from!, amount, moves.ToImmutable(), cut), []);
    }

    private static void Unknown(JsonElement obj, HashSet<string> known, string prefix, List<FieldError> errors)
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (!known.Contains(p.Name)) errors.Add(new FieldError(prefix + p.Name, $"不认识的字段 {p.Name}（可用：{string.Join("、", known)}）。"));
        }
    }

    private static string? Text(JsonElement obj, string name, string field, List<FieldError> errors, bool required)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required) errors.Add(new FieldError(field, $"请填写 {name}（单位代码）。"));
            return null;
        }
        if (v.ValueKind != JsonValueKind.String)
        {
            errors.Add(new FieldError(field, $"{name} 须为字符串（单位代码）。"));
            return null;
        }
        var text = JsonText.Read(v, field, out var invalid);
        if (invalid is not null) errors.Add(new FieldError(field, invalid));
        return text;
    }

    private static double? Number(JsonElement obj, string name, string field, List<FieldError> errors)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !double.IsFinite(d))
        {
            errors.Add(new FieldError(field, $"{name} 须为数字。"));
            return null;
        }
        return d;
    }
}
