using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

/// <summary>The optional <c>dataQuality</c> blocks of a plan file: top level over the defaults, per target over that.</summary>
public class PlanDataQualityLoaderTests
{
    private static PlanDocument Load(Action<System.Text.Json.Nodes.JsonObject> edit) => Fx.Plan(edit);

    [Fact]
    public void Parse_WhenNoBlock_UsesDefaultsEverywhere()
    {
        var plan = PlanJson.Load();
        Assert.Equal(DataQualitySettings.Default, plan.DataQuality);
        Assert.All(plan.Targets, t => Assert.Equal(DataQualitySettings.Default, t.DataQuality));
    }

    [Fact]
    public void Parse_WhenTopLevelAndTargetBlocks_MergesFieldByField()
    {
        var plan = Load(doc =>
        {
            doc["dataQuality"] = new System.Text.Json.Nodes.JsonObject { ["jumpFactor"] = 4, ["dropShare"] = 0.2 };
            doc["targets"]![1]!["dataQuality"] = new System.Text.Json.Nodes.JsonObject { ["jumpShare"] = 0.5 };
        });
        Assert.Equal(new DataQualitySettings(4, 0.25, 0.2), plan.DataQuality);
        Assert.Equal(plan.DataQuality, plan.FindTarget("hi-tech")!.DataQuality);
        Assert.Equal(new DataQualitySettings(4, 0.5, 0.2), plan.FindTarget("batches")!.DataQuality);
    }

    [Theory]
    [InlineData(null, "jumpFactor", "1", "dataQuality.jumpFactor", "jumpFactor must be above 1")]
    [InlineData(null, "jumpShare", "2", "dataQuality.jumpShare", "at most 1")]
    [InlineData(null, "dropShare", "\"x\"", "dataQuality.dropShare", "")]
    [InlineData(null, "jump", "3", "dataQuality.jump", "unknown dataQuality field 'jump'")]
    [InlineData(0, "dropShare", "-0.1", "targets[0].dataQuality.dropShare", "dropShare must be above 0")]
    public void Parse_WhenFieldIsBroken_NamesTheField(int? target, string name, string json, string field, string fragment)
    {
        var ex = Assert.Throws<PlanValidationException>(() => Load(doc =>
        {
            var owner = target is { } i ? doc["targets"]![i]!.AsObject() : doc;
            owner["dataQuality"] = new System.Text.Json.Nodes.JsonObject { [name] = System.Text.Json.Nodes.JsonNode.Parse(json) };
        }));
        Assert.Contains(ex.Errors, e => e.Field == field && e.Message.Contains(fragment, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_WhenTopLevelIsBroken_ReportsOnceNotPerTarget()
    {
        var ex = Assert.Throws<PlanValidationException>(() => Load(doc =>
        {
            doc["dataQuality"] = new System.Text.Json.Nodes.JsonObject { ["jumpFactor"] = 0.5 };
            doc["targets"]![1]!["dataQuality"] = new System.Text.Json.Nodes.JsonObject { ["jumpShare"] = 0.5 };
        }));
        Assert.Equal("dataQuality.jumpFactor", Assert.Single(ex.Errors).Field);
    }
}
