using System.Net;
using System.Text.Json.Nodes;
using KejiLive.Api.Tests.Support;

namespace KejiLive.Api.Tests;

/// <summary>The OpenAPI document the app serves: clean under Redocly's recommended rules, a bearer scheme on exactly the
/// routes that need a token, a 2xx answer and a summary on every operation, and typed request bodies. Reads only.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiTests(KejiApiFactory factory)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    private async Task<JsonObject> DocumentAsync()
    {
        using var anonymous = factory.ClientAs(null);
        return (await anonymous.GetJsonAsync("/openapi/v1.json")).AsObject();
    }

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        from path in document["paths"]!.AsObject()
        from method in path.Value!.AsObject()
        where Methods.Contains(method.Key)
        select (path.Key, method.Key, method.Value!.AsObject());

    [Fact]
    public async Task Document_LintedByRedocly_HasNoErrors()
    {
        var document = await DocumentAsync();
        var file = Path.Combine(Path.GetTempPath(), $"keji-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, document.ToJsonString());
        try
        {
            var lint = await Redocly.LintAsync(file);
            JsonNode? report;
            try
            {
                report = JsonNode.Parse(lint.Output);
            }
            catch (System.Text.Json.JsonException)
            {
                report = null;
            }
            Assert.True(report?["totals"] is not null, $"Redocly printed no JSON report:\n{lint.Printed}");
            var errors = report!["problems"]!.AsArray().Where(p => (string?)p!["severity"] == "error")
                .Select(p => $"{p!["ruleId"]} at {p["location"]?[0]?["pointer"]}: {p["message"]}").ToList();
            Assert.True(errors.Count == 0 && (int)report["totals"]!["errors"]! == 0 && lint.ExitCode == 0,
                $"Redocly found {report["totals"]!["errors"]} error(s):\n{string.Join('\n', errors)}\n{lint.Printed}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task SecuritySchemes_NameTheBearerTokenOnProtectedRoutesOnly()
    {
        var document = await DocumentAsync();
        var bearer = document["components"]!["securitySchemes"]!["bearer"]!;
        Assert.Equal("http", (string?)bearer["type"]);
        Assert.Equal("bearer", (string?)bearer["scheme"]);

        var operations = Operations(document).ToList();
        var open = operations.Where(o => !o.Operation["security"]!.AsArray().Any(r => r!.AsObject().Count > 0)).Select(o => $"{o.Method} {o.Path}").Order();
        Assert.Equal(["delete /api/session", "post /api/session"], open);
        foreach (var (path, method, operation) in operations.Where(o => !o.Path.StartsWith("/api/session", StringComparison.Ordinal)))
        {
            Assert.Contains(operation["security"]!.AsArray(), r => r!["bearer"] is not null);
            Assert.True(operation["responses"]!["401"] is not null, $"{method} {path} lists no 401");
        }
    }

    [Fact]
    public async Task ProtectedRoutes_AsTheDocumentSays_Answer401WithoutAToken()
    {
        var document = await DocumentAsync();
        using var anonymous = factory.ClientAs(null);
        // Every parameterless GET the document marks as protected really is.
        var gets = Operations(document).Where(o => o.Method == "get" && !o.Path.Contains('{', StringComparison.Ordinal)
            && o.Operation["security"]!.AsArray().Any(r => r!["bearer"] is not null)).Select(o => o.Path).ToList();
        Assert.True(gets.Count >= 5, string.Join(", ", gets));
        foreach (var path in gets)
        {
            using var response = await anonymous.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"GET {path} without a token answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task EveryOperation_HasASummaryAndA2xxResponse()
    {
        var document = await DocumentAsync();
        var missing = Operations(document)
            .Where(o => string.IsNullOrWhiteSpace((string?)o.Operation["summary"])
                || !o.Operation["responses"]!.AsObject().Any(r => r.Key.StartsWith('2')))
            .Select(o => $"{o.Method} {o.Path}").ToList();
        Assert.True(missing.Count == 0, "no summary or no 2xx response: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task ReportsPost_TakesOneTypedReportOrABatchOfThem()
    {
        var document = await DocumentAsync();
        var schema = document["paths"]!["/api/reports"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!;
        var oneOf = schema["oneOf"]!.AsArray();
        Assert.Equal("#/components/schemas/ReportBody", (string?)oneOf[0]!["$ref"]);
        Assert.Equal("array", (string?)oneOf[1]!["type"]);
        Assert.Equal("#/components/schemas/ReportBody", (string?)oneOf[1]!["items"]!["$ref"]);
        Assert.Equal(500, (int)oneOf[1]!["maxItems"]!);

        var report = document["components"]!["schemas"]!["ReportBody"]!;
        Assert.Equal(["asOf", "reportId", "target", "unit", "value"], report["required"]!.AsArray().Select(r => (string)r!).Order());
        Assert.Equal(["asOf", "correction", "denominator", "note", "numerator", "reportId", "target", "unit", "value"],
            report["properties"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal("date", (string?)report["properties"]!["asOf"]!["format"]);
    }

    [Fact]
    public async Task ReportsPost_StillReadsTheBodyItselfWithChineseFieldErrors()
    {
        // The typed schema is documentation only: a misspelt field is still refused by name, in Chinese.
        using var client = factory.CreateClient();
        var body = new JsonObject { ["reportId"] = KejiApi.NewId("openapi"), ["target"] = "talent-teams", ["unit"] = "360702", ["asOf"] = "2025-06-30", ["vaule"] = 1 };
        using var response = await client.PostReportAsync(body);
        var errors = await response.AssertValidationProblemAsync("vaule");
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", errors["vaule"]![0]!.GetValue<string>());
    }
}
