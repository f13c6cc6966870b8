using KejiLive.Domain.Planning;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

public sealed class PlanRoutesTests
{
    [Fact]
    public void Load_WhenRoutesGiven_ReadsUnitLeaderAndCityContactPoints()
    {
        var plan = PlanLoader.Parse(PlanJson.Base()
            .Set("routes", """{ "units": { "360702": ["wecom-zg", "mail-zg"], "jkq": ["ding-jkq"] }, "leader": ["mail-leaders"], "city": ["wecom-city"] }""")
            .ToJsonString(), PlanJson.File);

        Assert.Equal(["wecom-zg", "mail-zg"], plan.Routes.Units["360702"].AsEnumerable());
        Assert.Equal(["ding-jkq"], plan.Routes.Units["jkq"].AsEnumerable());
        Assert.Equal(["mail-leaders"], plan.Routes.Leader.AsEnumerable());
        Assert.Equal(["wecom-city"], plan.Routes.City.AsEnumerable());
    }

    [Fact]
    public void Load_WhenNoRoutes_HasNone()
    {
        var plan = PlanJson.Load();
        Assert.Empty(plan.Routes.Units);
        Assert.Empty(plan.Routes.City);
    }

    [Theory]
    [InlineData("""{ "units": { "999999": ["x"] } }""", "routes.units.999999", "unknown unit")]
    [InlineData("""{ "units": { "360702": "wecom" } }""", "routes.units.360702", "array")]
    [InlineData("""{ "units": { "360702": ["", 3] } }""", "routes.units.360702[0]", "non-empty string")]
    [InlineData("""{ "city": [1] }""", "routes.city[0]", "non-empty string")]
    [InlineData("""{ "leader": "mail" }""", "routes.leader", "array")]
    public void Load_WhenRoutesAreWrong_NamesTheField(string routes, string field, string message)
    {
        var e = Assert.Throws<PlanValidationException>(() => PlanLoader.Parse(PlanJson.Base().Set("routes", routes).ToJsonString(), PlanJson.File));
        Assert.Contains(e.Errors, x => x.Field == field && x.Message.Contains(message, StringComparison.Ordinal) && x.File == PlanJson.File);
    }
}
