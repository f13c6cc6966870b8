using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace KejiLive.Api.Tests.Support;

/// <summary>Tokens and the audit through the HTTP contract.</summary>
public static class SecurityApi
{
    /// <summary>Creates a token through <c>POST /api/tokens</c> (the client must be admin) and returns its text.</summary>
    public static async Task<string> CreateTokenAsync(HttpClient admin, string role, string? unit = null, string? name = null, int days = 30)
    {
        var body = new JsonObject { ["name"] = name ?? $"测试 {role} {unit}", ["role"] = role, ["expiresInDays"] = days };
        if (unit is not null) body["unit"] = unit;
        using var response = await admin.PostAsJsonAsync("/api/tokens", body);
        var json = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /api/tokens answered {(int)response.StatusCode}: {json.ToJsonString()}");
        return json["token"]!.GetValue<string>();
    }

    /// <summary>The newest audit entries (admin client), newest first.</summary>
    public static async Task<JsonArray> AuditAsync(HttpClient admin, string query = "") =>
        (await admin.GetJsonAsync("/api/audit" + query)).AsArray();
}
