using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using KejiLive.Domain.Planning;

namespace KejiLive.Dashboard.Endpoints;

/// <summary>The API's JSON conventions: camelCase, enums as camelCase text, Chinese left readable, and the sample-split
/// label added wherever split figures are shown.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public const string SampleNotice = "示例分解：各单位目标为示例数据，合计等于全市目标；真实分解以市科技局下达为准。";

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        options.NumberHandling = JsonNumberHandling.Strict;
        return options;
    }

    /// <summary>Serialises <paramref name="value"/> as an object and adds the sample label when the plan's split is a sample.</summary>
    public static JsonObject WithSample<T>(T value, PlanDocument plan)
    {
        var node = JsonSerializer.SerializeToNode(value, Options)!.AsObject();
        node["sampleSplit"] = plan.SampleSplit;
        if (plan.SampleSplit) node["sampleNotice"] = SampleNotice;
        return node;
    }
}
