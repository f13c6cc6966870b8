using System.Text.Json.Nodes;
using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Tests.Support;

/// <summary>Builds small plan files for tests: a valid base plan of any year, edited by JSON path.</summary>
internal static class PlanJson
{
    public const string File = "test-plan.json";

    /// <summary>Units: 3 counties (360702, 360703, 360704), zone jkq, overlay gxq (of 360704), city.
    /// Targets: [0] hi-tech count 100 linear split (gxq 8 overlay); [1] batches count 10 step schedule owner city;
    /// [2] jbgs range 6–10 linear schedule; [3] rd-growth growth 8% split 360702 (total 100) and 360703 (total 50);
    /// [4] rd-intensity ratio 2% split 360702 2.5 and 360703 1.5; [5] award-rank rank 3; [6] lab milestones (m2 Sep 30,
    /// m1 Mar 31, m3 Dec 31 — deliberately out of order).</summary>
    public static JsonObject Base(int year = 2025)
    {
        var prev = year - 1;
        return JsonNode.Parse($$"""
        {
          "id": "test-{{year}}", "year": {{year}}, "city": "赣州市", "title": "测试计划", "source": "tests", "sampleSplit": true,
          "units": [
            { "id": "360702", "name": "章贡区", "kind": "county", "office": "章贡区科学技术局" },
            { "id": "360703", "name": "南康区", "kind": "county", "office": "南康区科学技术局" },
            { "id": "360704", "name": "赣县区", "kind": "county", "office": "赣县区科学技术局" },
            { "id": "jkq", "name": "赣州经开区", "kind": "zone", "office": "赣州经开区科技创新局" },
            { "id": "gxq", "name": "赣州高新区", "kind": "overlay", "overlayOf": "360704", "office": "赣州高新区科技创新局" },
            { "id": "city", "name": "市本级", "kind": "city", "office": "赣州市科学技术局" }
          ],
          "targets": [
            { "id": "hi-tech", "name": "新认定高新技术企业", "group": "main", "section": "一", "measure": "家", "kind": "count",
              "department": "高新科", "leader": "副局长", "reportingCycle": "monthly", "cityTarget": 100,
              "curve": { "kind": "linear" }, "thresholds": { "yellowPoints": 5 },
              "split": [ { "unit": "360702", "target": 40 }, { "unit": "360703", "target": 30 }, { "unit": "360704", "target": 20 },
                         { "unit": "jkq", "target": 10 }, { "unit": "gxq", "target": 8, "office": "高新区科技局" } ] },
            { "id": "batches", "name": "分批认定", "group": "main", "section": "一", "measure": "家", "kind": "count",
              "department": "高新科", "leader": "副局长", "reportingCycle": "weekly", "cityTarget": 10, "owner": "city",
              "curve": { "kind": "schedule", "interpolation": "step", "points": [
                { "date": "{{year}}-03-31", "share": 0.2 }, { "date": "{{year}}-09-30", "share": 0.5 }, { "date": "{{year}}-12-31", "share": 1 } ] } },
            { "id": "jbgs", "name": "揭榜挂帅项目", "group": "main", "section": "二", "measure": "个", "kind": "range",
              "department": "成果科", "leader": "副局长", "reportingCycle": "quarterly", "cityTarget": 6, "stretch": 10, "owner": "city",
              "curve": { "kind": "schedule", "interpolation": "linear", "points": [
                { "date": "{{year}}-06-30", "share": 0.4 }, { "date": "{{year}}-12-31", "share": 1 } ] } },
            { "id": "rd-growth", "name": "全社会研发投入增长", "group": "main", "section": "一", "measure": "亿元", "kind": "growth",
              "department": "资源科", "leader": "副局长", "reportingCycle": "quarterly", "growth": 0.08,
              "split": [
                { "unit": "360702", "baseline": [ { "date": "{{prev}}-03-31", "value": 10 }, { "date": "{{prev}}-06-30", "value": 30 }, { "date": "{{prev}}-12-31", "value": 100 } ] },
                { "unit": "360703", "baseline": [ { "date": "{{prev}}-06-30", "value": 20 }, { "date": "{{prev}}-12-31", "value": 50 } ] } ] },
            { "id": "rd-intensity", "name": "研发投入强度", "group": "main", "section": "一", "measure": "%", "kind": "ratio",
              "department": "资源科", "leader": "副局长", "reportingCycle": "annual", "ratioScale": 100, "cityTarget": 2,
              "split": [ { "unit": "360702", "target": 2.5 }, { "unit": "360703", "target": 1.5 } ] },
            { "id": "award-rank", "name": "省科学技术奖", "group": "main", "section": "一", "measure": "名", "kind": "rank",
              "department": "成果科", "leader": "副局长", "reportingCycle": "annual", "cityTarget": 3, "owner": "city" },
            { "id": "lab", "name": "先进金属材料省实验室", "group": "platform", "section": "三", "measure": "项", "kind": "milestone",
              "department": "平台科", "leader": "副局长", "reportingCycle": "monthly", "owner": "city",
              "milestones": [ { "id": "m2", "name": "挂牌", "due": "{{year}}-09-30" }, { "id": "m1", "name": "启动", "due": "{{year}}-03-31" },
                              { "id": "m3", "name": "运行", "due": "{{year}}-12-31" } ] }
          ]
        }
        """)!.AsObject();
    }

    public static PlanDocument Load(int year = 2025) => PlanLoader.Parse(Base(year).ToJsonString(), File);

    /// <summary>Sets (or, with null, removes) the node at a path like <c>targets[3].split[2].target</c>.</summary>
    public static JsonObject Set(this JsonObject root, string path, string? json)
    {
        var segments = Parse(path);
        JsonNode node = root;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            node = segments[i] is int idx ? node[idx]! : node[(string)segments[i]]!;
        }
        var last = segments[^1];
        if (last is int li)
        {
            if (json is null) node.AsArray().RemoveAt(li);
            else node[li] = JsonNode.Parse(json);
        }
        else if (json is null)
        {
            node.AsObject().Remove((string)last);
        }
        else
        {
            node[(string)last] = JsonNode.Parse(json);
        }
        return root;
    }

    private static List<object> Parse(string path)
    {
        var list = new List<object>();
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? part : part[..bracket];
            if (name.Length > 0) list.Add(name);
            while (bracket >= 0)
            {
                var close = part.IndexOf(']', bracket);
                list.Add(int.Parse(part[(bracket + 1)..close], System.Globalization.CultureInfo.InvariantCulture));
                bracket = part.IndexOf('[', close);
            }
        }
        return list;
    }
}
