using KejiLive.Domain.Calendar;
using KejiLive.Domain.Items;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;

namespace KejiLive.Dashboard.Filling;

/// <summary>Gives meaning to an uploaded 填报 workbook, cell by cell, without storing anything: the sheets are the
/// template's, 说明 names the uploading unit and a valid date, every filled 填报 row names a target the unit carries
/// and holds values the plan accepts (<see cref="ReportRules"/>), every 清单 row names an item of a count target of
/// the unit. Errors name the sheet and cell (<c>填报!G7: 须为非负数字</c>); all are collected, not just the first.</summary>
public static class FillingParser
{
    public static FillingParse Parse(PlanDocument plan, string unitId, IReadOnlyList<RawSheet> sheets, DateTimeOffset now, DateOnly? expectedAsOf = null)
    {
        var errors = new List<FieldError>();
        foreach (var sheet in sheets.Where(s => !FillingSheets.All.Contains(s.Name)))
        {
            errors.Add(new(sheet.Name, $"未知工作表“{sheet.Name}”：请使用本系统下载的模板，工作表只能是 {string.Join("、", FillingSheets.All)}"));
        }
        foreach (var name in FillingSheets.All.Where(n => sheets.All(s => s.Name != n)))
        {
            errors.Add(new(name, $"缺少工作表“{name}”：请使用本系统下载的模板，不要删除或重命名工作表"));
        }
        var byName = sheets.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.First());

        var about = byName.GetValueOrDefault(FillingSheets.About);
        var (asOf, unitCell, asOfCell) = about is null ? (null, $"{FillingSheets.About}!B2", $"{FillingSheets.About}!B4") : ReadAbout(plan, unitId, about, now, expectedAsOf, errors);
        var rows = byName.GetValueOrDefault(FillingSheets.Fill) is { } fill ? ReadFill(plan, unitId, fill, asOf, now, errors) : [];
        var items = byName.GetValueOrDefault(FillingSheets.Items) is { } list ? ReadItems(plan, unitId, list, errors) : [];
        return new FillingParse(asOf, rows, items, errors) { UnitCell = unitCell, AsOfCell = asOfCell };
    }

    private static (DateOnly? AsOf, string UnitCell, string AsOfCell) ReadAbout(PlanDocument plan, string unitId, RawSheet sheet, DateTimeOffset now,
        DateOnly? expectedAsOf, List<FieldError> errors)
    {
        var columns = Headers(sheet);
        var keyColumn = columns.GetValueOrDefault(FillingSheets.AboutKey, "A");
        var valueColumn = columns.GetValueOrDefault(FillingSheets.AboutValue, "B");
        int? unitRow = null, asOfRow = null;
        for (var i = 1; i < sheet.Rows.Count; i++)
        {
            var key = CellValues.Text(sheet.Rows[i].GetValueOrDefault(keyColumn));
            if (key == FillingSheets.UnitKey) unitRow ??= i;
            else if (key == FillingSheets.AsOfKey) asOfRow ??= i;
        }
        string Cell(int? row) => $"{FillingSheets.About}!{valueColumn}{(row ?? 0) + 1}";

        if (unitRow is not { } ur) errors.Add(new(FillingSheets.About, $"缺少“{FillingSheets.UnitKey}”行：请使用本系统下载的模板"));
        else if (CellValues.Text(sheet.Rows[ur].GetValueOrDefault(valueColumn)) is var unit && unit != unitId)
        {
            errors.Add(new(Cell(ur), $"单位编号“{unit}”与上传地址的单位“{unitId}”不一致：请使用本单位的模板"));
        }

        DateOnly? asOf = null;
        if (asOfRow is not { } ar) errors.Add(new(FillingSheets.About, $"缺少“{FillingSheets.AsOfKey}”行：请使用本系统下载的模板"));
        else
        {
            var (date, error) = CellValues.Date(sheet.Rows[ar].GetValueOrDefault(valueColumn));
            var today = ShanghaiTime.DateOf(now);
            if (error is not null) errors.Add(new(Cell(ar), error));
            else if (date!.Value.Year != plan.Year) errors.Add(new(Cell(ar), $"数据截止日期 {date:yyyy-MM-dd} 不在计划年度 {plan.Year} 年内"));
            else if (date > today) errors.Add(new(Cell(ar), $"数据截止日期 {date:yyyy-MM-dd} 晚于今天（{today:yyyy-MM-dd}），不能报送未来的数据"));
            else if (expectedAsOf is { } expected && expected != date) errors.Add(new(Cell(ar), $"数据截止日期 {date:yyyy-MM-dd} 与上传时指定的 {expected:yyyy-MM-dd} 不一致"));
            else asOf = date;
        }
        return (asOf, Cell(unitRow ?? 1), Cell(asOfRow ?? 3));
    }

    private static List<FilledRow> ReadFill(PlanDocument plan, string unitId, RawSheet sheet, DateOnly? asOf, DateTimeOffset now, List<FieldError> errors)
    {
        var headers = Headers(sheet);
        var missing = new[] { FillingSheets.TargetId, FillingSheets.Value }.Where(h => !headers.ContainsKey(FillingSheets.Stem(h))).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new($"{FillingSheets.Fill}!1", $"表头缺少 {string.Join("、", missing.Select(m => $"“{FillingSheets.Stem(m)}”"))} 列：请不要修改模板的表头"));
            return [];
        }
        var columns = new Dictionary<string, string>(StringComparer.Ordinal) { ["target"] = headers[FillingSheets.Stem(FillingSheets.TargetId)] };
        void Map(string field, string header)
        {
            if (headers.TryGetValue(FillingSheets.Stem(header), out var c)) columns[field] = c;
        }
        Map("value", FillingSheets.Value);
        Map("numerator", FillingSheets.Numerator);
        Map("denominator", FillingSheets.Denominator);
        Map("correction", FillingSheets.Correction);
        Map("note", FillingSheets.Note);

        var rows = new List<FilledRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 1; i < sheet.Rows.Count; i++)
        {
            var cells = sheet.Rows[i];
            var number = i + 1;
            object? Get(string field) => columns.TryGetValue(field, out var c) ? cells.GetValueOrDefault(c) : null;
            string At(string field) => $"{FillingSheets.Fill}!{(columns.TryGetValue(field, out var c) ? c : columns["target"])}{number}";

            var id = CellValues.Text(Get("target"));
            var filled = new[] { "value", "numerator", "denominator", "correction" }.Where(f => !CellValues.IsEmpty(Get(f))).ToList();
            if (id is null)
            {
                if (filled.Count > 0) errors.Add(new(At("target"), "缺少指标编号：请不要修改或清空“指标编号”列"));
                continue;
            }
            var before = errors.Count;
            var target = plan.FindTarget(id);
            if (target is null) { errors.Add(new(At("target"), $"未知指标编号“{id}”")); continue; }
            if (target.AssignmentFor(unitId) is null) { errors.Add(new(At("target"), $"本单位未承担指标“{target.Name}”（{id}），请删除此行")); continue; }
            if (seen.TryGetValue(id, out var first)) { errors.Add(new(At("target"), $"指标“{target.Name}”已在第 {first} 行出现，每个指标只能填一行")); continue; }
            seen[id] = number;

            var (value, valueError) = CellValues.NonNegative(Get("value"));
            var (numerator, numeratorError) = CellValues.NonNegative(Get("numerator"));
            var (denominator, denominatorError) = CellValues.NonNegative(Get("denominator"));
            var (correction, correctionError) = CellValues.YesNo(Get("correction"));
            var note = CellValues.Text(Get("note"));
            if (valueError is not null) errors.Add(new(At("value"), valueError));
            if (numeratorError is not null) errors.Add(new(At("numerator"), numeratorError));
            if (denominatorError is not null) errors.Add(new(At("denominator"), denominatorError));
            if (correctionError is not null) errors.Add(new(At("correction"), correctionError));
            if (value is null && valueError is null && filled.Count > 0)
            {
                errors.Add(new(At("value"), "本期累计值为空，但同一行填写了分子、分母或更正：请填写本期累计值，或清空这一行"));
            }
            if (errors.Count > before) continue;

            if (value is not null && asOf is { } date)
            {
                var draft = new ReportDraft("xlsx", id, unitId, date, value, numerator, denominator, note, correction);
                // reportId, target, unit and asOf were checked above, once for the workbook; the rest is the plan's word.
                errors.AddRange(ReportRules.Validate(plan, draft, now)
                    .Where(e => e.Field is not ("reportId" or "target" or "unit" or "asOf"))
                    .Select(e => e with { Field = At(e.Field) }));
            }
            rows.Add(new FilledRow(number, id, value, numerator, denominator, correction, note, columns));
        }
        return rows;
    }

    private static List<FilledItem> ReadItems(PlanDocument plan, string unitId, RawSheet sheet, List<FieldError> errors)
    {
        var headers = Headers(sheet);
        var needed = new[] { FillingSheets.TargetId, FillingSheets.ItemName, FillingSheets.ItemNumber };
        var missing = needed.Where(h => !headers.ContainsKey(FillingSheets.Stem(h))).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new($"{FillingSheets.Items}!1", $"表头缺少 {string.Join("、", missing.Select(m => $"“{FillingSheets.Stem(m)}”"))} 列：请不要修改模板的表头"));
            return [];
        }
        var idColumn = headers[FillingSheets.Stem(FillingSheets.TargetId)];
        var nameColumn = headers[FillingSheets.Stem(FillingSheets.ItemName)];
        var numberColumn = headers[FillingSheets.Stem(FillingSheets.ItemNumber)];

        var items = new List<FilledItem>();
        var seen = new Dictionary<(string, string), string>();
        for (var i = 1; i < sheet.Rows.Count; i++)
        {
            var cells = sheet.Rows[i];
            var row = i + 1;
            var id = CellValues.Text(cells.GetValueOrDefault(idColumn));
            var name = CellValues.Text(cells.GetValueOrDefault(nameColumn));
            var number = CellValues.Text(cells.GetValueOrDefault(numberColumn));
            if (id is null && name is null && number is null) continue;
            string At(string column) => $"{FillingSheets.Items}!{column}{row}";

            if (id is null) { errors.Add(new(At(idColumn), "缺少指标编号：请填写该条目所属指标的编号（见“填报”表第一列）")); continue; }
            var target = plan.FindTarget(id);
            if (target is null) { errors.Add(new(At(idColumn), $"未知指标编号“{id}”")); continue; }
            if (target.AssignmentFor(unitId) is null) { errors.Add(new(At(idColumn), $"本单位未承担指标“{target.Name}”（{id}）")); continue; }
            if (!TemplateWriter.TakesItems(target)) { errors.Add(new(At(idColumn), $"指标“{target.Name}”不是计数类目标，不能列清单")); continue; }

            var item = new ItemInput(name ?? "", number);
            if (ItemKeys.Problem(item) is { } problem)
            {
                errors.Add(new(At(problem.Contains("登记号", StringComparison.Ordinal) ? numberColumn : nameColumn), problem));
                continue;
            }
            var cell = At(nameColumn);
            if (seen.TryGetValue((id, ItemKeys.Key(item)), out var earlier))
            {
                errors.Add(new(cell, $"与 {earlier} 重复（同一指标的同一{(ItemKeys.NormalizeNumber(number) is null ? "名称" : "登记号")}只能列一次）"));
                continue;
            }
            seen[(id, ItemKeys.Key(item))] = cell;
            items.Add(new FilledItem(row, id, name!, number, cell));
        }
        return items;
    }

    /// <summary>Header stems of row 1 → column letter (the first column with that stem wins).</summary>
    private static Dictionary<string, string> Headers(RawSheet sheet)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (sheet.Rows.Count == 0) return headers;
        foreach (var (column, value) in sheet.Rows[0])
        {
            if (CellValues.Text(value) is { } text) headers.TryAdd(FillingSheets.Stem(text), column);
        }
        return headers;
    }
}
